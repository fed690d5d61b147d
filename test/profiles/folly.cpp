// The folly::coro profile.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit,acm-unawaited-enter %t -- -I%S/Inputs

#include "acm-task.h"
#include "folly.h"
#include <vector>

folly::coro::Task<void> work();
folly::coro::CleanableAsyncGenerator<int> numbers();
folly::coro::AsyncGenerator<int> plain_numbers();
bool failed();

folly::coro::Task<void> scope_not_joined() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  if (failed())
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'scope' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'scope' entered here
  co_await scope.joinAsync();
}

folly::coro::Task<void> add_after_join() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  co_await scope.joinAsync();
  scope.add(work());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'scope' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

folly::coro::Task<void> joined_twice() {
  folly::coro::AsyncScope scope;
  scope.addWithSourceLoc(work());
  co_await scope.joinAsync();
  co_await scope.cleanup();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'scope' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first exit awaited here
}

folly::coro::Task<void> join_not_awaited() {
  folly::coro::CancellableAsyncScope scope;
  scope.add(work());
  scope.cancelAndJoinAsync();
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: exit of 'scope' is not awaited: the result of 'cancelAndJoinAsync' is discarded [acm-missing-exit-await]
  // CHECK-FIXES: {{^}}  co_await scope.cancelAndJoinAsync();{{$}}
  co_return;
}

// co_schedule returns a lazy Task: discarded, it never adds anything.
folly::coro::Task<void> schedule_not_awaited() {
  folly::coro::CancellableAsyncScope scope;
  scope.co_schedule(work());
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: enter of 'scope' is not awaited: the result of 'co_schedule' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  co_await scope.co_schedule(work());{{$}}
  co_await scope.joinAsync();
}

folly::coro::Task<void> generator_not_cleaned() {
  folly::coro::CleanableAsyncGenerator<int> gen = numbers();
  co_await gen.next();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: cleanup of 'gen' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-4]]:45: note: 'gen' created here

folly::coro::Task<void> generator_cleaned_twice() {
  folly::coro::CleanableAsyncGenerator<int> gen = numbers();
  co_await std::move(gen).cleanup();
  co_await gen.next();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'gen' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
  co_await std::move(gen).cleanup();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'gen' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-6]]:3: note: first exit awaited here
}

// A placeholder generator is filled later; it is due only from then on.
folly::coro::Task<void> assigned_generator_not_cleaned() {
  folly::coro::CleanableAsyncGenerator<int> gen;
  gen = numbers();
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: cleanup of 'gen' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'gen' created here
}

// Correct uses stay silent.
folly::coro::Task<void> unused_scope() {
  folly::coro::AsyncScope scope;
  co_return;
}

folly::coro::Task<void> joined() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  scope.add(work());
  co_await scope.joinAsync();
}

folly::coro::Task<void> cleaned_up() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  co_await scope.cleanup();
}

// Queries after the join are not uses.
folly::coro::Task<void> queries_after_join() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  co_await scope.joinAsync();
  (void)scope.remaining();
  folly::coro::CancellableAsyncScope cancellable;
  co_await cancellable.co_schedule(work());
  co_await cancellable.cancelAndJoinAsync();
  cancellable.requestCancellation();
  (void)cancellable.isScopeCancellationRequested();
  (void)cancellable.remaining();
}

folly::coro::Task<void> generator_cleaned() {
  folly::coro::CleanableAsyncGenerator<int> gen = numbers();
  co_await gen.next();
  co_await std::move(gen).cleanup();
}

// An empty generator needs no cleanup (cleanup() on it would CHECK-fail).
folly::coro::Task<void> empty_generator() {
  folly::coro::CleanableAsyncGenerator<int> gen;
  co_return;
}

folly::coro::Task<void> assigned_generator_cleaned() {
  folly::coro::CleanableAsyncGenerator<int> gen;
  gen = numbers();
  co_await std::move(gen).cleanup();
}

// A generator that needs no cleanup is not tracked.
folly::coro::Task<void> plain_generator() {
  folly::coro::AsyncGenerator<int> gen = plain_numbers();
  co_await gen.next();
}

// co_scope_exit takes the cleanup over: it owns a copy of its arguments.
folly::coro::Task<void> scope_exit_helper() {
  folly::coro::CleanableAsyncGenerator<int> gen = numbers();
  co_await folly::coro::co_scope_exit(
      [](folly::coro::CleanableAsyncGenerator<int> &&g) {
        return std::move(g).cleanup();
      },
      std::move(gen));
}

