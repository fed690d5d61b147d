// Types recognised by annotations from <acm/annotations.h>: every macro of
// the header is used here (ACM_GENERATOR_MANAGER also in use-after-exit.cpp).
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%acm_include

#include "acm-task.h"
#include <acm/annotations.h>

struct Transaction {
  ACM_ENTER rt::task<> begin();
  ACM_EXIT rt::task<> commit();
  ACM_EXIT rt::task<> rollback();
};

// A closeable by annotation, with an annotated close op.
class ACM_CLOSEABLE Socket {
public:
  ACM_CLOSE rt::task<> shutdown();
  void send(int);
};
Socket dial();

// A manager by annotation, with annotated ops.
class ACM_MANAGER Lease {
public:
  ACM_ENTER rt::task<> acquire();
  ACM_EXIT rt::task<> release();
  void renew();
};

// An exit stack by annotation: it has no enter_async_context, so its
// structure alone would not make it one.
class ACM_EXIT_STACK Cleanup {
public:
  template <typename F> void push_async_callback(F) {}
  rt::task<> aclose();
};

rt::task<> tx(bool ok) {
  Transaction t;
  co_await t.begin();
  if (!ok)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 't' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 't' entered here
  co_await t.commit();
}

rt::task<> tx_both_exits(bool ok) {
  Transaction t;
  co_await t.begin();
  if (!ok) {
    co_await t.rollback();
    co_return;
  }
  co_await t.commit();
}

rt::task<> discarded_annotated_exit() {
  Transaction t;
  co_await t.begin();
  t.commit();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 't' is not awaited: the result of 'commit' is discarded [acm-missing-exit-await]
}

rt::task<> socket_closed_on_one_path(bool b) {
  Socket s = dial();
  if (b)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: close of 's' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:10: note: 's' created here
  s.send(1);
  co_await s.shutdown();
  s.send(2);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 's' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

rt::task<> socket_close_discarded() {
  Socket s = dial();
  s.shutdown();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 's' is not awaited: the result of 'shutdown' is discarded [acm-missing-exit-await]
  co_return;
}

rt::task<> lease(bool b) {
  Lease l;
  co_await l.acquire();
  if (b)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'l' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'l' entered here
  l.renew();
  co_await l.release();
  co_await l.release();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'l' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first exit awaited here
}

rt::task<> cleanup(bool b) {
  Cleanup c;
  c.push_async_callback([] {});
  if (b)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit stack 'c' is not closed before 'co_return'; its pushed exits never run [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: exit pushed onto 'c' here
  co_await c.aclose();
}

// The same types used correctly: silent.
rt::task<> all_annotated_types_correct() {
  Lease l;
  co_await l.acquire();
  l.renew();
  co_await l.release();
  Socket s = dial();
  s.send(1);
  co_await s.shutdown();
  Cleanup c;
  c.push_async_callback([] {});
  co_await c.aclose();
}

// A parameter annotated ACM_TAKES_EXIT takes the exit over.
void adopt(ACM_TAKES_EXIT Transaction &t);
rt::task<> taken_over() {
  Transaction t;
  co_await t.begin();
  adopt(t);
}

void adopt_all(Resource &);
rt::task<> lent() {
  Resource r;
  co_await r.aenter();
  adopt_all(r);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-4]]:3: note: 'r' entered here
