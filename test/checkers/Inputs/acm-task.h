// A minimal coroutine runtime and protocol types for the acm-tidy tests.
// Self-contained: compiles with clang++ -std=c++20 and libstdc++.
#pragma once
#include <coroutine>
#include <exception>
#include <utility>

namespace rt {

template <typename T = void> struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

template <typename T> struct value_task {
  struct promise_type {
    value_task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const noexcept;
};

template <typename... Ts> task<> when_all(Ts &&...);

// A generator-based manager, as @asynccontextmanager makes them: the body
// before its co_yield is the enter, the yielded value what the caller gets,
// the code after it the exit.
template <typename T> struct async_cm {
  struct promise_type {
    async_cm get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T) noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  value_task<T> aenter();
  task<> aexit(std::exception_ptr = nullptr);
};

// An ordinary generator: it may yield any number of times.
template <typename T> struct generator {
  struct promise_type {
    generator get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T) noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

} // namespace rt

// A manager: enter and exit must both be awaited.
struct Resource {
  rt::task<> aenter();
  rt::task<> aexit(std::exception_ptr = nullptr);
  void use();
  int value() const;
  bool operator==(const Resource &) const;
};

// A manager whose enter hands out a connection.
struct Connection {
  void send(int);
};
struct Pool {
  rt::value_task<Connection &> aenter();
  rt::task<> aexit(std::exception_ptr = nullptr);
};

// A closeable: entered from birth.
struct Stream {
  rt::task<> aclose();
  void write(int);
};

// An exit stack.
struct ExitStack {
  template <typename M> rt::value_task<M &> enter_async_context(M &);
  template <typename F> void push_async_callback(F) {}
  ExitStack pop_all();
  rt::task<> aclose();
};

// Synchronous look-alike: not the protocol.
struct SyncLookalike {
  void aenter();
  void aexit();
};

Stream open_stream();
bool ready();
void borrow(Resource &);
void consume(Resource);
void keep(Resource &&);
