// RUN: %check_acm %s acm-unawaited-enter %t

#include "acm-task.h"

rt::task<> discarded_enter() {
  Resource r;
  r.aenter();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: enter of 'r' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  co_await r.aenter();{{$}}
  co_await r.aexit();
}

rt::task<> void_cast() {
  Resource r;
  (void)r.aenter();
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: enter of 'r' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  (void)co_await r.aenter();{{$}}
  co_return;
}

rt::task<> stack_enter() {
  ExitStack stack;
  Resource r;
  stack.enter_async_context(r);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: enter of 'stack' is not awaited: the result of 'enter_async_context' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  co_await stack.enter_async_context(r);{{$}}
  co_return;
}

// No fix-it in a handler, where co_await is not allowed.
rt::task<> in_handler() {
  Resource r;
  try {
    r.use();
  } catch (...) {
    r.aenter();
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: enter of 'r' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
    // CHECK-FIXES: {{^}}    r.aenter();{{$}}
  }
  co_return;
}

// Correct: awaited, directly or later.
rt::task<> awaited() {
  Resource a, b;
  co_await a.aenter();
  auto pending = b.aenter();
  co_await pending;
  co_await rt::when_all(a.aexit(), b.aexit());
}

// Not the protocol.
rt::task<> lookalike() {
  SyncLookalike s;
  s.aenter();
  co_return;
}
