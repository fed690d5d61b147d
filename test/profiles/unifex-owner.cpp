// libunifex classes that own a scope forward its exit sender: silent as
// written, and each line marked EXIT is reported when changed
// (owner-mutations.test).
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "unifex.h"

struct Work {};

// libunifex examples/async_pass.cpp: CallingService::shutdown().
class CallingService {
public:
  void start() { scope_.detached_spawn(Work{}); }
  auto shutdown() { return scope_.cleanup(); } // EXIT(scope_)

private:
  unifex::async_scope scope_;
};

// unifex v1's debug_async_scope: a wrapper that forwards cleanup().
class debug_scope {
public:
  auto cleanup() noexcept { return scope_.cleanup(); } // EXIT(scope_)

private:
  unifex::v1::async_scope scope_;
};
