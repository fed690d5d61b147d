// What makes a coroutine a generator-based manager: a manager return type
// (see the other generator tests), an annotated return type, or the options.
// RUN: %check_acm %s acm-generator-multiple-yield %t --config="{CheckOptions: {acm.GeneratorManagers: 'app::named_cm'}}" -- -I%acm_include

#include "acm-task.h"
#include <acm/annotations.h>

// Annotated: no aenter/aexit of its own, still a generator-based manager.
template <typename T> struct ACM_GENERATOR_MANAGER annotated_cm {
  struct promise_type {
    annotated_cm get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T) noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
annotated_cm<int> by_annotation() {
  co_yield 1;
  co_yield 2;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first 'co_yield' here
}

namespace app {
// Named in the options: its return type is an ordinary generator.
rt::generator<int> named_cm() {
  co_yield 1;
  co_yield 2;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_yield' can run again after an earlier 'co_yield': a generator-based manager must yield exactly once (Python raises "generator didn't stop") [acm-generator-multiple-yield]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first 'co_yield' here
}

// Not named: an ordinary generator.
rt::generator<int> other() {
  co_yield 1;
  co_yield 2;
}
} // namespace app
