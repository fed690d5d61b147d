// acm.DisabledProfiles switches a profile off by name: through --config,
// through a .clang-tidy file, and for one check only. The same code is
// reported with the profile on (seastar.cpp).
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit,acm-unawaited-enter %t --config="{CheckOptions: {acm.DisabledProfiles: 'cobalt;seastar'}}" -- -I%S/Inputs
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: printf 'CheckOptions:\n  acm.DisabledProfiles: seastar\n' > %t.dir/.clang-tidy
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit,acm-unawaited-enter %t.dir/file -- -I%S/Inputs
// RUN: %check_acm %s acm-missing-exit-await %t --config="{CheckOptions: {acm-missing-exit-await.DisabledProfiles: seastar}}" -- -I%S/Inputs

#include "seastar.h"

seastar::output_stream<char> make_output();
struct Service {
  seastar::future<> stop();
};

seastar::future<> stream_not_closed() {
  seastar::output_stream<char> out = make_output();
  co_await out.write("x", 1);
}

seastar::future<> sharded_not_stopped() {
  seastar::sharded<Service> svc;
  svc.start();
  co_return;
}

seastar::future<> write_after_close() {
  seastar::output_stream<char> out = make_output();
  co_await out.close();
  co_await out.write("x", 1);
}
