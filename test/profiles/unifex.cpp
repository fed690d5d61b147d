// The libunifex profile.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "acm-task.h"
#include "unifex.h"

struct some_sender {};

rt::task<> v1_not_cleaned_up() {
  unifex::async_scope scope;
  scope.detached_spawn(some_sender{});
  co_await rt::when_all();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'scope' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-4]]:3: note: 'scope' entered here

rt::task<> v1_cleaned_up() {
  unifex::v1::async_scope scope;
  scope.detached_spawn(some_sender{});
  co_await scope.cleanup();
}

rt::task<> v1_unused() {
  unifex::async_scope scope;
  co_return;
}

// v2 scopes assert even when unused.
rt::task<> v2_not_joined() {
  unifex::v2::async_scope scope;
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: close of 'scope' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:27: note: 'scope' created here
}

rt::task<> v2_joined() {
  unifex::v2::async_scope scope;
  co_await scope.join();
}
