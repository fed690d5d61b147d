// stdexec classes that own an exec::async_scope: silent as written, and
// each line marked EXIT is reported when changed (owner-mutations.test).
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t.before -- -I%S/Inputs -DSTDEXEC_LOOKALIKE_BEFORE_2026_02

#include "stdexec.h"

struct Job {};

// olympus-robotics/hephaestus RemoteNodeHandler: work spawned, the empty
// scope waited for by join().
class RemoteNodeHandler {
  exec::async_scope scope_;

public:
  void start() { scope_.spawn(Job{}); }
  auto join() { return scope_.on_empty(); } // EXIT(scope_)
};

// A scope nothing is spawned into owes nothing.
class Idle {
  exec::async_scope scope_;

public:
  auto stop() { return 0; }
};
