// Instantiations of one template share its locations, so a finding in
// them is reported once, with the notes of one instantiation. acm-tidy's
// finder and the plugin's matchers meet the instantiations in different
// orders (here the matchers meet S<char>'s lambda first, through the
// default member initializer of the aggregate in use(); acm-tidy walks no
// body that declares no class, and meets S<long>'s first); the notes
// reported must not depend on that: the earliest are kept.
// RUN: %check_acm %s acm-missing-exit-await %t

#include "acm-task.h"

template <class T> struct S {
  static void use() {
    S<long> *Q = nullptr;
    (void)Q;
    S<char> Made{};
    (void)Made;
  }
  rt::task<> (*Job)() = +[]() -> rt::task<> {
    Resource r;
    if constexpr (sizeof(T) == 1)
      co_await r.aenter();
    else
      co_await r.aenter();
    co_return;
  };
  // clang-format off
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: exit of 'r' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-7]]:7: note: 'r' entered here
  // clang-format on
};

void f() {
  S<long> Made{};
  (void)Made;
}
