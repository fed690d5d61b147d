// A try block that only an exception can leave: a server's accept loop,
// `try { while (true) ... } catch (...) {}`, ended by cancellation. The
// code after the try runs, and is checked, with or without
// CheckExceptionPaths.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t --check-suffix=EXC --config="{CheckOptions: {acm.CheckExceptionPaths: true}}"

#include "acm-task.h"

struct cancelled {};
rt::task<> accept_one();
void handle();

rt::task<> forgets_close() {
  Stream s = open_stream();
  try {
    while (true) {
      co_await accept_one();
      // CHECK-NOTES-EXC: :[[@LINE-1]]:16: warning: close of 's' is not awaited if 'accept_one' throws [acm-missing-exit-await]
      // CHECK-NOTES-EXC: :[[@LINE-5]]:10: note: 's' created here
      handle();
    }
  } catch (const cancelled &) {
  }
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: close of 's' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-12]]:10: note: 's' created here
// CHECK-NOTES-EXC: :[[@LINE-3]]:1: warning: close of 's' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES-EXC: :[[@LINE-14]]:10: note: 's' created here

rt::task<> closes_after_the_loop() {
  Stream s = open_stream();
  std::exception_ptr error;
  try {
    for (;;) {
      co_await accept_one();
      handle();
    }
  } catch (const cancelled &) {
  } catch (...) {
    error = std::current_exception();
  }
  co_await s.aclose();
  if (error)
    std::rethrow_exception(error);
}

rt::task<> uses_after_close() {
  Stream s = open_stream();
  co_await s.aclose();
  try {
    while (true)
      co_await accept_one();
  } catch (const cancelled &) {
  }
  s.write(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 's' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-8]]:3: note: exit awaited here
  // CHECK-NOTES-EXC: :[[@LINE-3]]:3: warning: 's' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES-EXC: :[[@LINE-10]]:3: note: exit awaited here
}

// Correct code stays silent (with CheckExceptionPaths, an exception the
// handlers do not catch still leaves the objects unexited).

// A parameter closed after the loop: the exception that no handler catches
// goes on, which is not a return.
rt::task<> parameter_closed_after(Stream s) {
  try {
    for (;;)
      co_await accept_one();
  // CHECK-NOTES-EXC: :[[@LINE-1]]:16: warning: close of 's' is not awaited if 'accept_one' throws [acm-missing-exit-await]
  // CHECK-NOTES-EXC: :[[@LINE-5]]:42: note: 's' received here
  } catch (const cancelled &) {
  }
  co_await s.aclose();
}

// The loop's own objects are unwound before the handlers run.
rt::task<> stream_per_connection() {
  try {
    while (true) {
      Stream s = open_stream();
      co_await accept_one();
      // CHECK-NOTES-EXC: :[[@LINE-1]]:16: warning: close of 's' is not awaited if 'accept_one' throws [acm-missing-exit-await]
      // CHECK-NOTES-EXC: :[[@LINE-3]]:14: note: 's' created here
      co_await s.aclose();
    }
  } catch (const cancelled &) {
  }
}

// A handler that rethrows: nothing after the try runs.
rt::task<> rethrows() {
  Stream s = open_stream();
  try {
    while (true)
      co_await accept_one();
  } catch (...) {
    throw;
    // CHECK-NOTES-EXC: :[[@LINE-1]]:5: warning: close of 's' is not awaited before the exception is rethrown [acm-missing-exit-await]
    // CHECK-NOTES-EXC: :[[@LINE-7]]:10: note: 's' created here
  }
  co_await s.aclose();
}

// A loop that can end normally: the paths are the loop's own.
rt::task<> loop_that_breaks() {
  Stream s = open_stream();
  try {
    while (true) {
      co_await accept_one();
      // CHECK-NOTES-EXC: :[[@LINE-1]]:16: warning: close of 's' is not awaited if 'accept_one' throws [acm-missing-exit-await]
      // CHECK-NOTES-EXC: :[[@LINE-5]]:10: note: 's' created here
      if (ready())
        break;
    }
  } catch (const cancelled &) {
  }
  co_await s.aclose();
}
