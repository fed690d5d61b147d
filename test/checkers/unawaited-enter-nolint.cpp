// Suppression comments silence acm-unawaited-enter, and its fix-it.
// RUN: %check_acm %s acm-unawaited-enter %t

#include "acm-task.h"

rt::task<> silenced() {
  Resource r;
  r.aenter(); // NOLINT(acm-unawaited-enter)
  // CHECK-FIXES: {{^}}  r.aenter(); // NOLINT(acm-unawaited-enter){{$}}
  // NOLINTNEXTLINE(acm-*)
  (void)r.aenter();
  // CHECK-FIXES: {{^}}  (void)r.aenter();{{$}}
  co_await r.aexit();
}
