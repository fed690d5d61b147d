// The libunifex profile. Both scopes' destructors assert that the scope
// was ended, used or not.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "unifex.h"

#include <utility>

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

// unifex::spawn_detached(sender, scope) and spawn_future(sender, scope)
// nest the work in the scope given as their second argument.
unifex::task<void> spawned_detached_not_cleaned_up() {
  unifex::async_scope scope;
  unifex::spawn_detached(some_sender{}, scope);
  co_await some_sender{};
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: cleanup of 'scope' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-5]]:23: note: 'scope' created here
unifex::task<void> spawned_future_awaited() {
  unifex::v2::async_scope scope;
  co_await unifex::spawn_future(some_sender{}, scope);
  unifex::spawn_detached(some_sender{}, scope);
  co_await scope.join();
}

// examples/linux/http_server_io_uring_test.cpp: a generic lambda spawns
// each request into the scope, which the coroutine then joins.
struct some_stream {};
unifex::task<void> http_server(some_scheduler main_thread) {
  unifex::v2::async_scope requests;
  co_await unifex::for_each(
      some_stream{}, [&main_thread, &requests](auto request) {
        unifex::spawn_detached(std::move(request), requests);
      });
  co_await requests.join();
}
unifex::task<void> http_server_not_joined(some_scheduler main_thread) {
  unifex::v2::async_scope requests;
  co_await unifex::for_each(
      some_stream{}, [&main_thread, &requests](auto request) {
        unifex::spawn_detached(std::move(request), requests);
      });
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: join of 'requests' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-7]]:27: note: 'requests' created here
unifex::task<void> spawned_from_a_lambda_not_joined() {
  unifex::v2::async_scope requests;
  auto spawn = [&requests](some_sender work) {
    unifex::spawn_detached(work, requests);
  };
  spawn(some_sender{});
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: join of 'requests' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-7]]:27: note: 'requests' created here
}
// A lambda that joins the scope takes the join over.
unifex::task<void> joined_by_a_lambda() {
  unifex::v2::async_scope requests;
  auto finish = [&requests]() -> unifex::task<void> {
    unifex::spawn_detached(some_sender{}, requests);
    co_await requests.join();
  };
  co_await finish();
}
