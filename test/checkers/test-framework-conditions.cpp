// Conditions clang's CFG builder does not fold but whose value is known:
// test frameworks' assertion macros loop `while (dummy_cond())` and branch
// on always-true conversions. Correct code stays silent.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t

#include "acm-task.h"
#include "test-frameworks.h"

// seastar tests/unit/gate_test.cc: the exit awaited once, in a Boost.Test
// tool, whose do-while never runs twice.
rt::task<> boost_tool_awaits_the_exit_once() {
  Resource r;
  co_await r.aenter();
  BOOST_REQUIRE_NO_THROW(co_await r.aexit());
}
rt::task<> boost_check_between_enter_and_exit() {
  Resource r;
  co_await r.aenter();
  BOOST_CHECK((r.use(), true));
  co_await r.aexit();
}

// folly coro/test/AsyncScopeTest.cpp: EXPECT_THROW's else is reached only
// through its goto, after the statement ran.
struct Failure {};
rt::task<> gtest_expect_throw_awaits_the_exit() {
  Resource r;
  co_await r.aenter();
  EXPECT_THROW(co_await r.aexit(), Failure);
}
rt::task<> gtest_expect_no_throw_awaits_the_exit() {
  Resource r;
  co_await r.aenter();
  EXPECT_NO_THROW(co_await r.aexit());
  r.use();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:19: note: exit awaited here
}

// Known values only where the definition is visible and cannot be
// overridden: an opaque or virtual condition still splits the paths.
bool opaque_condition();
struct Base {
  virtual bool done() const { return true; }
};
rt::task<> opaque_condition_splits(const Base &b) {
  Resource r;
  co_await r.aenter();
  if (b.done())
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'r' entered here
  do {
    co_await r.aexit();
  } while (opaque_condition());
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: exit of 'r' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: first exit awaited here
  // CHECK-NOTES: :[[@LINE-4]]:5: note: the second exit happens in a later loop iteration than the first
}

// A helper whose definition returns a constant is one.
inline bool never() { return false; }
inline bool always() { return !never(); }
rt::task<> visible_constant_helpers() {
  Resource r;
  co_await r.aenter();
  if (never())
    co_return;
  while (always()) {
    co_await r.aexit();
    break;
  }
}
