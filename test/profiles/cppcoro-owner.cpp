// cppcoro classes that own an async_scope, whose destructor asserts the
// join even when nothing was spawned: silent as written, and each line
// marked EXIT is reported when deleted (owner-mutations.test).
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "cppcoro.h"

cppcoro::task<> job();

class BackgroundWorker {
  cppcoro::async_scope m_scope;

public:
  void post() { m_scope.spawn(job()); }
  cppcoro::task<> join() {
    co_await m_scope.join(); // EXIT(m_scope)
  }
};

// JoshuaRowePhantom/Phantom.ProtoStore AsyncScopeMixin: joined in its own
// Join(), not an exit method by name, which the class calls before it is
// destroyed.
class AsyncScopeMixin {
  cppcoro::async_scope m_asyncScope;

public:
  cppcoro::task<> Join() { co_await m_asyncScope.join(); }
};

// A scope without any exit method to join it.
class Orphan {
  cppcoro::async_scope m_scope;
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: 'Orphan' owns 'm_scope', which must be joined, but has no exit method that joins it [acm-missing-exit-await]

public:
  void post() { m_scope.spawn(job()); }
};
