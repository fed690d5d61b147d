// Code no path reaches reports nothing: a co_yield there never runs.
// RUN: %check_acm %s acm-generator-unprotected-yield %t

#include "acm-task.h"

bool more();
rt::task<> release();

// Every run of the loop body leaves it before the co_yield.
rt::async_cm<int> yield_after_leaving_the_loop() {
  co_yield 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: asynchronous cleanup after this 'co_yield' is skipped when the caller's body throws: the exception is raised at the 'co_yield' [acm-generator-unprotected-yield]
  // CHECK-NOTES: :[[@LINE+10]]:3: note: this 'co_await' does not run if an exception is raised at the 'co_yield'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'co_await' is not allowed in a handler: catch (...) into a std::exception_ptr around the 'co_yield', await the cleanup, then rethrow it
  while (more()) {
    if (more())
      co_return;
    else
      continue;
    co_yield 1;
    co_await release();
  }
  co_await release();
}

rt::async_cm<int> yield_after_co_return() {
  std::exception_ptr error;
  try {
    co_yield 0;
  } catch (...) {
    error = std::current_exception();
  }
  co_await release();
  co_return;
  co_yield 1;
  co_await release();
}

rt::async_cm<int> yield_skipped_by_goto() {
  std::exception_ptr error;
  try {
    co_yield 0;
  } catch (...) {
    error = std::current_exception();
  }
  goto done;
  co_yield 1;
done:
  co_await release();
}

// The cleanup itself is code no path reaches: nothing is skipped.
rt::async_cm<int> cleanup_after_co_return() {
  co_yield 0;
  co_return;
  co_await release();
}
