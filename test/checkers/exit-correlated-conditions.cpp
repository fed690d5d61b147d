// Branches that test the same condition variable are correlated: a path
// that entered under "if (fast)" is the path that exits under the next
// "if (fast)". Condition variables are locals and by-value parameters of
// scalar type or std::exception_ptr that are only read or assigned.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t

#include "acm-task.h"

void touch(bool &);

rt::task<> same_parameter(bool fast) {
  Resource r;
  if (fast)
    co_await r.aenter();
  r.use();
  if (fast)
    co_await r.aexit();
}

rt::task<> negated_and_compared(bool slow, Resource *peer) {
  Resource r, s;
  if (!slow)
    co_await r.aenter();
  if (peer != nullptr)
    co_await s.aenter();
  if (slow == false)
    co_await r.aexit();
  if (peer)
    co_await s.aexit();
}

rt::task<> flag_set_when_entered() {
  Resource r;
  bool entered = false;
  if (ready()) {
    co_await r.aenter();
    entered = true;
  }
  r.use();
  if (entered)
    co_await r.aexit();
}

rt::task<> flag_in_a_loop(int n) {
  Resource r;
  bool entered = false;
  for (int i = 0; i < n; ++i) {
    if (!entered) {
      co_await r.aenter();
      entered = true;
    }
    r.use();
  }
  if (entered)
    co_await r.aexit();
}

rt::task<> compound_conditions(bool a, bool b) {
  Resource r, s;
  if (a || b)
    co_await r.aenter();
  if (a && !b)
    co_await s.aenter();
  if (a || b)
    co_await r.aexit();
  if (!b && a)
    co_await s.aexit();
}

rt::task<> exclusive_exits(bool a) {
  Resource r;
  co_await r.aenter();
  if (a)
    co_await r.aexit();
  if (!a) {
    r.use();
    co_await r.aexit();
  }
}

rt::task<> several_objects(bool a, bool b, bool c) {
  Resource x, y, z;
  if (a)
    co_await x.aenter();
  if (b)
    co_await y.aenter();
  if (c)
    co_await z.aenter();
  if (c)
    co_await z.aexit();
  if (b)
    co_await y.aexit();
  if (a)
    co_await x.aexit();
}

// On the normal path the handler did not run and the exception_ptr is
// null: the exit in the try block is the only one.
rt::task<> exit_in_try_then_on_error() {
  std::exception_ptr error;
  Resource r;
  co_await r.aenter();
  try {
    r.use();
    co_await r.aexit();
  } catch (...) {
    error = std::current_exception();
  }
  if (error) {
    co_await r.aexit(error);
    std::rethrow_exception(error);
  }
}

// A counter counted down: what is known after the decrement comes from the
// tests that follow it. After the break the counter is known to be zero, so
// the exit after the loop is not a second one.
rt::task<> counted_down(int n) {
  Resource r;
  co_await r.aenter();
  while (n > 0) {
    --n;
    if (n == 0) {
      co_await r.aexit();
      break;
    }
    r.use();
  }
  if (n != 0)
    co_await r.aexit();
}
// A real leak: when n starts at zero, nothing exits.
// CHECK-NOTES: :[[@LINE-2]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-14]]:3: note: 'r' entered here

// Captured by copy, the lambda changes only its own copy.
rt::task<> captured_by_copy(bool a) {
  Resource r;
  if (a)
    co_await r.aenter();
  auto flip = [a]() mutable { a = !a; };
  flip();
  if (a)
    co_await r.aexit();
}

// What can change the variable ends the correlation.

rt::task<> assigned_in_between(bool a) {
  Resource r;
  if (a)
    co_await r.aenter();
  a = ready();
  if (a)
    co_await r.aexit();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-6]]:5: note: 'r' entered here

rt::task<> passed_by_reference(bool a) {
  Resource r;
  if (a)
    co_await r.aenter();
  touch(a);
  if (a)
    co_await r.aexit();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-6]]:5: note: 'r' entered here

rt::task<> captured_by_reference(bool a) {
  Resource r;
  if (a)
    co_await r.aenter();
  auto flip = [&a] { a = !a; };
  flip();
  if (a)
    co_await r.aexit();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-7]]:5: note: 'r' entered here

rt::task<> incremented(int n) {
  Resource r;
  if (n)
    co_await r.aenter();
  ++n;
  if (n)
    co_await r.aexit();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-6]]:5: note: 'r' entered here

// Different variables are not correlated.
rt::task<> different_variables(bool a, bool b) {
  Resource r;
  if (a)
    co_await r.aenter();
  if (b)
    co_await r.aexit();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-5]]:5: note: 'r' entered here

// The opposite test is the other path.
rt::task<> opposite_test(bool a) {
  Resource r;
  if (a)
    co_await r.aenter();
  if (!a)
    co_await r.aexit();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-5]]:5: note: 'r' entered here

// A use on the path that exited is still a use after the exit.
rt::task<> use_on_the_exited_path(bool a) {
  Resource r;
  co_await r.aenter();
  if (a)
    co_await r.aexit();
  if (a)
    r.use();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-4]]:5: note: exit awaited here
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-9]]:3: note: 'r' entered here

// A loop counter compared with its bound is no condition variable: however
// many come first, they take no place of a flag that branches test (the
// analysis follows at most 32).
#define COUNT(j) for (int j = 0; j < n; ++j) (void)ready();
rt::task<> many_counters_then_a_flag(int n) {
  COUNT(j0) COUNT(j1) COUNT(j2) COUNT(j3) COUNT(j4) COUNT(j5) COUNT(j6)
  COUNT(j7) COUNT(j8) COUNT(j9) COUNT(j10) COUNT(j11) COUNT(j12) COUNT(j13)
  COUNT(j14) COUNT(j15) COUNT(j16) COUNT(j17) COUNT(j18) COUNT(j19) COUNT(j20)
  COUNT(j21) COUNT(j22) COUNT(j23) COUNT(j24) COUNT(j25) COUNT(j26) COUNT(j27)
  COUNT(j28) COUNT(j29) COUNT(j30) COUNT(j31) COUNT(j32) COUNT(j33) COUNT(j34)
  COUNT(j35)
  Resource r;
  bool entered = false;
  if (ready()) {
    co_await r.aenter();
    entered = true;
  }
  if (entered)
    co_await r.aexit();
}
