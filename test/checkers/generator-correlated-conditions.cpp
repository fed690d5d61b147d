// Yields under tests of the same condition variable (a local or by-value
// parameter of scalar type that nothing else can change): the paths that
// took different sides are kept apart, as in the exit analysis.
// RUN: %check_acm %s acm-generator-multiple-yield,acm-generator-missing-yield %t

#include "acm-task.h"

int compute();

// Opposite tests of one flag: exactly one yield on every path.
rt::async_cm<int> either(bool fast) {
  if (fast)
    co_yield 1;
  if (!fast)
    co_yield 2;
}

// A flag set next to the yield, and a fallback yield when it was not.
rt::async_cm<int> first_match(const int *values, int count) {
  bool yielded = false;
  for (int i = 0; i < count; ++i) {
    if (values[i] > 0) {
      co_yield values[i];
      yielded = true;
      break;
    }
  }
  if (!yielded)
    co_yield 0;
}

// A pointer tested twice.
rt::async_cm<int> cached_or_computed(const int *cached) {
  if (cached)
    co_yield *cached;
  int fresh = cached ? 0 : compute();
  if (!cached)
    co_yield fresh;
}

// The same test twice: both yields run when the flag is set, and none
// when it is not.
// CHECK-NOTES: :[[@LINE+2]]:19: warning: generator-based manager 'same_test_twice' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
// CHECK-NOTES: :[[@LINE+8]]:1: note: finishes here without having yielded
rt::async_cm<int> same_test_twice(bool fast) {
  if (fast)
    co_yield 1;
  if (fast)
    co_yield 2;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-4]]:5: note: first 'co_yield' here
}

// A new value between the tests: the second test is not known to agree.
// CHECK-NOTES: :[[@LINE+2]]:19: warning: generator-based manager 'reassigned' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
// CHECK-NOTES: :[[@LINE+9]]:1: note: finishes here without having yielded
rt::async_cm<int> reassigned(bool fast) {
  if (fast)
    co_yield 1;
  fast = compute() > 0;
  if (!fast)
    co_yield 2;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-5]]:5: note: first 'co_yield' here
}

struct Config {
  bool fast;
};

// A member can change behind the analysis' back (any call may change it):
// its tests are not correlated.
// CHECK-NOTES: :[[@LINE+2]]:19: warning: generator-based manager 'member_flag' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
// CHECK-NOTES: :[[@LINE+8]]:1: note: finishes here without having yielded
rt::async_cm<int> member_flag(Config &config) {
  if (config.fast)
    co_yield 1;
  if (!config.fast)
    co_yield 2;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-4]]:5: note: first 'co_yield' here
}
