// The folly::coro profile.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "acm-task.h"
#include "folly.h"

folly::coro::Task<void> work();

rt::task<> scope_not_joined(bool fail) {
  folly::coro::AsyncScope scope;
  scope.add(work());
  if (fail)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'scope' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'scope' entered here
  co_await scope.joinAsync();
}

rt::task<> add_after_join() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  co_await scope.joinAsync();
  scope.add(work());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'scope' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
  co_await scope.joinAsync();
}

rt::task<> joined_twice() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  co_await scope.joinAsync();
  co_await scope.joinAsync();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'scope' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first exit awaited here
}

rt::task<> join_not_awaited() {
  folly::coro::CancellableAsyncScope scope;
  scope.add(work());
  scope.cancelAndJoinAsync();
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: exit of 'scope' is not awaited: the result of 'cancelAndJoinAsync' is discarded [acm-missing-exit-await]
  co_return;
}

rt::task<> generator_not_cleaned() {
  folly::coro::CleanableAsyncGenerator<int> gen;
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: close of 'gen' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:45: note: 'gen' created here
}

rt::task<> generator_cleaned_twice() {
  folly::coro::CleanableAsyncGenerator<int> gen;
  co_await std::move(gen).cleanup();
  co_await std::move(gen).cleanup();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'gen' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first exit awaited here
}

// Correct uses stay silent.
rt::task<> unused_scope() {
  folly::coro::AsyncScope scope;
  co_return;
}

rt::task<> joined() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  scope.add(work());
  co_await scope.joinAsync();
}

rt::task<> cleaned_up() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  co_await scope.cleanup();
}

rt::task<> generator_cleaned() {
  folly::coro::CleanableAsyncGenerator<int> gen;
  co_await std::move(gen).cleanup();
}

// A generator that needs no cleanup is not tracked.
rt::task<> plain_generator() {
  folly::coro::AsyncGenerator<int> gen;
  co_return;
}

// co_scope_exit takes the exit over.
rt::task<> scope_exit_helper() {
  folly::coro::AsyncScope scope;
  scope.add(work());
  co_await folly::coro::co_scope_exit(
      [](folly::coro::AsyncScope &s) -> folly::coro::Task<void> {
        co_await s.joinAsync();
      },
      scope);
}
