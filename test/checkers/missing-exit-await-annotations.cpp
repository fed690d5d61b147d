// Types recognised by annotations from <acm/annotations.h>.
// RUN: %check_acm %s acm-missing-exit-await %t -- -I%acm_include

#include "acm-task.h"
#include <acm/annotations.h>

struct Transaction {
  ACM_ENTER rt::task<> begin();
  ACM_EXIT rt::task<> commit();
  ACM_EXIT rt::task<> rollback();
};

class ACM_CLOSEABLE Socket {
public:
  rt::task<> shutdown();
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

// An annotated closeable without any structural op is born entered; it has
// no known exit op, so it can only be handed off.
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
