// A generator-based manager in a test: the path on which a fatal assertion
// failed (FatalFailureMacros) has ended the test and owes no co_yield.
// RUN: %check_acm %s acm-generator-missing-yield %t
// With the option empty, a failed assertion is a path like any other:
// RUN: %check_acm --check-suffix=ALL %s acm-generator-missing-yield %t.all --config="{CheckOptions: {acm.FatalFailureMacros: ''}}"

#include "acm-task.h"
#include "test-frameworks.h"

int answer() noexcept;

// folly's CO_ASSERT_EQ co_returns when it fails.
rt::async_cm<int> asserts_then_yields() {
  // CHECK-NOTES-ALL: :[[@LINE-1]]:19: warning: generator-based manager 'asserts_then_yields' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
  CO_ASSERT_EQ(answer(), 42);
  // CHECK-NOTES-ALL: :[[@LINE-1]]:3: note: finishes here without having yielded
  // CHECK-NOTES-ALL: test-frameworks.h:{{[0-9]+}}:{{[0-9]+}}: note: expanded from macro 'CO_ASSERT_EQ'
  // CHECK-NOTES-ALL: test-frameworks.h:{{[0-9]+}}:{{[0-9]+}}: note: expanded from macro 'CO_ASSERT_PRED_FORMAT2'
  co_yield 1;
}

// Below the assertion, a path without a yield is still reported.
rt::async_cm<int> asserts_then_may_skip(bool ok) {
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: generator-based manager 'asserts_then_may_skip' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
  // CHECK-NOTES-ALL: :[[@LINE-2]]:19: warning: generator-based manager 'asserts_then_may_skip' can finish without 'co_yield': it must yield exactly once (Python raises "generator didn't yield") [acm-generator-missing-yield]
  CO_ASSERT_EQ(answer(), 42);
  // CHECK-NOTES-ALL: :[[@LINE-1]]:3: note: finishes here without having yielded
  // CHECK-NOTES-ALL: test-frameworks.h:{{[0-9]+}}:{{[0-9]+}}: note: expanded from macro 'CO_ASSERT_EQ'
  // CHECK-NOTES-ALL: test-frameworks.h:{{[0-9]+}}:{{[0-9]+}}: note: expanded from macro 'CO_ASSERT_PRED_FORMAT2'
  if (!ok)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: finishes here without having yielded
  co_yield 1;
}
