// The libunifex profile. Both scopes' destructors assert that the scope
// was ended, used or not.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "unifex.h"

struct some_sender {};
struct some_scheduler {};

unifex::task<void> v1_not_cleaned_up() {
  unifex::async_scope scope;
  scope.detached_spawn(some_sender{});
  co_await some_sender{};
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: cleanup of 'scope' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-5]]:23: note: 'scope' created here

unifex::task<void> v1_unused() {
  unifex::v1::async_scope scope;
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: cleanup of 'scope' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:27: note: 'scope' created here
}

// Work spawned after the scope ended is silently dropped.
unifex::task<void> v1_spawn_after_cleanup() {
  unifex::async_scope scope;
  co_await scope.cleanup();
  scope.spawn_on(some_scheduler{}, some_sender{});
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'scope' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
  co_await scope.complete();
}

unifex::task<void> v1_cleanup_discarded() {
  unifex::async_scope scope;
  scope.detached_spawn(some_sender{});
  (void)scope.cleanup();
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: exit of 'scope' is not awaited: the result of 'cleanup' is discarded [acm-missing-exit-await]
  // CHECK-FIXES: {{^}}  (void)co_await scope.cleanup();{{$}}
  co_return;
}

unifex::task<void> v2_not_joined() {
  unifex::v2::async_scope scope;
  co_await scope.nest(some_sender{});
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: join of 'scope' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:27: note: 'scope' created here
}

unifex::task<void> v2_nest_after_join() {
  unifex::v2::async_scope scope;
  co_await scope.join();
  co_await scope.nest(some_sender{});
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'scope' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

// Correct.
unifex::task<void> v1_cleaned_up() {
  unifex::v1::async_scope scope;
  scope.detached_spawn(some_sender{});
  scope.detached_spawn_on(some_scheduler{}, some_sender{});
  co_await scope.attach(some_sender{});
  co_await scope.cleanup();
  (void)scope.get_stop_token();
  scope.request_stop();
}

unifex::task<void> v1_completed() {
  unifex::async_scope scope;
  co_await scope.complete();
}

unifex::task<void> v2_joined() {
  unifex::v2::async_scope scope;
  co_await scope.nest(some_sender{});
  co_await scope.join();
  (void)scope.joined();
  (void)scope.join_started();
  (void)scope.use_count();
}

// Ending a scope again completes at once: not a double exit.
unifex::task<void> ended_again() {
  unifex::v2::async_scope v2;
  co_await v2.join();
  co_await v2.join();
  unifex::async_scope v1;
  co_await v1.cleanup();
  co_await v1.complete();
}

// As unifex's tests write it: detached work and a future, then the end.
unifex::task<void> spawn_and_complete() {
  unifex::async_scope scope;
  scope.detached_spawn_on(some_scheduler{}, some_sender{});
  auto future = scope.spawn(some_sender{});
  co_await std::move(future);
  co_await scope.complete();
}
