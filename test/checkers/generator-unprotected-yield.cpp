// RUN: %check_acm %s acm-generator-unprotected-yield %t

#include "acm-task.h"

rt::task<> release(int);
void release_now(int);

rt::async_cm<int> unprotected() {
  co_yield 1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: asynchronous cleanup after this 'co_yield' is skipped when the caller's body throws: the exception is raised at the 'co_yield' [acm-generator-unprotected-yield]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: this 'co_await' does not run if an exception is raised at the 'co_yield'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'co_await' is not allowed in a handler: catch (...) into a std::exception_ptr around the 'co_yield', await the cleanup, then rethrow it
  co_await release(1);
}

// A catch that does not catch everything does not protect.
struct Timeout {};
rt::async_cm<int> partly_caught() {
  try {
    co_yield 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: asynchronous cleanup after this 'co_yield' is skipped when the caller's body throws: the exception is raised at the 'co_yield' [acm-generator-unprotected-yield]
    // CHECK-NOTES: :[[@LINE+4]]:3: note: this 'co_await' does not run if an exception is raised at the 'co_yield'
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'co_await' is not allowed in a handler: catch (...) into a std::exception_ptr around the 'co_yield', await the cleanup, then rethrow it
  } catch (const Timeout &) {
  }
  co_await release(2);
}

// Cleanup on one later path is enough to be skipped.
rt::async_cm<int> cleanup_on_one_path(bool b) {
  co_yield 1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: asynchronous cleanup after this 'co_yield' is skipped when the caller's body throws: the exception is raised at the 'co_yield' [acm-generator-unprotected-yield]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: this 'co_await' does not run if an exception is raised at the 'co_yield'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'co_await' is not allowed in a handler: catch (...) into a std::exception_ptr around the 'co_yield', await the cleanup, then rethrow it
  if (b)
    co_await release(3);
}

// Correct: the capture, await-cleanup, rethrow pattern.
rt::async_cm<int> protected_yield() {
  std::exception_ptr error;
  try {
    co_yield 1;
  } catch (...) {
    error = std::current_exception();
  }
  co_await release(4);
  if (error)
    std::rethrow_exception(error);
}

// Correct: only synchronous cleanup after the yield.
struct Guard {
  ~Guard();
};
rt::async_cm<int> synchronous_cleanup() {
  Guard g;
  co_await release(5);
  co_yield 1;
  release_now(5);
}

// Ordinary generators are not managers.
rt::generator<int> plain() {
  co_yield 1;
  co_await release(6);
}

// A co_return between the yield and the cleanup leaves one path that
// awaits it.
rt::async_cm<int> return_in_the_middle(bool quick) {
  co_yield 1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: asynchronous cleanup after this 'co_yield' is skipped when the caller's body throws: the exception is raised at the 'co_yield' [acm-generator-unprotected-yield]
  // CHECK-NOTES: :[[@LINE+4]]:3: note: this 'co_await' does not run if an exception is raised at the 'co_yield'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'co_await' is not allowed in a handler: catch (...) into a std::exception_ptr around the 'co_yield', await the cleanup, then rethrow it
  if (quick)
    co_return;
  co_await release(7);
}

// Member functions and lambdas are checked like free functions.
struct Service {
  rt::async_cm<int> session() {
    co_yield 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: asynchronous cleanup after this 'co_yield' is skipped when the caller's body throws: the exception is raised at the 'co_yield' [acm-generator-unprotected-yield]
    // CHECK-NOTES: :[[@LINE+2]]:5: note: this 'co_await' does not run if an exception is raised at the 'co_yield'
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'co_await' is not allowed in a handler: catch (...) into a std::exception_ptr around the 'co_yield', await the cleanup, then rethrow it
    co_await release(8);
  }
};

void lambda() {
  auto session = []() -> rt::async_cm<int> {
    co_yield 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: asynchronous cleanup after this 'co_yield' is skipped when the caller's body throws: the exception is raised at the 'co_yield' [acm-generator-unprotected-yield]
    // CHECK-NOTES: :[[@LINE+2]]:5: note: this 'co_await' does not run if an exception is raised at the 'co_yield'
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'co_await' is not allowed in a handler: catch (...) into a std::exception_ptr around the 'co_yield', await the cleanup, then rethrow it
    co_await release(9);
  };
  (void)session;
}
