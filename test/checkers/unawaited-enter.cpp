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

// No fix-it where the promise forbids co_await (as std::generator's does).
template <typename T> struct no_await_generator {
  struct promise_type {
    no_await_generator get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T) noexcept { return {}; }
    template <typename U> void await_transform(U &&) = delete;
    void return_void() {}
    void unhandled_exception() {}
  };
};
no_await_generator<int> in_generator() {
  Resource r;
  r.aenter();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: enter of 'r' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  r.aenter();{{$}}
  co_yield 1;
}

// Other shapes of a discarded enter, with the fix-it where it is certain.
#define ENTER(x) x.aenter()
rt::task<> shapes(bool b) {
  Resource r;
  static_cast<void>(r.aenter());
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: enter of 'r' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  static_cast<void>(co_await r.aenter());{{$}}
  if (b)
    std::move(r).aenter();
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: enter of 'r' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}    co_await std::move(r).aenter();{{$}}
  ENTER(r);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: enter of 'r' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-NOTES: :[[@LINE-12]]:20: note: expanded from macro 'ENTER'
  // CHECK-FIXES: {{^}}  ENTER(r);{{$}}
  co_return;
}

// Not a coroutine: co_await cannot be added, and nothing is checked.
void not_a_coroutine() {
  Resource r;
  r.aenter();
}

// No fix-it in the initializer of a static local, where co_await is not
// allowed.
rt::task<> in_static_initializer() {
  Resource r;
  static int once = (r.aenter(), 0);
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: enter of 'r' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  static int once = (r.aenter(), 0);{{$}}
  (void)once;
  co_return;
}

// The init-statements of for, if and range-for discard their value, like
// a statement of their own.
rt::task<> in_init_statements(bool b) {
  Resource r, s, t;
  for (r.aenter(); b;)
    b = false;
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: enter of 'r' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  for (co_await r.aenter(); b;){{$}}
  if (s.aenter(); b)
    b = false;
  // CHECK-NOTES: :[[@LINE-2]]:9: warning: enter of 's' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  if (co_await s.aenter(); b){{$}}
  int xs[] = {1, 2};
  for (t.aenter(); int x : xs)
    (void)x;
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: enter of 't' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  for (co_await t.aenter(); int x : xs){{$}}
  co_return;
}

// Both arms of a discarded conditional operator are discarded. No fix-it:
// "co_await " before one arm alone changes that arm's type.
rt::task<> conditional_arms(bool b) {
  Resource r, s;
  b ? r.aenter() : s.aenter();
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: enter of 'r' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-NOTES: :[[@LINE-2]]:22: warning: enter of 's' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  b ? r.aenter() : s.aenter();{{$}}
  (void)(b ? r.aenter() : s.aenter());
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: enter of 'r' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-NOTES: :[[@LINE-2]]:29: warning: enter of 's' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  (void)(b ? r.aenter() : s.aenter());{{$}}
  co_return;
}

// Both sides of a discarded comma expression are discarded.
rt::task<> comma_sides() {
  Resource r, s;
  r.aenter(), s.aenter();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: enter of 'r' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-NOTES: :[[@LINE-2]]:17: warning: enter of 's' is not awaited: the result of 'aenter' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  co_await r.aenter(), co_await s.aenter();{{$}}
  co_return;
}

// Correct: a conditional operator whose chosen enter is awaited.
rt::task<> conditional_awaited(bool b) {
  Resource r, s;
  co_await (b ? r.aenter() : s.aenter());
  co_await (b ? r.aexit() : s.aexit());
}
