// Correct programs: acm-use-after-exit must stay silent.
// RUN: %check_acm %s acm-use-after-exit %t

#include "acm-task.h"
#include <string>

void consume(Resource);

// A reusable manager entered again starts a new cycle.
rt::task<> reenter() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
  co_await r.aenter();
  r.use();
  co_await r.aexit();
}

// Assigning a new value reinitialises the variable.
rt::task<> reassigned() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
  r = Resource();
  r.use();
}

// A value copied out of the resource before the exit.
rt::task<> copied_out() {
  Pool pool;
  Connection &conn = co_await pool.aenter();
  Resource r;
  int before = r.value();
  conn.send(before);
  co_await pool.aexit();
  (void)before;
}

// Uses on paths where the exit did not happen.
rt::task<> other_path(bool b) {
  Resource r;
  co_await r.aenter();
  if (b) {
    co_await r.aexit();
    co_return;
  }
  r.use();
  co_await r.aexit();
}

// Ownership left: moved, then the variable is not used.
rt::task<> moved() {
  Resource r;
  co_await r.aenter();
  consume(std::move(r));
}

// Returned after its exit: ownership leaves, nothing is used here.
rt::value_task<Resource> returned() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
  co_return std::move(r);
}

// Uses before the exit, in a loop that exits after it.
rt::task<> loop_ok(int n) {
  for (int i = 0; i < n; ++i) {
    Resource r;
    co_await r.aenter();
    r.use();
    co_await r.aexit();
  }
}

// An exit stack closed, then reused.
rt::task<> stack_reuse() {
  ExitStack stack;
  stack.push_async_callback([] {});
  co_await stack.aclose();
  stack.push_async_callback([] {});
  co_await stack.aclose();
}

// Reference parameters are not tracked.
rt::task<> by_reference(Resource &r) {
  co_await r.aexit();
  r.use();
}

// Unevaluated operands do not touch the object.
rt::task<> unevaluated() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
  static_assert(sizeof(r) > 0);
  bool nothrow = noexcept(r.use());
  decltype(r.value()) copy = 0;
  (void)nothrow;
  (void)copy;
}

// A resource held by value and given a new value is a new resource.
rt::task<> resource_copy_reassigned() {
  Pool pool;
  Connection conn = co_await pool.aenter();
  co_await pool.aexit();
  conn = Connection{};
  conn.send(1);
}

// The resource of a new cycle is fine.
rt::task<> resource_of_new_cycle() {
  Pool pool;
  for (int i = 0; i < 2; ++i) {
    Connection &conn = co_await pool.aenter();
    conn.send(i);
    co_await pool.aexit();
  }
}

// pop_all moves the exits, and the resources' lives, to another stack:
// closing the emptied stack ends nothing.
rt::task<> resource_moved_by_pop_all(Resource &managed) {
  ExitStack stack;
  Resource &entered = co_await stack.enter_async_context(managed);
  ExitStack keeper = stack.pop_all();
  co_await stack.aclose();
  entered.use();
  co_await keeper.aclose();
}

// A number or a string an enter returns is a value, not a handle on the
// manager: it stays valid after the exit.
struct Limiter {
  rt::value_task<int> aenter();
  rt::task<> aexit();
};
struct Named {
  rt::value_task<std::string> aenter();
  rt::task<> aexit();
};
void log_slot(int);
void log_name(const std::string &);
rt::task<> self_contained_values() {
  Limiter limiter;
  int slot = co_await limiter.aenter();
  const int &same_slot = co_await limiter.aenter();
  Named named;
  std::string name = co_await named.aenter();
  co_await limiter.aexit();
  co_await named.aexit();
  log_slot(slot + same_slot);
  log_name(name);
}

// A single-use manager made by a generator-based manager coroutine: a new
// one assigned to the variable, or one made per iteration, is entered once.
rt::async_cm<int> lease() { co_yield 1; }
rt::task<> single_use_reassigned() {
  auto cm = lease();
  co_await cm.aenter();
  co_await cm.aexit();
  cm = lease();
  co_await cm.aenter();
  co_await cm.aexit();
}
rt::task<> single_use_per_iteration(int n) {
  for (int i = 0; i < n; ++i) {
    auto cm = lease();
    co_await cm.aenter();
    co_await cm.aexit();
  }
}

// A resource that is itself a reusable manager, entered again after its own
// exit while its owner is still entered: a new cycle, not a use.
struct Session {
  rt::task<> aenter();
  rt::task<> aexit();
  void use();
};
struct SessionPool {
  rt::value_task<Session &> aenter();
  rt::task<> aexit();
};
rt::task<> pooled_session_reentered() {
  SessionPool pool;
  Session &s = co_await pool.aenter();
  co_await s.aenter();
  co_await s.aexit();
  co_await s.aenter();
  s.use();
  co_await s.aexit();
  co_await pool.aexit();
}

// An awaiter whose await_resume does not return ends the path as a
// noreturn call does: the exit after the if is not awaited twice.
struct Abandon {
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  [[noreturn]] void await_resume();
};
rt::task<> abandons(bool bad) {
  Resource r;
  co_await r.aenter();
  if (bad) {
    co_await r.aexit();
    co_await Abandon{};
  }
  co_await r.aexit();
}
