// Correct programs: acm-missing-exit-await must stay silent on all of them.
// RUN: %check_acm %s acm-missing-exit-await %t

#include "acm-task.h"

rt::task<> all_paths(bool b) {
  Resource r;
  co_await r.aenter();
  if (b) {
    co_await r.aexit();
    co_return;
  }
  r.use();
  co_await r.aexit();
}

// The capture-exception_ptr, await-exit, rethrow pattern (co_await is not
// allowed in a handler).
rt::task<> exception_ptr_pattern() {
  Resource r;
  co_await r.aenter();
  std::exception_ptr error;
  try {
    r.use();
  } catch (...) {
    error = std::current_exception();
  }
  co_await r.aexit(error);
  if (error)
    std::rethrow_exception(error);
}

rt::task<> when_all_of_exits() {
  Resource a, b;
  co_await a.aenter();
  co_await b.aenter();
  co_await rt::when_all(a.aexit(), b.aexit());
}

rt::task<> stored_then_awaited(bool b) {
  Resource r;
  co_await r.aenter();
  auto pending = r.aexit();
  if (b)
    r.use();
  co_await pending;
}

rt::task<> stored_then_moved_and_awaited() {
  Resource r;
  co_await r.aenter();
  auto pending = r.aexit();
  co_await std::move(pending);
}

rt::task<> moved_away() {
  Resource r;
  co_await r.aenter();
  consume(std::move(r));
}

rt::task<> rvalue_handoff() {
  Resource r;
  co_await r.aenter();
  keep(std::move(r));
}

struct Holder {
  Resource held;
  Stream stream;
};

rt::task<> stored_into_longer_lived(Holder &h) {
  Resource r;
  co_await r.aenter();
  h.held = std::move(r);
  Stream s = open_stream();
  h.stream = std::move(s);
}

Resource make_entered_later();
rt::value_task<Resource> returned() {
  Resource r;
  co_await r.aenter();
  co_return r;
}

// Reference parameters belong to the caller.
rt::task<> reference_params(Resource &r, Stream &s, const Resource &c) {
  co_await r.aenter();
  s.write(1);
  co_return;
}

// A server loop that never ends has no path to the end.
rt::task<> server_loop() {
  Stream s = open_stream();
  for (;;) {
    s.write(1);
    co_await rt::when_all();
  }
}

rt::task<> server_loop_while() {
  Resource r;
  co_await r.aenter();
  while (true)
    r.use();
}

// Never entered: nothing to exit.
rt::task<> never_entered() {
  Resource r;
  r.use();
  co_return;
}

// Synchronous look-alikes are not the protocol.
rt::task<> sync_lookalike() {
  SyncLookalike s;
  s.aenter();
  co_return;
}

// Non-coroutine functions are not analysed.
void not_a_coroutine() {
  Resource r;
  (void)r.aenter();
}

// Borrowing by lvalue reference is a use; the exit is still awaited here.
rt::task<> borrowed() {
  Resource r;
  co_await r.aenter();
  borrow(r);
  co_await r.aexit();
}

// Captured by a lambda: the lambda may exit it.
rt::task<> captured() {
  Resource r;
  co_await r.aenter();
  auto later = [&r]() -> rt::task<> { co_await r.aexit(); };
  co_await later();
}

// Exited in every iteration.
rt::task<> loop_exits(int n) {
  for (int i = 0; i < n; ++i) {
    Resource r;
    co_await r.aenter();
    if (i == 2) {
      co_await r.aexit();
      break;
    }
    co_await r.aexit();
  }
}

// Re-entering after an exit starts a new cycle.
rt::task<> two_cycles() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
  co_await r.aenter();
  co_await r.aexit();
}

// switch cases that each exit.
rt::task<> switch_all_exit(int k) {
  Resource r;
  co_await r.aenter();
  switch (k) {
  case 0:
    co_await r.aexit();
    break;
  default:
    co_await r.aexit();
    break;
  }
}

// goto that stays within the object's scope.
rt::task<> goto_within(int n) {
  Resource r;
  co_await r.aenter();
again:
  if (--n > 0)
    goto again;
  co_await r.aexit();
}

// A throw is an exception path, not checked by default.
rt::task<> throws(bool bad) {
  Resource r;
  co_await r.aenter();
  if (bad)
    throw 1;
  co_await r.aexit();
}

// A noreturn call ends the program.
[[noreturn]] void fatal();
rt::task<> aborts(bool bad) {
  Resource r;
  co_await r.aenter();
  if (bad)
    fatal();
  co_await r.aexit();
}

// Closed closeables.
rt::task<> closed(Stream s) {
  Stream t = open_stream();
  co_await t.aclose();
  co_await s.aclose();
}

// The exit's awaitable passed through an awaited call is awaited with it.
rt::task<> spawn(rt::task<>);
rt::task<> awaited_through_call() {
  Resource r;
  co_await r.aenter();
  co_await spawn(r.aexit());
}

// The exit's awaitable handed to something we do not follow.
void detach(rt::task<>);
rt::task<> handed_off() {
  Resource r;
  co_await r.aenter();
  detach(r.aexit());
}

// An object awaited itself is a use.
rt::task<> plain_tasks() {
  rt::task<> t;
  co_await t;
}
