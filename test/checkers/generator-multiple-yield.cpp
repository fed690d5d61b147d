// RUN: %check_acm %s acm-generator-multiple-yield %t

#include "acm-task.h"

rt::task<> release(int);

rt::async_cm<int> in_sequence() {
  co_yield 1;
  co_yield 2;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first 'co_yield' here
}

rt::async_cm<int> in_a_loop(int n) {
  for (int i = 0; i < n; ++i)
    co_yield i;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-2]]:5: note: reached again in a later iteration of the loop
}

rt::async_cm<int> branches_then_again(bool b) {
  if (b)
    co_yield 1;
  else
    co_yield 2;
  co_yield 3;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-5]]:5: note: first 'co_yield' here
}

rt::async_cm<int> across_a_try() {
  try {
    co_yield 1;
  } catch (...) {
  }
  co_yield 2;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-5]]:5: note: first 'co_yield' here
}

// Correct: exactly one yield on every path.
rt::async_cm<int> one_per_branch(bool b) {
  if (b) {
    co_yield 1;
  } else {
    co_yield 2;
  }
  co_await release(0);
}

rt::async_cm<int> switch_cases(int k) {
  switch (k) {
  case 0:
    co_yield 0;
    break;
  case 1:
    co_yield 1;
    break;
  default:
    co_yield -1;
    break;
  }
}

rt::async_cm<int> exception_ptr_pattern() {
  std::exception_ptr error;
  try {
    co_yield 1;
  } catch (...) {
    error = std::current_exception();
  }
  co_await release(1);
  if (error)
    std::rethrow_exception(error);
}

// Ordinary generators yield as often as they like.
rt::generator<int> counter(int n) {
  for (int i = 0; i < n; ++i)
    co_yield i;
  co_yield n;
}

// A coroutine lambda that is a generator-based manager.
void lambdas() {
  auto twice = []() -> rt::async_cm<int> {
    co_yield 1;
    co_yield 2;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: first 'co_yield' here
  };
  (void)twice;
}

// A yield in a lambda's init-capture belongs to the enclosing manager.
rt::async_cm<int> init_capture() {
  auto get = [v = (co_yield 1, 0)] { return v; };
  (void)get;
  co_yield 2;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-4]]:20: note: first 'co_yield' here
}

// ... but a yield in a nested lambda's body belongs to the lambda.
rt::async_cm<int> nested_generator() {
  auto inner = []() -> rt::generator<int> {
    co_yield 1;
    co_yield 2;
  };
  (void)inner;
  co_yield 3;
}

// Templates: each instantiation is checked, and reported once.
template <typename T> rt::async_cm<T> twice_in_template() {
  co_yield T{};
  co_yield T{};
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first 'co_yield' here
}
template rt::async_cm<int> twice_in_template<int>();
template rt::async_cm<long> twice_in_template<long>();

// Generic code: an ordinary generator when instantiated with one.
template <typename G> G generic_counter(int n) {
  for (int i = 0; i < n; ++i)
    co_yield i;
}
template rt::generator<int> generic_counter<rt::generator<int>>(int);

// A loop that leaves right after its yield yields once.
rt::async_cm<int> retry_until_ready(bool (*ready)()) {
  while (true) {
    if (ready()) {
      co_yield 1;
      break;
    }
    co_await release(0);
  }
}

// Fallthrough from one case into the next yields twice.
rt::async_cm<int> switch_fallthrough(int k) {
  switch (k) {
  case 0:
    co_yield 0;
    [[fallthrough]];
  case 1:
    co_yield 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
    // CHECK-NOTES: :[[@LINE-5]]:5: note: first 'co_yield' here
    break;
  default:
    co_yield 2;
  }
}

// A loop that may go round again after its yield.
rt::async_cm<int> yield_then_maybe_return() {
  while (true) {
    co_yield 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: reached again in a later iteration of the loop
    if (ready())
      co_return;
  }
}

// A backward goto is a loop too.
rt::async_cm<int> goto_back() {
again:
  co_yield 1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: reached again in a later iteration of the loop
  if (ready())
    goto again;
}

// Only the instantiation whose if constexpr keeps the first yield is
// reported.
template <bool Twice> rt::async_cm<int> maybe_twice() {
  if constexpr (Twice)
    co_yield 1;
  co_yield 2;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: first 'co_yield' here
}
template rt::async_cm<int> maybe_twice<true>();
template rt::async_cm<int> maybe_twice<false>();

// Member functions are checked like free functions.
struct Service {
  rt::async_cm<int> twice() {
    co_yield 1;
    co_yield 2;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: first 'co_yield' here
  }
};
