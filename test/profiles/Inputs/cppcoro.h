// Declaration-only look-alike of cppcoro (task, async_scope) for tests.
#pragma once

#include <atomic>
#include <coroutine>
#include <cstddef>
#include <exception>

namespace cppcoro {

template <typename T = void> class task;

namespace detail {
template <typename T> class task_promise_base {
 public:
  task<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception() noexcept;
};
template <typename T> class task_promise : public task_promise_base<T> {
 public:
  template <typename VALUE> void return_value(VALUE&& value);
};
template <> class task_promise<void> : public task_promise_base<void> {
 public:
  void return_void() noexcept;
};
template <typename T> class task_awaiter {
 public:
  bool await_ready() const noexcept;
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaitingCoroutine) noexcept;
  T await_resume();
};
} // namespace detail

template <typename T> class [[nodiscard]] task {
 public:
  using promise_type = detail::task_promise<T>;
  using value_type = T;
  task() noexcept;
  task(task&& t) noexcept;
  ~task();
  task& operator=(task&& other) noexcept;
  bool is_ready() const noexcept;
  detail::task_awaiter<T> operator co_await() const& noexcept;
  detail::task_awaiter<T> operator co_await() const&& noexcept;
};

class async_scope {
 public:
  async_scope() noexcept;
  ~async_scope();

  template <typename AWAITABLE> void spawn(AWAITABLE&& awaitable);

  [[nodiscard]] auto join() noexcept {
    class awaiter {
      async_scope* m_scope;
     public:
      awaiter(async_scope* scope) noexcept : m_scope(scope) {}
      bool await_ready() noexcept { return m_scope == nullptr; }
      bool await_suspend(std::coroutine_handle<>) noexcept { return true; }
      void await_resume() noexcept {}
    };
    return awaiter{this};
  }

 private:
  std::atomic<std::size_t> m_count;
  std::coroutine_handle<> m_continuation;
};

} // namespace cppcoro