// co_scope_exit is a function object; the copy it keeps of a closeable
// handle is closed when the coroutine finishes.
folly::coro::Task<void> scope_exit_keeps_a_copy() {
  Stream s = open_stream();
  co_await folly::coro::co_scope_exit(
      [](Stream copy) -> folly::coro::Task<void> { co_await copy.aclose(); },
      s);
}

// As folly's own examples write it: tasks scheduled on an executor, added,
// then joined; a generator drained, then cleaned up, also on failure.
folly::coro::Task<void> process(int);
folly::Executor::KeepAlive<> executor();
folly::coro::Task<void> fan_out(int n) {
  folly::coro::AsyncScope scope;
  for (int i = 0; i < n; ++i)
    scope.add(process(i).scheduleOn(executor()));
  co_await scope.joinAsync();
}

folly::coro::Task<void> drain_generator() {
  auto gen = numbers();
  std::exception_ptr error;
  try {
    for (int i = 0; i < 3; ++i)
      co_await gen.next();
  } catch (...) {
    error = std::current_exception();
  }
  co_await std::move(gen).cleanup();
  if (error)
    std::rethrow_exception(error);
}

// A generator that forwards another one cleans it up before finishing.
folly::coro::CleanableAsyncGenerator<int> forward() {
  auto inner = numbers();
  co_await inner.next();
  co_yield 1;
  co_await std::move(inner).cleanup();
}

// Spawning from a lambda that captures the scope by reference is the usual
// way to fill it: the scope is still this coroutine's to join.
folly::coro::Task<void> spawned_from_a_lambda_not_joined() {
  folly::coro::AsyncScope scope;
  auto spawn = [&] { scope.add(work()); };
  spawn();
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'scope' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: 'scope' entered here
}
folly::coro::Task<void> spawned_from_a_lambda_joined() {
  folly::coro::AsyncScope scope;
  auto spawn = [&] {
    if (scope.remaining() < 10)
      scope.add(work());
  };
  spawn();
  co_await scope.joinAsync();
}
// AsyncScopeTest.cpp: a lambda that only asks the scope things, made after
// it was filled, leaves the join to this coroutine.
folly::coro::Task<void> queried_from_a_lambda_not_joined() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  auto validate = [&]() -> folly::coro::Task<void> {
    (void)scope.remaining();
    co_return;
  };
  co_await validate();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'scope' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-8]]:3: note: 'scope' entered here
folly::coro::Task<void> queried_from_a_lambda_joined() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  auto validate = [&scope]() -> folly::coro::Task<void> {
    (void)scope.remaining();
    co_return;
  };
  co_await validate();
  co_await scope.joinAsync();
}
// CollectTest.cpp: the only add() is two lambdas down (a lambda making the
// tasks, each of which spawns). The scope is still this coroutine's to join.
folly::coro::Task<void> spawned_two_lambdas_down_not_joined() {
  folly::coro::AsyncScope scope;
  auto make_tasks = [&]() -> folly::coro::Task<void> {
    auto spawn = [&]() -> folly::coro::Task<void> {
      scope.add(work());
      co_return;
    };
    co_await spawn();
  };
  co_await make_tasks();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'scope' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-8]]:7: note: 'scope' entered here
folly::coro::Task<void> spawned_two_lambdas_down_joined() {
  folly::coro::AsyncScope scope;
  auto make_tasks = [&]() -> folly::coro::Task<void> {
    auto spawn = [&scope]() -> folly::coro::Task<void> {
      scope.add(work());
      co_return;
    };
    co_await spawn();
  };
  co_await make_tasks();
  co_await scope.joinAsync();
}
// The inner lambda joins it, or takes a copy: the join is taken over.
folly::coro::Task<void> joined_two_lambdas_down() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  auto outer = [&]() -> folly::coro::Task<void> {
    auto inner = [&]() -> folly::coro::Task<void> {
      co_await scope.joinAsync();
    };
    co_await inner();
  };
  co_await outer();
}

// A lambda that may join it, or passes it on, takes the join over.
folly::coro::Task<void> joined_by_a_lambda() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  auto finish = [&]() -> folly::coro::Task<void> { co_await scope.joinAsync(); };
  co_await finish();
}

// A library function that spawns into the scope enters it.
folly::coro::Task<void> unordered_generator_not_joined(std::vector<int> ids) {
  folly::coro::AsyncScope scope;
  auto results = folly::coro::makeUnorderedAsyncGenerator(scope, ids);
  co_await results.next();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'scope' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-4]]:18: note: 'scope' entered here
folly::coro::Task<void> unordered_generator_joined(std::vector<int> ids) {
  folly::coro::AsyncScope scope;
  auto results = folly::coro::makeUnorderedAsyncGenerator(scope, ids);
  co_await results.next();
  co_await scope.joinAsync();
}
