// Correct programs around ownership, storage and control flow: neither
// acm-missing-exit-await nor acm-use-after-exit may report anything.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t

#include "acm-task.h"
#include <memory>
#include <optional>
#include <utility>
#include <vector>

struct Box {
  Resource held;
};

rt::task<> into_containers(std::vector<Resource> &all) {
  Resource a, b;
  co_await a.aenter();
  co_await b.aenter();
  all.push_back(std::move(a));
  all.emplace_back(std::move(b));
}

struct Service {
  Resource member_;
  Stream stream_;
  rt::task<> adopt(Resource incoming) {
    co_await incoming.aenter();
    member_ = std::move(incoming);
  }
  rt::task<> enter_member() {
    // Members belong to the object, not to this call.
    co_await member_.aenter();
    co_return;
  }
};

rt::value_task<Box> into_a_returned_struct() {
  Resource r;
  co_await r.aenter();
  co_return Box{std::move(r)};
}

rt::value_task<ExitStack> exits_handed_to_the_caller() {
  ExitStack stack;
  Resource r;
  co_await stack.enter_async_context(r);
  co_return stack.pop_all();
}

// Storage the analysis does not own or does not follow.
rt::task<> not_tracked(std::vector<Resource> &many) {
  auto owned = std::make_unique<Resource>();
  co_await owned->aenter();
  std::optional<Resource> maybe;
  maybe.emplace();
  co_await maybe->aenter();
  Resource array[2];
  co_await array[0].aenter();
  static Resource shared;
  co_await shared.aenter();
  auto [first, second] = std::pair<Resource, Resource>{};
  co_await first.aenter();
  for (auto &each : many)
    co_await each.aenter();
}

// Awaited inside a lambda that is awaited at once: captured by reference,
// the lambda takes the exit over.
rt::task<> immediately_awaited_lambda() {
  Resource r;
  co_await r.aenter();
  co_await [&]() -> rt::task<> { co_await r.aexit(); }();
}

rt::task<> enters_and_exits_in_combinators() {
  Resource a, b;
  co_await rt::when_all(a.aenter(), b.aenter());
  co_await rt::when_all(a.aexit(), b.aexit());
}

rt::task<> exit_with_an_exception_ptr() {
  Resource r;
  co_await r.aenter();
  std::exception_ptr none = nullptr;
  co_await r.aexit(none);
}

rt::task<> compile_time_branches() {
  Resource r;
  co_await r.aenter();
  if constexpr (sizeof(int) >= 2)
    co_await r.aexit();
  else
    r.use();
}

#define ENTER(m) co_await (m).aenter()
#define EXIT(m) co_await (m).aexit()
rt::task<> through_macros() {
  Resource r;
  ENTER(r);
  r.use();
  EXIT(r);
}

rt::task<> statement_expressions() {
  Resource r;
  ({ co_await r.aenter(); });
  r.use();
  ({ co_await r.aexit(); });
}

rt::task<> per_iteration(std::vector<Resource> copies) {
  for (Resource each : copies) {
    co_await each.aenter();
    each.use();
    co_await each.aexit();
  }
  int n = 3;
  do {
    Resource r;
    co_await r.aenter();
    co_await r.aexit();
  } while (--n);
}

rt::task<> switch_with_fallthrough(int k) {
  Resource r;
  co_await r.aenter();
  switch (k) {
  case 0:
    r.use();
    [[fallthrough]];
  case 1:
    co_await r.aexit();
    break;
  default: {
    Resource local;
    co_await local.aenter();
    co_await local.aexit();
    co_await r.aexit();
  }
  }
}

rt::task<> goto_forward_and_back(int n) {
  Resource r;
again:
  co_await r.aenter();
  if (n == 1)
    goto done;
  r.use();
done:
  co_await r.aexit();
  if (--n > 0)
    goto again;
}

// Exits of a value copied out before the exit, used after it.
rt::value_task<int> value_copied_out() {
  Resource r;
  co_await r.aenter();
  int value = r.value();
  co_await r.aexit();
  co_return value + 1;
}

// A generic lambda, instantiated twice.
rt::task<> generic_lambda() {
  auto run = [](auto manager) -> rt::task<> {
    co_await manager.aenter();
    co_await manager.aexit();
  };
  co_await run(Resource{});
  co_await run(Pool{});
}

// Helpers whose visible definition exits, moves or stacks the object they
// borrow take the exit over.
rt::task<> close_helper(Resource &r) { co_await r.aexit(); }
rt::task<> close_later(Resource &r) { return r.aexit(); }
template <typename M> rt::task<> close_any(M &m) { co_await m.aexit(); }
void keep_forever(Resource &r) { consume(std::move(r)); }

rt::task<> exits_through_helpers() {
  Resource a, b, c, d, e;
  co_await a.aenter();
  co_await b.aenter();
  co_await c.aenter();
  co_await d.aenter();
  co_await e.aenter();
  co_await close_helper(a);
  co_await close_later(b);
  co_await close_any(c);
  keep_forever(d);
  auto close_lambda = [](Resource &r) -> rt::task<> { co_await r.aexit(); };
  co_await close_lambda(e);
}

// A member function that exits its own object takes the exit over.
struct Session {
  rt::task<> aenter();
  rt::task<> aexit();
  rt::task<> finish() {
    flush();
    co_await aexit();
  }
  void flush();
};
rt::task<> finished_by_a_member() {
  Session s;
  co_await s.aenter();
  s.flush();
  co_await s.finish();
}

// The right-hand side runs before the assignment: handing the object over
// (folly coro/test/ScopeExitTest.cpp: gen = co_invoke(f, AutoCleanup{std::move(gen)}, 42);)
// there leaves nothing owed when the new value arrives.
Stream wrap_stream(Stream &&inner);
rt::task<> rewrapped_before_assignment() {
  Stream s = open_stream();
  s = wrap_stream(std::move(s));
  co_await s.aclose();
}
rt::task<> rewrapped_through_a_temporary() {
  Stream s = open_stream();
  s = wrap_stream(Stream(std::move(s)));
  co_await s.aclose();
}
