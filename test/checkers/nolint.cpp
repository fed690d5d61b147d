// Suppression comments (as in clang-tidy) silence findings.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t

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

// Without a list of checks, each form silences every check.
rt::task<> bare_nolint() {
  Resource r;
  co_await r.aenter();
  co_return; // NOLINT
}

rt::task<> bare_nolint_next_line() {
  Resource r;
  co_await r.aenter();
  // NOLINTNEXTLINE
  co_return;
}

// NOLINTBEGIN
rt::task<> bare_nolint_block() {
  Resource r;
  co_await r.aenter();
}
// NOLINTEND

// acm-use-after-exit findings, and a glob.
rt::task<> use_after_exit_suppressed() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
  r.use(); // NOLINT(acm-use-after-exit)
  // NOLINTNEXTLINE(acm-use-after-exit)
  co_await r.aexit();
  Stream s = open_stream();
  s.aclose(); // NOLINT(acm-*)
}

// A region for another check leaves this one's findings.
rt::task<> region_of_other_check() {
  // NOLINTBEGIN(acm-use-after-exit)
  Resource r;
  co_await r.aenter();
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'r' entered here
  // NOLINTEND(acm-use-after-exit)
}
