// folly::coro services that own scopes, in the shapes folly's users write
// them (each class names the code it follows): silent as written, and each
// line marked EXIT is reported when deleted (owner-mutations.test).
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "folly.h"

folly::coro::Task<void> work();
bool cancelled();

// facebookincubator/axiom Runner::Deadline: the scope joined in co_stop().
class Deadline {
  folly::coro::CancellableAsyncScope scope_;

public:
  void arm() { scope_.add(work()); }
  folly::coro::Task<void> co_stop() {
    co_await scope_.cancelAndJoinAsync(); // EXIT(scope_)
  }
};

// axiom LocalRunner: co_close() joins once, under a flag it sets; the
// destructor is no exit method.
class LocalRunner {
  folly::coro::CancellableAsyncScope splitScope_;
  folly::coro::AsyncScope reapScope_;
  bool splitScopeJoined_ = false;

public:
  void start() {
    splitScope_.add(work());
    reapScope_.add(work());
  }
  folly::coro::Task<void> co_close() {
    if (!splitScopeJoined_) {
      splitScopeJoined_ = true;
      co_await splitScope_.cancelAndJoinAsync(); // EXIT(splitScope_)
    }
    co_await reapScope_.joinAsync(); // EXIT(reapScope_)
  }
};

// fbthrift PerturbSource: joined in the destructor, with blockingWait.
class PerturbSource {
  folly::coro::AsyncScope asyncScope_;

public:
  void start() { asyncScope_.add(work()); }
  ~PerturbSource() { folly::coro::blockingWait(asyncScope_.joinAsync()); }
};

// tenzir: a method named for what it does, called before destruction.
class Operator {
  folly::coro::CancellableAsyncScope scope_;

public:
  void spawn() { scope_.add(work()); }
  auto cancel_and_join() -> folly::coro::Task<void> {
    co_await scope_.cancelAndJoinAsync();
  }
};

// A scope nothing is added to owes nothing (folly checks only after add).
class Quiet {
  folly::coro::AsyncScope scope_;

public:
  folly::coro::Task<void> co_stop() { co_return; }
};

// A service whose stop returns early once cancelled: its scope is left
// unjoined on that path.
class Indexer {
  folly::coro::AsyncScope scope_;

public:
  void index() { scope_.add(work()); }
  folly::coro::Task<void> co_stop() {
    if (cancelled())
      co_return;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: exit of member 'scope_' is not awaited before 'co_return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-8]]:27: note: 'scope_' is a member of 'Indexer', declared here
    // CHECK-NOTES: :[[@LINE-6]]:18: note: 'scope_' entered here, in 'index'
    co_await scope_.joinAsync();
  }
};
