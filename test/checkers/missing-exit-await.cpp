// RUN: %check_acm %s acm-missing-exit-await %t

#include "acm-task.h"

rt::task<> early_co_return(bool fail) {
  Resource r;
  co_await r.aenter();
  if (fail)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'r' entered here
  co_await r.aexit();
}

rt::task<> falls_off_the_end() {
  Resource r;
  co_await r.aenter();
  r.use();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-4]]:3: note: 'r' entered here

rt::task<> inner_scope() {
  {
    Resource r;
    co_await r.aenter();
  }
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited before the end of its scope [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: 'r' entered here
  co_return;
}

rt::task<> break_out(int n) {
  for (int i = 0; i < n; ++i) {
    Resource r;
    co_await r.aenter();
    if (i == 3)
      break;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: exit of 'r' is not awaited before 'break' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'r' entered here
    co_await r.aexit();
  }
}

rt::task<> continue_out(int n) {
  for (int i = 0; i < n; ++i) {
    Stream s = open_stream();
    if (i % 2)
      continue;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: close of 's' is not awaited before 'continue' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-4]]:12: note: 's' created here
    co_await s.aclose();
  }
}

rt::task<> goto_out(bool bail) {
  {
    Resource r;
    co_await r.aenter();
    if (bail)
      goto done;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: exit of 'r' is not awaited before 'goto' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'r' entered here
    co_await r.aexit();
  }
done:
  co_return;
}

// Only one of the two branches exits.
rt::task<> one_branch(bool b) {
  Resource r;
  co_await r.aenter();
  if (b) {
    co_await r.aexit();
  } else {
    r.use();
  }
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-8]]:3: note: 'r' entered here

// A switch case that leaves without exiting.
rt::task<> switch_case(int k) {
  Resource r;
  co_await r.aenter();
  switch (k) {
  case 0:
    co_return;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is not awaited before 'co_return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-5]]:3: note: 'r' entered here
  default:
    break;
  }
  co_await r.aexit();
}

// Closeables are born entered, also as by-value parameters.
rt::task<> closeable_param(Stream s) {
  s.write(1);
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: close of 's' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:35: note: 's' received here
}

rt::task<> closeable_local() {
  auto s = open_stream();
  co_await rt::when_all();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: close of 's' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-4]]:8: note: 's' created here

// Assigning a new value drops the entered one.
rt::task<> reassigned() {
  Resource r;
  co_await r.aenter();
  r = Resource();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited before it is assigned a new value [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'r' entered here
  co_await r.aenter();
  co_await r.aexit();
}

// An entered temporary dies at the end of the full-expression.
rt::task<> entered_temporary() {
  co_await Resource().aenter();
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: temporary 'Resource' is entered but its exit can never be awaited; it is destroyed at the end of the full-expression [acm-missing-exit-await]
}

// Two paths leak: one finding, at the first.
rt::task<> two_leaks(int k) {
  Resource r;
  co_await r.aenter();
  if (k == 1)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'r' entered here
  if (k == 2)
    co_return;
  co_await r.aexit();
}

// Each object gets its own finding.
rt::task<> two_objects() {
  Resource a;
  Resource b;
  co_await a.aenter();
  co_await b.aenter();
  co_await a.aexit();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'b' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-4]]:3: note: 'b' entered here

// The async_enter/async_exit spelling.
struct Session {
  rt::task<> async_enter();
  rt::task<> async_exit();
};
rt::task<> other_spelling() {
  Session s;
  co_await s.async_enter();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 's' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-3]]:3: note: 's' entered here

// A stored exit that is never awaited.
rt::task<> stored_exit() {
  Resource r;
  co_await r.aenter();
  auto pending = r.aexit();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' stored in 'pending' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-3]]:20: note: exit of 'r' stored in 'pending' here

// The close op's return type is a specialization nothing instantiates: the
// type is still recognised from the template.
template <typename T> struct lazy {
  struct promise_type;
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) const noexcept;
  T await_resume() const noexcept;
};
struct Pipe {
  lazy<int> aclose();
};
rt::task<> never_closed_pipe() {
  Pipe p;
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: close of 'p' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: 'p' created here
}

// A helper that only looks at the object borrows it: the exit is still
// owed here.
rt::task<> inspect_only(Resource &r) {
  r.use();
  co_return;
}
rt::task<> borrowed_by_a_helper() {
  Resource r;
  co_await r.aenter();
  co_await inspect_only(r);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-4]]:3: note: 'r' entered here

// Two enters whose paths merge are owed each on its own: the first one's
// finding at the early return does not hide the second one's at the end.
bool unknowable();
rt::task<> enters_merged_after_one_leaked() {
  Resource r;
  if (unknowable()) {
    co_await r.aenter();
    if (unknowable())
      co_return;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: exit of 'r' is not awaited before 'co_return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'r' entered here
  } else {
    co_await r.aenter();
  }
  r.use();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-5]]:5: note: 'r' entered here
