// An exit awaited through a conditional operator runs on the path of the arm
// that was chosen: one exit per path, never two.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t

#include "acm-task.h"

// Both arms exit the same object: exited on every path, exactly once.
rt::task<> same_object_both_arms(bool graceful) {
  Resource r;
  co_await r.aenter();
  co_await (graceful ? r.aexit() : r.aexit(nullptr));
}

// Each arm exits a different object: each leaks on the other arm's path.
rt::task<> different_objects(bool first) {
  Resource a, b;
  co_await a.aenter();
  co_await b.aenter();
  co_await (first ? a.aexit() : b.aexit());
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'a' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-5]]:3: note: 'a' entered here
// CHECK-NOTES: :[[@LINE-3]]:1: warning: exit of 'b' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-6]]:3: note: 'b' entered here

// A use after the exit is a use after the exit whichever arm ran.
rt::task<> use_after_either_arm(bool graceful) {
  Resource r;
  co_await r.aenter();
  co_await (graceful ? r.aexit() : r.aexit(nullptr));
  r.use();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

// Stored, then awaited: the object is settled by the await.
rt::task<> stored_conditional(bool graceful) {
  Resource r;
  co_await r.aenter();
  auto pending = graceful ? r.aexit() : r.aexit(nullptr);
  co_await pending;
}

// Stored exits of two objects chosen by a conditional: which one ran is not
// known, so neither is reported after the await.
rt::task<> stored_conditional_two(bool first) {
  Resource a, b;
  co_await a.aenter();
  co_await b.aenter();
  auto pending = first ? a.aexit() : b.aexit();
  co_await pending;
  a.use();
}

// Two stored exits, one awaited through a conditional: the other is left
// unawaited on each path.
rt::task<> one_of_two_stored(bool first) {
  Resource r;
  co_await r.aenter();
  auto x = r.aexit();
  auto y = r.aexit(nullptr);
  co_await (first ? x : y);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'r' stored in 'x' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-5]]:14: note: exit of 'r' stored in 'x' here
// CHECK-NOTES: :[[@LINE-3]]:1: warning: exit of 'r' stored in 'y' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-6]]:14: note: exit of 'r' stored in 'y' here
