// Coroutines and classes defined where only part of a coroutine is written
// code: inside the operand of co_await, co_yield and co_return, in a local
// class, in a default member initializer and in a default argument. acm-tidy
// finds the definitions it analyses without clang-tidy's matchers, skipping
// what the compiler builds around each co_await; the plugin finds them with
// the matchers. Both must find each of these once.
// RUN: %check_acm %s acm-missing-exit-await,acm-generator-missing-yield %t

#include "acm-task.h"

rt::task<> in_an_await_operand() {
  co_await []() -> rt::task<> {
    Resource r;
    co_await r.aenter();
  }();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: 'r' entered here
}

rt::value_task<rt::task<>> in_a_return_operand() {
  co_return []() -> rt::task<> {
    Resource r;
    co_await r.aenter();
  }();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: 'r' entered here
}

rt::async_cm<rt::task<>> in_a_yield_operand() {
  co_yield []() -> rt::task<> {
    Resource r;
    co_await r.aenter();
  }();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: 'r' entered here
}

// A generator-based manager in the operand of co_return.
rt::value_task<rt::async_cm<int>> generator_in_a_return_operand() {
  co_return []() -> rt::async_cm<int> {
    if (false)
      co_yield 1;
  }();
  // CHECK-NOTES: :[[@LINE-4]]:13: warning: generator-based manager lambda can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: finishes here without having yielded
}

rt::task<> in_a_local_class() {
  struct Local {
    rt::task<> run() {
      Resource r;
      co_await r.aenter();
    }
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-3]]:7: note: 'r' entered here
  };
  co_await Local{}.run();
}

struct InAMemberInitializer {
  rt::task<> job = []() -> rt::task<> {
    Resource r;
    co_await r.aenter();
  }();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: 'r' entered here
};

void in_a_default_argument(rt::task<> job = []() -> rt::task<> {
  Resource r;
  co_await r.aenter();
}());
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-3]]:3: note: 'r' entered here

// The same places with correct code: silent.
rt::task<> correct_operands() {
  co_await []() -> rt::task<> {
    Resource r;
    co_await r.aenter();
    co_await r.aexit();
  }();
  struct Local {
    rt::task<> run() {
      Stream s = open_stream();
      co_await s.aclose();
    }
  };
  co_await Local{}.run();
}
