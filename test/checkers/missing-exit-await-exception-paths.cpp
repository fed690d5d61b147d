// CheckExceptionPaths: a call that may throw between enter and exit skips
// the exit, unless the exception is caught and the exit awaited after the
// handler (C++ forbids co_await in a handler).
// RUN: %check_acm %s acm-missing-exit-await %t --config="{CheckOptions: {acm.CheckExceptionPaths: true}}"

#include "acm-task.h"
#include <stdexcept>

void may_throw();
void no_throw() noexcept;
void flush_metrics();

rt::task<> plain() {
  Resource r;
  co_await r.aenter();
  may_throw();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited if 'may_throw' throws [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'r' entered here
  r.use();
  co_await r.aexit();
}

rt::task<> nothing_throws() {
  Resource r;
  co_await r.aenter();
  no_throw();
  co_await r.aexit();
}

// The pattern: capture the exception, await the exit, rethrow.
rt::task<> capture_exit_rethrow() {
  Resource r;
  co_await r.aenter();
  std::exception_ptr error;
  try {
    may_throw();
    r.use();
  } catch (...) {
    error = std::current_exception();
  }
  co_await r.aexit(error);
  if (error)
    std::rethrow_exception(error);
}

// The exit in the try block on success, after the handler on failure.
rt::task<> exit_on_each_path() {
  std::exception_ptr error;
  Resource r;
  co_await r.aenter();
  try {
    may_throw();
    co_await r.aexit();
  } catch (...) {
    error = std::current_exception();
  }
  if (error) {
    co_await r.aexit(error);
    std::rethrow_exception(error);
  }
}

rt::task<> handler_returns() {
  Resource r;
  co_await r.aenter();
  try {
    may_throw();
  } catch (...) {
    co_return;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is not awaited before 'co_return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-6]]:3: note: 'r' entered here
  }
  co_await r.aexit();
}

rt::task<> handler_rethrows() {
  Resource r;
  co_await r.aenter();
  try {
    may_throw();
  } catch (...) {
    throw;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is not awaited before the exception is rethrown [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-6]]:3: note: 'r' entered here
  }
  co_await r.aexit();
}

// A handler for some exceptions lets the others through.
rt::task<> typed_handler() {
  Resource r;
  co_await r.aenter();
  std::exception_ptr error;
  try {
    may_throw();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is not awaited if 'may_throw' throws [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-5]]:3: note: 'r' entered here
  } catch (const std::runtime_error &) {
    error = std::current_exception();
  }
  co_await r.aexit(error);
}

rt::task<> throws(bool bad) {
  Resource r;
  co_await r.aenter();
  if (bad)
    throw std::runtime_error("bad");
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is not awaited before 'throw' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'r' entered here
  co_await r.aexit();
}

// Unwinding to the handler destroys what the try block declared.
rt::task<> declared_in_try() {
  try {
    Resource r;
    co_await r.aenter();
    may_throw();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is not awaited if 'may_throw' throws [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'r' entered here
    co_await r.aexit();
  } catch (...) {
  }
}

rt::task<> closeable_parameter(Stream s) {
  s.write(1);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: close of 's' is not awaited if 'write' throws [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:39: note: 's' received here
  co_await s.aclose();
}

rt::task<> exit_stack() {
  ExitStack stack;
  stack.push_async_callback(flush_metrics);
  may_throw();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit stack 'stack' is not closed if 'may_throw' throws; its pushed exits never run [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit pushed onto 'stack' here
  co_await stack.aclose();
}

// An exit that throws was attempted, not skipped; an enter that throws
// entered nothing.
rt::task<> own_operations_throw() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
}

// Another object's operation throwing skips this one's exit.
rt::task<> nested_objects() {
  Resource outer, inner;
  co_await outer.aenter();
  co_await inner.aenter();
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: exit of 'outer' is not awaited if 'aenter' throws [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'outer' entered here
  co_await inner.aexit();
  co_await outer.aexit();
}

// One finding per object and enter: the first call that may throw.
rt::task<> several_calls() {
  Resource r;
  co_await r.aenter();
  r.use();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is not awaited if 'use' throws [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'r' entered here
  may_throw();
  may_throw();
  co_await r.aexit();
}

// A push that throws pushed nothing; a close that throws was attempted.
rt::task<> only_push_throws() {
  ExitStack stack;
  stack.push_async_callback(flush_metrics);
  co_await stack.aclose();
}

// An exception_ptr declared in the handler holds the exception.
rt::task<> declared_in_handler() {
  Resource r;
  co_await r.aenter();
  std::exception_ptr error;
  try {
    may_throw();
  } catch (...) {
    std::exception_ptr caught = std::current_exception();
    error = caught;
  }
  co_await r.aexit(error);
  if (error)
    std::rethrow_exception(error);
}
