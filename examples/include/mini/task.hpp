// A minimal lazy coroutine task, enough to write realistic async code.
#pragma once
#include <coroutine>
#include <exception>
#include <utility>

namespace mini {

template <typename T = void> class task;

namespace detail {
struct final_awaiter {
  bool await_ready() const noexcept { return false; }
  template <typename P>
  std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
    if (auto next = h.promise().continuation)
      return next;
    return std::noop_coroutine();
  }
  void await_resume() const noexcept {}
};
struct promise_base {
  std::coroutine_handle<> continuation;
  std::exception_ptr error;
  std::suspend_always initial_suspend() noexcept { return {}; }
  final_awaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { error = std::current_exception(); }
};
} // namespace detail

template <> class task<void> {
public:
  struct promise_type : detail::promise_base {
    task get_return_object() {
      return task(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    void return_void() noexcept {}
  };
  task(task &&other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  ~task() {
    if (handle_)
      handle_.destroy();
  }
  bool await_ready() const noexcept { return !handle_ || handle_.done(); }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) {
    handle_.promise().continuation = caller;
    return handle_;
  }
  void await_resume() {
    if (handle_ && handle_.promise().error)
      std::rethrow_exception(handle_.promise().error);
  }

private:
  explicit task(std::coroutine_handle<promise_type> h) : handle_(h) {}
  std::coroutine_handle<promise_type> handle_;
};

// Awaits all given tasks, one after the other.
template <typename... Tasks> task<> when_all(Tasks... tasks) {
  (co_await std::move(tasks), ...);
}

} // namespace mini
