// Declaration-only look-alike of Boost.Cobalt (promise, task, with,
// wait_group) for tests.
#pragma once

#include <concepts>
#include <cstddef>
#include <coroutine>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace boost::asio {
enum class cancellation_type : unsigned int {
  none = 0,
  terminal = 1,
  partial = 2,
  total = 4,
  all = terminal | partial | total
};
} // namespace boost::asio

namespace boost::cobalt {

template <typename Awaitable, typename Promise = void>
concept awaitable_type = requires (Awaitable aw, std::coroutine_handle<Promise> h) {
  { aw.await_ready() } -> std::convertible_to<bool>;
  { aw.await_suspend(h) };
  { aw.await_resume() };
};

template <typename Awaitable, typename Promise = void>
concept awaitable =
    awaitable_type<Awaitable, Promise> ||
    requires (Awaitable&& aw) {
      { std::forward<Awaitable>(aw).operator co_await() } -> awaitable_type<Promise>;
    } ||
    requires (Awaitable&& aw) {
      { operator co_await(std::forward<Awaitable>(aw)) } -> awaitable_type<Promise>;
    };

template <typename Return> struct promise;
template <typename Return> struct task;

namespace detail {

template <typename Return> struct cobalt_promise_base {
  std::suspend_never initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception();
};
template <typename Return> struct cobalt_promise : cobalt_promise_base<Return> {
  promise<Return> get_return_object();
  void return_value(Return value);
};
template <> struct cobalt_promise<void> : cobalt_promise_base<void> {
  promise<void> get_return_object();
  void return_void();
};
template <typename Return> struct task_promise : cobalt_promise_base<Return> {
  task<Return> get_return_object();
  void return_value(Return value);
};
template <> struct task_promise<void> : cobalt_promise_base<void> {
  task<void> get_return_object();
  void return_void();
};

template <typename Return> struct result_awaiter {
  bool await_ready() const;
  template <typename Promise> bool await_suspend(std::coroutine_handle<Promise> h);
  Return await_resume();
};

template <typename T> struct [[nodiscard]] with_impl {
  struct promise_type;
  bool await_ready() const;
  template <typename Promise>
  auto await_suspend(std::coroutine_handle<Promise> h) -> std::coroutine_handle<promise_type>;
  T await_resume();
};

template <typename A>
auto get_awaiter(A&& a) -> decltype(std::forward<A>(a).operator co_await());
template <typename A>
  requires (!requires (A&& a) { std::forward<A>(a).operator co_await(); })
auto get_awaiter(A&& a) -> decltype(operator co_await(std::forward<A>(a)));
template <typename A>
  requires (!requires (A&& a) { std::forward<A>(a).operator co_await(); } &&
            !requires (A&& a) { operator co_await(std::forward<A>(a)); })
A&& get_awaiter(A&& a);
template <typename A>
using co_await_result_t = decltype(get_awaiter(std::declval<A>()).await_resume());

template <typename T> auto invoke_await_exit(T&& t, std::exception_ptr& e) {
  return std::forward<T>(t).await_exit(e);
}

} // namespace detail

template <typename Return> struct [[nodiscard]] promise {
  using promise_type = detail::cobalt_promise<Return>;
  promise(promise&& lhs) noexcept;
  promise& operator=(promise&&) noexcept;
  ~promise();
  detail::result_awaiter<Return> operator co_await();
  bool ready() const;
  explicit operator bool() const;
  void cancel();
  bool attached() const;
  void detach();
  Return get();
};

template <typename Return> struct [[nodiscard]] task {
  using promise_type = detail::task_promise<Return>;
  task(task&& lhs) noexcept;
  task& operator=(task&&) noexcept;
  ~task();
  detail::result_awaiter<Return> operator co_await();
  bool ready() const;
  explicit operator bool() const;
  void cancel();
};

template <typename Arg, typename Func, typename Teardown>
  requires (requires (Func func, Arg& arg, Teardown& teardown, std::exception_ptr ep) {
    { std::move(func)(arg) } -> awaitable<detail::with_impl<void>::promise_type>;
    { std::move(teardown)(std::move(arg), ep) } -> awaitable<detail::with_impl<void>::promise_type>;
    { std::declval<detail::co_await_result_t<decltype(std::move(func)(arg))>>() } -> std::same_as<void>;
  })
auto with(Arg arg, Func func, Teardown teardown) -> detail::with_impl<void> {
  (void)arg;
  (void)func;
  (void)teardown;
  std::terminate();
}

template <typename Arg, typename Func, typename Teardown>
  requires (requires (Func func, Arg& arg, Teardown& teardown, std::exception_ptr e) {
    { std::move(teardown)(std::move(arg), e) } -> awaitable<detail::with_impl<void>::promise_type>;
    { std::move(func)(arg) } -> std::same_as<void>;
  } && (!requires (Func func, Arg& arg) {
    { std::move(func)(arg) } -> awaitable<detail::with_impl<void>::promise_type>;
  }))
auto with(Arg arg, Func func, Teardown teardown) -> detail::with_impl<void> {
  (void)arg;
  (void)func;
  (void)teardown;
  std::terminate();
}

template <typename Arg, typename Func, typename Teardown>
  requires (requires (Func func, Arg& arg, Teardown& teardown, std::exception_ptr ep) {
    { std::move(func)(arg) } -> awaitable<detail::with_impl<void>::promise_type>;
    { std::move(teardown)(std::move(arg), ep) } -> awaitable<detail::with_impl<void>::promise_type>;
    { std::declval<detail::co_await_result_t<decltype(std::move(func)(arg))>>() } -> std::move_constructible;
  })
auto with(Arg arg, Func func, Teardown teardown)
    -> detail::with_impl<detail::co_await_result_t<decltype(std::move(func)(arg))>> {
  (void)arg;
  (void)func;
  (void)teardown;
  std::terminate();
}

template <typename Arg, typename Func, typename Teardown>
  requires (requires (Func func, Arg& arg, Teardown& teardown, std::exception_ptr e) {
    { std::move(teardown)(std::move(arg), e) } -> awaitable<detail::with_impl<void>::promise_type>;
    { std::move(func)(arg) } -> std::move_constructible;
  } && (!requires (Func func, Arg& arg) {
    { std::move(func)(arg) } -> awaitable<detail::with_impl<void>::promise_type>;
  }))
auto with(Arg arg, Func func, Teardown teardown) -> detail::with_impl<decltype(std::move(func)(arg))> {
  (void)arg;
  (void)func;
  (void)teardown;
  std::terminate();
}

template <typename Arg, typename Func>
  requires requires (Arg args, std::exception_ptr ep) {
    { std::move(args).await_exit(ep) } -> awaitable<detail::with_impl<void>::promise_type>;
  }
auto with(Arg&& arg, Func&& func) {
  return with(std::forward<Arg>(arg), std::forward<Func>(func),
              &detail::invoke_await_exit<Arg>);
}

// boost/cobalt/wait_group.hpp, with the wrappers of detail/wait_group.hpp.
namespace detail {
struct race_wrapper {
  struct awaitable_type {
    bool await_ready();
    template <typename Promise> bool await_suspend(std::coroutine_handle<Promise> h);
    void await_resume();
  };
  awaitable_type operator co_await() &&;
};
struct gather_wrapper {
  struct awaitable_type {
    bool await_ready();
    template <typename Promise> bool await_suspend(std::coroutine_handle<Promise> h);
    void await_resume();
  };
  awaitable_type operator co_await() &&;
};
} // namespace detail

struct wait_group {
  explicit wait_group(
      boost::asio::cancellation_type normal_cancel = boost::asio::cancellation_type::none,
      boost::asio::cancellation_type exception_cancel = boost::asio::cancellation_type::all);
  void push_back(promise<void> p);
  std::size_t size() const;
  std::size_t reap();
  void cancel(boost::asio::cancellation_type ct = boost::asio::cancellation_type::all);
  auto wait_one() -> detail::race_wrapper;
  detail::gather_wrapper wait();
  detail::gather_wrapper::awaitable_type operator co_await();
  detail::gather_wrapper await_exit(std::exception_ptr ep);
};

} // namespace boost::cobalt
