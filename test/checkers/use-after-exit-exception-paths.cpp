// With CheckExceptionPaths the handlers' paths are followed: a use in a
// handler after an exit in the try block is a use after the exit.
// RUN: %check_acm %s acm-use-after-exit %t --config="{CheckOptions: {acm.CheckExceptionPaths: true}}"

#include "acm-task.h"

void may_throw();

rt::task<> use_in_handler() {
  Resource r;
  co_await r.aenter();
  try {
    co_await r.aexit();
    may_throw();
  } catch (...) {
    r.use();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-5]]:5: note: exit awaited here
  }
}

// The exit itself throwing leaves nothing to report in the handler.
rt::task<> exit_throws() {
  Resource r;
  co_await r.aenter();
  try {
    co_await r.aexit();
  } catch (...) {
    r.use();
  }
}
