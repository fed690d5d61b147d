// A test whose assertion failed fatally has ended: its path owes no exit
// (FatalFailureMacros). Everywhere else the protocol holds, also right
// below such an assertion.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t
// RUN: %check_acm --check-suffix=EH %s acm-missing-exit-await,acm-use-after-exit %t.eh --config="{CheckOptions: {acm.CheckExceptionPaths: true}}"
// With the option empty, a failed assertion is a path like any other:
// RUN: %check_acm --check-suffix=ALL %s acm-missing-exit-await,acm-use-after-exit %t.all --config="{CheckOptions: {acm.FatalFailureMacros: ''}}"

#include "acm-task.h"
#include "test-frameworks.h"

int answer() noexcept;

// folly coro/test/AsyncScopeTest.cpp: CO_ASSERT_EQ co_returns when it fails.
rt::task<> co_assert_before_the_exit() {
  Resource r;
  co_await r.aenter();
  CO_ASSERT_EQ(answer(), 42);
  // CHECK-NOTES-ALL: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES-ALL: test-frameworks.h:{{[0-9]+}}:{{[0-9]+}}: note: expanded from macro 'CO_ASSERT_EQ'
  // CHECK-NOTES-ALL: test-frameworks.h:{{[0-9]+}}:{{[0-9]+}}: note: expanded from macro 'CO_ASSERT_PRED_FORMAT2'
  // CHECK-NOTES-ALL: :[[@LINE-5]]:3: note: 'r' entered here
  co_await r.aexit();
}

// The assertion hides nothing below it: the missing exit is still found.
rt::task<> co_assert_then_the_exit_forgotten() {
  Resource r;
  co_await r.aenter();
  CO_ASSERT_EQ(answer(), 42);
  // CHECK-NOTES-ALL: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES-ALL: test-frameworks.h:{{[0-9]+}}:{{[0-9]+}}: note: expanded from macro 'CO_ASSERT_EQ'
  // CHECK-NOTES-ALL: test-frameworks.h:{{[0-9]+}}:{{[0-9]+}}: note: expanded from macro 'CO_ASSERT_PRED_FORMAT2'
  // CHECK-NOTES-ALL: :[[@LINE-5]]:3: note: 'r' entered here
  r.use();
  // CHECK-NOTES-EH: :[[@LINE-1]]:5: warning: exit of 'r' is not awaited if 'use' throws [acm-missing-exit-await]
  // CHECK-NOTES-EH: :[[@LINE-8]]:3: note: 'r' entered here
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-11]]:3: note: 'r' entered here
// CHECK-NOTES-EH: :[[@LINE-3]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES-EH: :[[@LINE-13]]:3: note: 'r' entered here
// Without FatalFailureMacros the failed assertion's co_return is the
// earliest place this enter is left behind, and the only one reported.

// Catch2's REQUIRE throws when it fails: with exception paths followed,
// that exception ends the test too. The user's own expression inside the
// macro still throws as itself.
int may_throw();
rt::task<> require_between_enter_and_exit() {
  Resource r;
  co_await r.aenter();
  REQUIRE(answer() == 42);
  REQUIRE(may_throw() == 42);
  // CHECK-NOTES-EH: :[[@LINE-1]]:11: warning: exit of 'r' is not awaited if 'may_throw' throws [acm-missing-exit-await]
  // CHECK-NOTES-EH: :[[@LINE-4]]:3: note: 'r' entered here
  co_await r.aexit();
}
