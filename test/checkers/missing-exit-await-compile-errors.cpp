// A coroutine whose body has compile errors is not analysed: its AST is
// Clang's guess at what was meant, and findings built on it would be
// guesses too. The errors themselves are reported, nothing crashes, and
// coroutines without errors in the same file are still checked.
// (This input does not compile, on purpose.)
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t

#include "acm-task.h"

rt::task<> invalid_call() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit(1, 2, 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: error: too many arguments to function call, expected at most 1, have 3 [clang-diagnostic-error]
}

// Clang recovers from a missing ';' without a trace in the AST: the body is
// what was meant, and it is checked.
rt::task<> missing_semicolon() {
  Resource r;
  co_await r.aenter()
  // CHECK-MESSAGES: :[[@LINE-1]]:22: error: expected ';' after expression [clang-diagnostic-error]
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]

struct NeedsArgument {
  NeedsArgument(int);
  rt::task<> aenter();
  rt::task<> aexit();
};

rt::task<> invalid_declaration() {
  NeedsArgument n;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: error: no matching constructor for initialization of 'NeedsArgument' [clang-diagnostic-error]
  co_await n.aenter();
}

rt::task<> unknown_type() {
  Resource r;
  co_await r.aenter();
  Undeclared u;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: unknown type name 'Undeclared' [clang-diagnostic-error]
  co_await r.aexit();
  r.use();
}

template <typename T> rt::task<> never_instantiated(T t) {
  co_await t.aenter();
  t.no_such_member(;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: error: expected expression [clang-diagnostic-error]
}

// A correct coroutine next to the broken ones is still checked.
rt::task<> still_checked() {
  Resource r;
  co_await r.aenter();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
