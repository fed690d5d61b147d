// The clauses of the Types option that say when an entry ends before the
// object dies, that an exit may be awaited again, or that a type is not
// part of the protocol.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t --config="{CheckOptions: {acm.Types: 'mylib::Pool{enter: acquire, lend, run; exit: drain; once; guards: lend; leave: release; done-when-awaited: run; idempotent-exit} mylib::Loop{}'}}"

#include "acm-task.h"

namespace mylib {
struct Lease {
  ~Lease();
};
struct Pool {
  void acquire();
  void release();
  Lease lend();
  rt::task<> run(rt::task<>);
  rt::task<> drain();
};
// Structurally a closeable; the empty entry takes it out.
struct Loop {
  rt::task<> aclose();
};
} // namespace mylib

void keep(mylib::Lease);

rt::task<> acquired_not_drained() {
  mylib::Pool pool;
  pool.acquire();
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'pool' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'pool' entered here
}

// A lease handed on outlives the coroutine.
rt::task<> lease_handed_on() {
  mylib::Pool pool;
  keep(pool.lend());
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'pool' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: 'pool' entered here
}

// However the entry ends, entering a single-use object after its exit is
// reported.
rt::task<> lent_after_drain() {
  mylib::Pool pool;
  co_await pool.drain();
  auto lease = pool.lend();
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'pool' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

rt::task<> run_after_drain() {
  mylib::Pool pool;
  co_await pool.drain();
  co_await pool.run(rt::task<>());
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'pool' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

// Correct: entries that end here need no drain, and draining again is
// harmless.
rt::task<> entries_that_end_here() {
  mylib::Pool pool;
  auto lease = pool.lend();
  pool.lend();
  pool.acquire();
  pool.release();
  co_await pool.run(rt::task<>());
}

rt::task<> drained_twice() {
  mylib::Pool pool;
  pool.acquire();
  co_await pool.drain();
  co_await pool.drain();
}

rt::task<> not_tracked() {
  mylib::Loop loop;
  co_return;
}
