// The stdexec and std::execution (P3149) profiles.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs
// stdexec before exec became an alias of experimental::execution:
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t.before -- -I%S/Inputs -DSTDEXEC_LOOKALIKE_BEFORE_2026_02

#include "stdexec.h"

struct some_sender {};

exec::task<void> counting_scope_not_joined() {
  stdexec::counting_scope scope;
  auto token = scope.get_token();
  (void)token;
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'scope' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:16: note: 'scope' entered here
}

std::execution::task<void> std_counting_scope_not_joined() {
  std::execution::simple_counting_scope scope;
  auto token = scope.get_token();
  (void)token;
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'scope' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:16: note: 'scope' entered here
}

exec::task<void> token_after_join() {
  stdexec::simple_counting_scope scope;
  (void)scope.get_token();
  co_await scope.join();
  (void)scope.get_token();
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'scope' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
  co_await scope.join();
}

exec::task<void> async_scope_spawned_not_drained() {
  exec::async_scope scope;
  scope.spawn(some_sender{});
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'scope' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'scope' entered here
}

// A future dropped unawaited leaves its work running in the scope.
exec::task<void> async_scope_future_dropped() {
  exec::async_scope scope;
  (void)scope.spawn_future(some_sender{});
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'scope' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:9: note: 'scope' entered here
}

// Correct: unused scopes are fine, joined ones too.
exec::task<void> unused() {
  stdexec::counting_scope scope;
  co_return;
}

std::execution::task<void> joined() {
  std::execution::counting_scope scope;
  (void)scope.get_token();
  co_await scope.join();
  scope.close();
  scope.request_stop();
}

// close() is a member of a private base, brought in by a using-declaration.
exec::task<void> stdexec_queries_after_join() {
  stdexec::counting_scope scope;
  (void)scope.get_token();
  scope.close();
  co_await scope.join();
  scope.close();
  scope.request_stop();
}

exec::task<void> async_scope_drained() {
  exec::async_scope scope;
  scope.spawn(some_sender{});
  co_await scope.on_empty();
  (void)scope.get_stop_token();
  scope.request_stop();
}

exec::task<void> async_scope_when_empty() {
  exec::async_scope scope;
  scope.spawn(some_sender{});
  co_await scope.when_empty(some_sender{});
}

// The scope is reusable: spawning again after draining starts a new round.
exec::task<void> async_scope_reused() {
  exec::async_scope scope;
  scope.spawn(some_sender{});
  co_await scope.on_empty();
  scope.spawn(some_sender{});
  co_await scope.on_empty();
}

// Awaiting a nested sender or a future runs the work to its end.
exec::task<void> async_scope_awaited_work() {
  exec::async_scope scope;
  co_await scope.nest(some_sender{});
  co_await scope.spawn_future(some_sender{});
}

// Joining a joined counting scope, or waiting again for an empty
// exec::async_scope, completes at once: not a double exit.
exec::task<void> joined_again() {
  stdexec::counting_scope scope;
  (void)scope.get_token();
  co_await scope.join();
  co_await scope.join();
  std::execution::simple_counting_scope std_scope;
  co_await std_scope.join();
  co_await std_scope.join();
  exec::async_scope async;
  async.spawn(some_sender{});
  co_await async.on_empty();
  co_await async.on_empty();
}

// As P3149's examples write it: work spawned with the scope's token, then
// the join.
std::execution::task<void> spawned_with_tokens(int n) {
  std::execution::counting_scope scope;
  for (int i = 0; i < n; ++i)
    std::execution::spawn(some_sender{}, scope.get_token());
  co_await scope.join();
}
