// Suppression comments (as in clang-tidy) silence findings.
// RUN: %check_acm %s acm-missing-exit-await %t

#include "acm-task.h"

rt::task<> nolint() {
  Resource r;
  co_await r.aenter();
  co_return; // NOLINT(acm-missing-exit-await)
}

rt::task<> nolint_next_line() {
  Resource r;
  co_await r.aenter();
  // NOLINTNEXTLINE(acm-*)
  co_return;
}

// NOLINTBEGIN(acm-missing-exit-await)
rt::task<> nolint_block() {
  Stream s = open_stream();
  s.aclose();
  co_return;
}
// NOLINTEND(acm-missing-exit-await)

// Other checks' NOLINT does not silence this one.
rt::task<> other_check() {
  Resource r;
  co_await r.aenter();
  co_return; // NOLINT(bugprone-use-after-move)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'r' entered here
}
