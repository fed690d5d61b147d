// Code that hides itself from static analyzers: stdexec's exec/task.hpp
// declares its promise's await_transform for senders only when
// __clang_analyzer__ is not defined, so co_await of a sender compiles with
// clang and not under a tool that defines the macro.
#include <coroutine>

struct awaitable {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume() noexcept;
};
struct sender {};

struct task {
  struct promise_type {
    task get_return_object() noexcept;
    std::suspend_always initial_suspend() noexcept;
    std::suspend_always final_suspend() noexcept;
    void return_void() noexcept;
    void unhandled_exception() noexcept;
    template <class A> A &&await_transform(A &&a) noexcept {
      return static_cast<A &&>(a);
    }
#ifndef __clang_analyzer__
    awaitable await_transform(sender) noexcept;
#endif
  };
};

struct Pool {
  awaitable aenter();
  awaitable aexit();
};

task leaks() {
  co_await sender{};
  Pool p;
  co_await p.aenter();
}
