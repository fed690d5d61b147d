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

rt::task<> release(int);
[[noreturn]] void fail();

// Correct: refusing from inside the try of the exception_ptr pattern. The
// handler is reached by an exception, and rethrows it after the cleanup.
rt::async_cm<int> refuses_inside_try(bool ok) {
  std::exception_ptr error;
  try {
    if (!ok)
      throw 42;
    co_yield 1;
  } catch (...) {
    error = std::current_exception();
  }
  co_await release(1);
  if (error)
    std::rethrow_exception(error);
}

// Correct: a [[noreturn]] call ends the path like a throw.
rt::async_cm<int> noreturn_call(bool ok) {
  if (!ok)
    fail();
  co_yield 1;
}

// Correct: every case yields or refuses.
rt::async_cm<int> switch_cases(int k) {
  switch (k) {
  case 0:
    co_yield 0;
    break;
  case 1:
    co_yield 1;
    break;
  default:
    throw k;
  }
}

// A yield in a nested lambda does not count for the enclosing manager.
rt::async_cm<int> yield_only_in_lambda(bool b) {
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: generator-based manager 'yield_only_in_lambda' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
  auto inner = []() -> rt::generator<int> { co_yield 1; };
  (void)inner;
  if (b)
    co_yield 2;
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: finishes here without having yielded

// Templates: each instantiation is checked, reported once.
template <typename T> rt::async_cm<T> maybe_yield(bool b) {
  // CHECK-NOTES: :[[@LINE-1]]:39: warning: generator-based manager 'maybe_yield' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
  if (b)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: finishes here without having yielded
  co_yield T{};
}
template rt::async_cm<int> maybe_yield<int>(bool);
template rt::async_cm<long> maybe_yield<long>(bool);

// A generic coroutine is a manager only when instantiated with one.
template <typename G> G generic(bool b) {
  if (b)
    co_yield 1;
}
template rt::generator<int> generic<rt::generator<int>>(bool);

// A coroutine lambda is named as a lambda.
void lambda_manager() {
  auto maybe = [](bool b) -> rt::async_cm<int> {
    // CHECK-NOTES: :[[@LINE-1]]:16: warning: generator-based manager lambda can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
    if (b)
      co_yield 1;
  };
  // CHECK-NOTES: :[[@LINE-1]]:3: note: finishes here without having yielded
  (void)maybe;
}

// Member functions are managers like free functions.
struct Service {
  rt::async_cm<int> session(bool b) {
    // CHECK-NOTES: :[[@LINE-1]]:21: warning: generator-based manager 'session' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
    if (b)
      co_yield 1;
  }
  // CHECK-NOTES: :[[@LINE-1]]:3: note: finishes here without having yielded
};

// Correct: a function-try-block around the yield.
rt::async_cm<int> function_try_block() try {
  co_yield 1;
} catch (...) {
}

// A switch without a default, and a case that returns without yielding.
rt::async_cm<int> switch_without_default(int k) {
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: generator-based manager 'switch_without_default' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
  switch (k) {
  case 0:
    co_yield 0;
    break;
  case 1:
    co_yield 1;
    break;
  }
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: finishes here without having yielded

rt::async_cm<int> case_returns(int k) {
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: generator-based manager 'case_returns' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
  switch (k) {
  case 0:
    co_yield 0;
    break;
  case 1:
    co_return;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: finishes here without having yielded
  default:
    throw k;
  }
}
