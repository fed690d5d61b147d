// The stdexec and std::execution (P3149) profiles.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "acm-task.h"
#include "stdexec.h"

rt::task<> counting_scope_not_joined() {
  stdexec::counting_scope scope;
  auto token = scope.get_token();
  (void)token;
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'scope' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:16: note: 'scope' entered here
}

rt::task<> std_counting_scope_not_joined() {
  std::execution::simple_counting_scope scope;
  auto token = scope.get_token();
  (void)token;
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'scope' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:16: note: 'scope' entered here
}

rt::task<> token_after_join() {
  stdexec::simple_counting_scope scope;
  (void)scope.get_token();
  co_await scope.join();
  (void)scope.get_token();
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'scope' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
  co_await scope.join();
}

// Correct: unused scopes are fine, joined ones too.
rt::task<> unused() {
  stdexec::counting_scope scope;
  co_return;
}

rt::task<> joined() {
  std::execution::counting_scope scope;
  (void)scope.get_token();
  co_await scope.join();
}

rt::task<> async_scope_drained() {
  exec::async_scope scope;
  co_await scope.on_empty();
}
