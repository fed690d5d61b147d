// The cppcoro profile.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "cppcoro.h"

cppcoro::task<> work();

// Must be joined even if nothing was spawned: the destructor asserts.
cppcoro::task<> never_joined() {
  cppcoro::async_scope scope;
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: join of 'scope' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:24: note: 'scope' created here
}

cppcoro::task<> spawn_after_join() {
  cppcoro::async_scope scope;
  co_await scope.join();
  scope.spawn(work());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'scope' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

cppcoro::task<> joined_twice() {
  cppcoro::async_scope scope;
  scope.spawn(work());
  co_await scope.join();
  co_await scope.join();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'scope' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first exit awaited here
}

// Correct.
cppcoro::task<> joined() {
  cppcoro::async_scope scope;
  scope.spawn(work());
  scope.spawn(work());
  co_await scope.join();
}

cppcoro::task<> unused_but_joined() {
  cppcoro::async_scope scope;
  co_await scope.join();
}

// As cppcoro's tests write it: spawn in a loop, then join.
cppcoro::task<> fan_out(int n) {
  cppcoro::async_scope scope;
  for (int i = 0; i < n; ++i)
    scope.spawn(work());
  co_await scope.join();
}

// A server's accept loop ends only by an exception (cppcoro's
// test/socket_tests.cpp: cancellation raises operation_cancelled), so the
// code after the try runs, without CheckExceptionPaths too.
namespace cppcoro {
class operation_cancelled : public std::exception {};
} // namespace cppcoro
cppcoro::task<> accept_connection();
cppcoro::task<> handle_connection();

cppcoro::task<> echo_server() {
  cppcoro::async_scope connectionScope;
  std::exception_ptr ex;
  try {
    while (true) {
      co_await accept_connection();
      connectionScope.spawn(handle_connection());
    }
  } catch (const cppcoro::operation_cancelled &) {
  } catch (...) {
    ex = std::current_exception();
  }
  co_await connectionScope.join();
  if (ex)
    std::rethrow_exception(ex);
}

cppcoro::task<> echo_server_without_join() {
  cppcoro::async_scope connectionScope;
  try {
    for (;;) {
      co_await accept_connection();
      connectionScope.spawn(handle_connection());
    }
  } catch (const cppcoro::operation_cancelled &) {
  }
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: join of 'connectionScope' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-10]]:24: note: 'connectionScope' created here

// The loop's own objects die with the exception that leaves it: nothing
// is owed for them after the try.
cppcoro::task<> scope_per_connection() {
  try {
    while (true) {
      cppcoro::async_scope perConnection;
      co_await accept_connection();
      perConnection.spawn(handle_connection());
      co_await perConnection.join();
    }
  } catch (const cppcoro::operation_cancelled &) {
  }
}
