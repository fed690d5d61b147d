// Owner exits of classes described with the annotations, and with the
// OwnerExitMethods option.
// RUN: %check_acm %s acm-missing-exit-await %t --config="{CheckOptions: {acm.OwnerExitMethods: 'app::Service::shutdown'}}" -- -I%acm_include

#include "acm-task.h"
#include <acm/annotations.h>

bool failed();

struct ACM_CLOSEABLE Channel {
  ACM_CLOSE rt::task<> shut();
};
Channel open_channel();

// The class's own annotated close op is its owner exit.
class ACM_CLOSEABLE Mux {
  Channel a_, b_;

public:
  Mux() : a_(open_channel()), b_(open_channel()) {}
  ACM_CLOSE rt::task<> shut() {
    co_await a_.shut();
    if (failed())
      co_return;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: close of member 'b_' is not awaited before 'co_return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-9]]:15: note: 'b_' is a member of 'Mux', declared here
    co_await b_.shut();
  }
};

namespace app {
// A method the option names.
class Service {
  Channel link_;

public:
  Service() : link_(open_channel()) {}
  rt::task<> shutdown() { co_return; }
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: close of member 'link_' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-6]]:11: note: 'link_' is a member of 'Service', declared here
};

// The same name in another class is no owner exit, and that class has no
// other: its member is reported where it is declared.
class Other {
  Channel link_;
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: 'Other' owns 'link_', which must be closed, but has no exit method that closes it [acm-missing-exit-await]

public:
  Other() : link_(open_channel()) {}
  rt::task<> shutdown() { co_return; }
};
} // namespace app
