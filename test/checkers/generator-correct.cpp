// Generator-based managers that yield exactly once on every path, and
// protect their asynchronous cleanup, in the shapes real code takes: every
// generator check stays silent.
// RUN: %check_acm %s acm-generator-multiple-yield,acm-generator-missing-yield,acm-generator-unprotected-yield,acm-unawaited-enter %t

#include "acm-task.h"

rt::task<> release(int);
bool ready();

// One yield per instantiation of an if constexpr.
template <bool Fast> rt::async_cm<int> pick() {
  std::exception_ptr error;
  try {
    if constexpr (Fast)
      co_yield 1;
    else
      co_yield 2;
  } catch (...) {
    error = std::current_exception();
  }
  co_await release(0);
  if (error)
    std::rethrow_exception(error);
}
template rt::async_cm<int> pick<true>();
template rt::async_cm<int> pick<false>();

// The discarded branch of an if constexpr never runs.
rt::async_cm<int> discarded_branch() {
  if constexpr (sizeof(int) == 4)
    co_yield 1;
  else
    co_yield 2;
  if constexpr (sizeof(int) == 0)
    co_yield 3;
}

// co_return after the protected yield skips the cleanup on purpose.
rt::async_cm<int> return_in_the_middle(bool quick) {
  std::exception_ptr error;
  try {
    co_yield 1;
  } catch (...) {
    error = std::current_exception();
  }
  if (quick)
    co_return;
  co_await release(1);
  if (error)
    std::rethrow_exception(error);
}

// A specific handler inside a catch (...) one.
rt::async_cm<int> nested_try() {
  std::exception_ptr error;
  try {
    try {
      co_yield 1;
    } catch (const std::exception &) {
      throw;
    }
  } catch (...) {
    error = std::current_exception();
  }
  co_await release(2);
  if (error)
    std::rethrow_exception(error);
}

// Each case yields then returns, or refuses.
rt::async_cm<int> switch_returns(int k) {
  switch (k) {
  case 0:
    co_yield 0;
    co_return;
  case 1:
    co_yield 1;
    co_return;
  default:
    throw k;
  }
}

// A switch over every enumerator.
enum class Mode { Read, Write };
rt::async_cm<int> every_enumerator(Mode m) {
  switch (m) {
  case Mode::Read:
    co_yield 0;
    break;
  case Mode::Write:
    co_yield 1;
    break;
  }
}

// Loops that leave right after their yield.
rt::async_cm<int> wait_then_yield(int n) {
  for (int i = 0;; ++i) {
    if (i == n) {
      co_yield i;
      break;
    }
    co_await release(i);
  }
}

rt::async_cm<int> poll_then_yield() {
  while (!ready())
    co_await release(3);
  co_yield 1;
}

rt::async_cm<int> retry_then_yield() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      co_await release(attempt);
    } catch (...) {
      continue;
    }
    co_yield attempt;
    co_return;
  }
  throw 0;
}

rt::async_cm<int> do_while_yield() {
  do {
    if (!ready())
      continue;
    co_yield 1;
    co_return;
  } while (ready());
  throw 0;
}

// A forward goto to a refusal.
rt::async_cm<int> goto_refusal(bool ok) {
  if (!ok)
    goto refuse;
  co_yield 1;
  co_return;
refuse:
  throw 0;
}

// What is yielded may itself be awaited first.
rt::async_cm<int> yield_awaited_value() { co_yield (co_await release(4), 1); }

// Member functions, member templates and lambdas.
struct Service {
  rt::async_cm<int> session() {
    std::exception_ptr error;
    try {
      co_yield 1;
    } catch (...) {
      error = std::current_exception();
    }
    co_await release(5);
    if (error)
      std::rethrow_exception(error);
  }
  template <typename T> rt::async_cm<T> typed_session() { co_yield T{}; }
};
template rt::async_cm<int> Service::typed_session<int>();

void lambdas() {
  auto per_branch = [](bool b) -> rt::async_cm<int> {
    if (b)
      co_yield 1;
    else
      co_yield 2;
  };
  auto generic = [](auto value) -> rt::async_cm<int> { co_yield value; };
  (void)per_branch;
  (void)generic(1);
  (void)generic(2L);
}
