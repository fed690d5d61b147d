// Exits called without co_await; the fix-it inserts it.
// RUN: %check_acm %s acm-missing-exit-await %t

#include "acm-task.h"

rt::task<> discarded_exit() {
  Resource r;
  co_await r.aenter();
  r.aexit();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
  // CHECK-FIXES: {{^}}  co_await r.aexit();{{$}}
}

rt::task<> void_cast() {
  Resource r;
  co_await r.aenter();
  (void)r.aexit();
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: exit of 'r' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
  // CHECK-FIXES: {{^}}  (void)co_await r.aexit();{{$}}
}

rt::task<> discarded_close() {
  Stream s = open_stream();
  s.aclose();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 's' is not awaited: the result of 'aclose' is discarded [acm-missing-exit-await]
  // CHECK-FIXES: {{^}}  co_await s.aclose();{{$}}
  co_return;
}

struct Service {
  Stream conn_;
  rt::task<> stop() {
    conn_.aclose();
    // CHECK-NOTES: :[[@LINE-1]]:11: warning: exit of 'conn_' is not awaited: the result of 'aclose' is discarded [acm-missing-exit-await]
    // CHECK-FIXES: {{^}}    co_await conn_.aclose();{{$}}
    co_return;
  }
};

// In a member coroutine of a manager, its own exit is named '*this'.
struct SelfExiting : Resource {
  rt::task<> finish() {
    aexit();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of '*this' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
    // CHECK-FIXES: {{^}}    co_await aexit();{{$}}
    this->aexit();
    // CHECK-NOTES: :[[@LINE-1]]:11: warning: exit of '*this' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
    // CHECK-FIXES: {{^}}    co_await this->aexit();{{$}}
    (*this).aexit();
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: exit of '*this' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
    // CHECK-FIXES: {{^}}    co_await (*this).aexit();{{$}}
    co_return;
  }
};

// No fix-it in a handler: co_await is not allowed there.
rt::task<> in_handler() {
  Resource r;
  co_await r.aenter();
  try {
    r.use();
  } catch (...) {
    r.aexit();
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: exit of 'r' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
    // CHECK-FIXES: {{^}}    r.aexit();{{$}}
  }
  co_await r.aexit();
}

// No fix-it inside a macro expansion.
#define CLOSE(x) (x).aclose()
rt::task<> in_macro() {
  Stream s = open_stream();
  CLOSE(s);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 's' is not awaited: the result of 'aclose' is discarded [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-5]]:22: note: expanded from macro 'CLOSE'
  // CHECK-FIXES: {{^}}  CLOSE(s);{{$}}
  co_return;
}

// Not a coroutine: a discarded exit in a plain function is not analysed.
void plain_function(Stream &s) { s.aclose(); }

// The inserted co_await is well-formed wherever the call stands.
rt::task<> other_discards(Resource *p) {
  Resource r, s, t;
  co_await r.aenter();
  co_await s.aenter();
  co_await t.aenter();
  static_cast<void>(r.aexit());
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: exit of 'r' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
  // CHECK-FIXES: {{^}}  static_cast<void>(co_await r.aexit());{{$}}
  std::move(s).aexit();
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: exit of 's' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
  // CHECK-FIXES: {{^}}  co_await std::move(s).aexit();{{$}}
  int done = (t.aexit(), 1);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: exit of 't' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
  // CHECK-FIXES: {{^}}  int done = (co_await t.aexit(), 1);{{$}}
  (void)done;
  p->aexit();
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: exit of 'p' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
  // CHECK-FIXES: {{^}}  co_await p->aexit();{{$}}
}

// No fix-it in the initializer of a static local: co_await is not allowed
// there.
rt::task<> in_static_initializer() {
  Resource r;
  co_await r.aenter();
  static int once = (r.aexit(), 1);
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: exit of 'r' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
  // CHECK-FIXES: {{^}}  static int once = (r.aexit(), 1);{{$}}
  (void)once;
  co_await r.aexit();
}

// A discarded conditional operator discards the exit of either arm: each
// arm is reported, without a fix-it ("co_await " before one arm alone would
// change its type), and neither is reported again at the end.
rt::task<> conditional_exit_discarded(bool graceful) {
  Resource r;
  co_await r.aenter();
  graceful ? r.aexit() : r.aexit(nullptr);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: exit of 'r' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-2]]:28: warning: exit of 'r' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
  // CHECK-FIXES: {{^}}  graceful ? r.aexit() : r.aexit(nullptr);{{$}}
}
