// With CheckExceptionPaths, an owner exit's members are also owed on the
// paths where a call throws.
// RUN: %check_acm %s acm-missing-exit-await %t --config="{CheckOptions: {acm.CheckExceptionPaths: true}}"

#include "acm-task.h"

void may_throw();
void never_throws() noexcept;

class Two {
  Stream a_, b_;

public:
  Two() : a_(open_stream()), b_(open_stream()) {}
  rt::task<> aclose() {
    co_await a_.aclose();
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: close of member 'b_' is not awaited if 'aclose' throws [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-7]]:14: note: 'b_' is a member of 'Two', declared here
    may_throw();
    co_await b_.aclose();
  }
};

// The exits captured, awaited, then the error rethrown: silent.
class Careful {
  Stream a_;

public:
  Careful() : a_(open_stream()) {}
  rt::task<> aclose() {
    std::exception_ptr error;
    try {
      may_throw();
    } catch (...) {
      error = std::current_exception();
    }
    never_throws();
    co_await a_.aclose();
    if (error)
      std::rethrow_exception(error);
  }
};
