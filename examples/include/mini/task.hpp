// A minimal lazy coroutine task, enough to write realistic async code.
// A task starts when it is awaited and resumes its awaiter when it finishes
// (symmetric transfer). It is deliberately not [[nodiscard]]: acm-tidy, not
// the compiler, is what catches a discarded aexit()/aclose() in the examples.
#pragma once
#include <coroutine>
#include <exception>
#include <optional>
#include <type_traits>
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

template <typename T> struct promise : promise_base {
  std::optional<T> value;
  task<T> get_return_object();
  template <typename U = T> void return_value(U &&v) {
    value.emplace(std::forward<U>(v));
  }
};

template <> struct promise<void> : promise_base {
  task<void> get_return_object();
  void return_void() noexcept {}
};
} // namespace detail

template <typename T> class task {
public:
  using promise_type = detail::promise<T>;

  task(task &&other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  task &operator=(task &&) = delete;
  ~task() {
    if (handle_)
      handle_.destroy();
  }

  // Precondition: the task has not been moved from.
  bool await_ready() const noexcept { return handle_.done(); }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) {
    handle_.promise().continuation = caller;
    return handle_;
  }
  T await_resume() {
    promise_type &p = handle_.promise();
    if (p.error)
      std::rethrow_exception(p.error);
    if constexpr (!std::is_void_v<T>)
      return std::move(*p.value);
  }

private:
  friend promise_type;
  explicit task(std::coroutine_handle<promise_type> h) : handle_(h) {}
  std::coroutine_handle<promise_type> handle_;
};

template <typename T> task<T> detail::promise<T>::get_return_object() {
  return task<T>(std::coroutine_handle<promise<T>>::from_promise(*this));
}
inline task<void> detail::promise<void>::get_return_object() {
  return task<void>(std::coroutine_handle<promise<void>>::from_promise(*this));
}

// Awaits all given tasks (one after the other: there is no scheduler here).
template <typename... Tasks> task<> when_all(Tasks... tasks) {
  (co_await std::move(tasks), ...);
}

} // namespace mini
