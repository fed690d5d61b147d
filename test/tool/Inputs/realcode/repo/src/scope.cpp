// Correct code: every exit is awaited. Each exit statement becomes a
// mutant without it (and one without its co_await).
#include "acm-task.h"

rt::task<> tick();

rt::task<> entered() {
  Resource r;
  co_await r.aenter();
  r.use();
  co_await r.aexit();
}

rt::task<> closed(bool flush) {
  Stream s;
  if (flush)
    co_await tick();
  co_await s.aclose();
}

// Without its exit this is no coroutine: that mutant does not count.
rt::task<> only_exit() {
  Stream s;
  co_await s.aclose();
}

// The caller owns r: deleting this exit is a bug acm-tidy cannot see here.
rt::task<> borrowed(Resource &r) {
  co_await tick();
  co_await r.aexit(); // a comment: co_await r.aexit();
}
