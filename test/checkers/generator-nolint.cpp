// Suppression comments silence the generator checks where they report: the
// co_yield, or the coroutine's name for a missing yield.
// RUN: %check_acm %s acm-generator-multiple-yield,acm-generator-missing-yield,acm-generator-unprotected-yield %t

#include "acm-task.h"

rt::task<> release();

rt::async_cm<int> twice() {
  co_yield 1;
  co_yield 2; // NOLINT(acm-generator-multiple-yield)
}

rt::async_cm<int> maybe(bool b) { // NOLINT(acm-generator-missing-yield)
  if (b)
    co_yield 1;
}

// NOLINTBEGIN(acm-generator-unprotected-yield)
rt::async_cm<int> unprotected() {
  co_yield 1;
  co_await release();
}
// NOLINTEND(acm-generator-unprotected-yield)

// Another check's NOLINT does not silence this one.
rt::async_cm<int> other_check() {
  co_yield 1;
  // NOLINTNEXTLINE(acm-generator-missing-yield)
  co_yield 2;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: first 'co_yield' here
}
