// RUN: %check_acm %s acm-generator-missing-yield %t

#include "acm-task.h"

bool ready();

rt::async_cm<int> early_return(bool ok) {
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: generator-based manager 'early_return' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
  if (!ok)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: finishes here without having yielded
  co_yield 1;
}

rt::async_cm<int> one_branch_only(bool b) {
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: generator-based manager 'one_branch_only' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
  if (b)
    co_yield 1;
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: finishes here without having yielded

rt::async_cm<int> loop_may_not_run(int n) {
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: generator-based manager 'loop_may_not_run' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
  for (int i = 0; i < n; ++i) {
    co_yield i;
    break;
  }
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: finishes here without having yielded

// Correct: throwing is how a manager refuses to enter.
rt::async_cm<int> refuses(bool ok) {
  if (!ok)
    throw 42;
  co_yield 1;
}

rt::async_cm<int> always_yields(bool b) {
  if (b)
    co_yield 1;
  else
    co_yield 2;
}

// Ordinary generators may finish without yielding.
rt::generator<int> empty() { co_return; }
