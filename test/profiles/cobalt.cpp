// The Boost.Cobalt profile: any class with an awaitable await_exit.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "cobalt.h"

struct Lock {
  boost::cobalt::promise<void> await_exit(std::exception_ptr) &&;
  boost::cobalt::promise<void> await_exit(std::exception_ptr) &;
  void touch();
};
Lock make_lock();
bool failed();

boost::cobalt::promise<void> teardown_skipped() {
  Lock lock = make_lock();
  if (failed())
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'lock' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:8: note: 'lock' created here
  co_await lock.await_exit(nullptr);
}

boost::cobalt::task<void> used_after_teardown() {
  Lock lock = make_lock();
  co_await lock.await_exit(nullptr);
  lock.touch();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'lock' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

// Correct.
boost::cobalt::promise<void> teardown_awaited() {
  Lock lock = make_lock();
  lock.touch();
  co_await lock.await_exit(nullptr);
}

// cobalt::with awaits the teardown itself.
boost::cobalt::promise<void> with_helper() {
  Lock lock = make_lock();
  co_await boost::cobalt::with(std::move(lock), [](Lock &) {});
}

// A synchronous await_exit is not the protocol.
struct SyncExit {
  void await_exit(std::exception_ptr);
};
boost::cobalt::promise<void> synchronous_look_alike() {
  SyncExit s;
  co_return;
}

// A wait_group has an await_exit, but awaiting the group itself or its
// wait() waits for its tasks too, and an empty group needs nothing: it is
// not tracked.
boost::cobalt::promise<void> job(int);
boost::cobalt::promise<void> wait_groups() {
  boost::cobalt::wait_group unused;
  boost::cobalt::wait_group awaited;
  awaited.push_back(job(1));
  co_await awaited;
  boost::cobalt::wait_group waited;
  waited.push_back(job(2));
  co_await waited.wait();
}

// As Boost.Cobalt's examples write it: a resource handed to with().
boost::cobalt::promise<void> with_temporary() {
  co_await boost::cobalt::with(make_lock(), [](Lock &l) { l.touch(); });
}
