// Code no path reaches reports nothing, also findings that need no flow: a
// discarded exit there never runs. A handler runs when its try block does.
// RUN: %check_acm %s acm-missing-exit-await,acm-unawaited-enter %t

#include "acm-task.h"

bool ready();

rt::task<> discarded_after_co_return() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
  co_return;
  r.aexit();
  r.aenter();
}

rt::task<> discarded_skipped_by_goto(Stream &s) {
  goto done;
  s.aclose();
done:
  co_await s.aclose();
}

rt::task<> discarded_after_the_loop_that_never_ends() {
  Resource r;
  co_await r.aenter();
  for (;;) {
    if (ready())
      break;
  }
  co_await r.aexit();
  while (true)
    co_await r.aenter();
  r.aexit();
}

// A handler with no throw in its try block: reached when the try block
// throws, also without CheckExceptionPaths.
rt::task<> discarded_in_handler() {
  Resource r;
  co_await r.aenter();
  try {
    r.use();
  } catch (...) {
    r.aexit();
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: exit of 'r' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
  }
  co_await r.aexit();
}
