// Checks that read different options analyse with their own model: with the
// seastar profile switched off for one of two checks, that check reports
// nothing of Seastar's types and the other still reports what it sees.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t --config="{CheckOptions: {acm-missing-exit-await.DisabledProfiles: seastar}}" --check-suffix=USE -- -I%S/Inputs
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t --config="{CheckOptions: {acm-use-after-exit.DisabledProfiles: seastar}}" --check-suffix=EXIT -- -I%S/Inputs

#include "seastar.h"

seastar::output_stream<char> make_output();

seastar::future<> stream_not_closed() {
  seastar::output_stream<char> out = make_output();
  co_await out.write("x", 1);
}
// CHECK-MESSAGES-EXIT: :[[@LINE-1]]:1: warning: close of 'out' is not awaited before the end of the coroutine [acm-missing-exit-await]

seastar::future<> write_after_close() {
  seastar::output_stream<char> out = make_output();
  co_await out.close();
  co_await out.write("x", 1);
  // CHECK-MESSAGES-USE: :[[@LINE-1]]:12: warning: 'out' is used after its exit was awaited [acm-use-after-exit]
}
