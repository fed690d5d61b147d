// acm.DisabledProfiles switches a profile off by name.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t --config="{CheckOptions: {acm.DisabledProfiles: 'seastar'}}" -- -I%S/Inputs

#include "acm-task.h"
#include "seastar.h"

seastar::output_stream<char> make_output();

rt::task<> stream_not_closed() {
  seastar::output_stream<char> out = make_output();
  co_await out.write("x", 1);
}
