// The Boost.Cobalt profile: any class with an awaitable await_exit.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "acm-task.h"
#include "cobalt.h"

struct Lock {
  boost::cobalt::promise<void> await_exit(std::exception_ptr) &&;
  boost::cobalt::promise<void> await_exit(std::exception_ptr) &;
};
Lock make_lock();

rt::task<> teardown_skipped(bool fail) {
  Lock lock = make_lock();
  if (fail)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: close of 'lock' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:8: note: 'lock' created here
  co_await lock.await_exit(nullptr);
}

rt::task<> teardown_awaited() {
  Lock lock = make_lock();
  co_await lock.await_exit(nullptr);
}

// cobalt::with takes the exit over.
rt::task<> with_helper() {
  Lock lock = make_lock();
  co_await boost::cobalt::with(std::move(lock), [](Lock &) {});
}
