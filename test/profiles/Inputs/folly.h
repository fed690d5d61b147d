// Declaration-only look-alike of folly::coro (Task, AsyncScope, AsyncGenerator, co_scope_exit) for tests.
#pragma once

#include <coroutine>
#include <cstddef>
#include <exception>
#include <optional>
#include <source_location>
#include <tuple>
#include <type_traits>

namespace folly {

struct Unit {};
using source_location = std::source_location;

class CancellationToken {};
class Executor {
 public:
  template <typename ExecutorT = Executor> class KeepAlive {};
};

template <typename T> class SemiFuture;
template <typename T> class Future;

namespace detail {
template <typename T> class FutureAwaiter {
 public:
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> h) noexcept;
  T await_resume();
};
} // namespace detail

template <typename T> class SemiFuture {
 public:
  SemiFuture(SemiFuture&&) noexcept;
  ~SemiFuture();
  Future<T> via(Executor::KeepAlive<> executor) &&;
  T get() &&;
};

template <typename T> class Future {
 public:
  Future(Future&&) noexcept;
  ~Future();
  SemiFuture<T> semi() &&;
  T get() &&;
};

template <typename T>
detail::FutureAwaiter<T> operator co_await(Future<T>&& future) noexcept;
template <typename T>
detail::FutureAwaiter<T> operator co_await(SemiFuture<T>&& future) noexcept;

namespace coro {

template <typename T = void> class Task;
template <typename T> class TaskWithExecutor;

namespace detail {
template <typename T> class TaskPromiseBase {
 public:
  Task<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception() noexcept;
};
template <typename T> class TaskPromise : public TaskPromiseBase<T> {
 public:
  template <typename U = T> void return_value(U&& value);
};
template <> class TaskPromise<void> : public TaskPromiseBase<void> {
 public:
  void return_void() noexcept;
};
} // namespace detail

template <typename T> class [[nodiscard]] Task {
 public:
  using promise_type = detail::TaskPromise<T>;
  Task(Task&& t) noexcept;
  ~Task();
  TaskWithExecutor<T> scheduleOn(Executor::KeepAlive<> executor) && noexcept;
  SemiFuture<T> semi() &&;
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  T await_resume();
};

template <typename T> class [[nodiscard]] TaskWithExecutor {
 public:
  TaskWithExecutor(TaskWithExecutor&&) noexcept;
  ~TaskWithExecutor();
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  T await_resume();
};

class AsyncScope {
 public:
  AsyncScope() noexcept;
  explicit AsyncScope(bool throwOnJoin) noexcept;
  ~AsyncScope();
  std::size_t remaining() const noexcept;
  template <typename Awaitable>
  void add(Awaitable&& awaitable, void* returnAddress = nullptr);
  template <typename Awaitable>
  void addWithSourceLoc(
      Awaitable&& awaitable,
      void* returnAddress = nullptr,
      source_location sourceLocation = source_location::current());
  Task<void> joinAsync() noexcept;
  SemiFuture<Unit> cleanup() noexcept;
};

class CancellableAsyncScope {
 public:
  CancellableAsyncScope() noexcept;
  explicit CancellableAsyncScope(bool throwOnJoin) noexcept;
  explicit CancellableAsyncScope(CancellationToken&& token);
  CancellableAsyncScope(CancellationToken&& token, bool throwOnJoin);
  std::size_t remaining() const noexcept;
  template <typename Awaitable>
  void add(
      Awaitable&& awaitable,
      std::optional<CancellationToken> token = std::nullopt,
      void* returnAddress = nullptr);
  template <typename Awaitable>
  void addWithSourceLoc(
      Awaitable&& awaitable,
      std::optional<CancellationToken> token,
      void* returnAddress = nullptr,
      source_location sourceLocation = source_location::current());
  template <typename Awaitable>
  void addWithSourceLoc(
      Awaitable&& awaitable,
      source_location sourceLocation = source_location::current());
  template <class T> Task<void> co_schedule(Task<T>&& task);
  void requestCancellation() const noexcept;
  bool isScopeCancellationRequested() const noexcept;
  Task<void> cancelAndJoinAsync() noexcept;
  Task<void> joinAsync() noexcept;
};

template <typename Reference, typename Value, bool RequiresCleanup>
class AsyncGenerator;

namespace detail {
template <typename Reference, typename Value, bool RequiresCleanup = false>
class AsyncGeneratorPromise {
 public:
  AsyncGenerator<Reference, Value, RequiresCleanup> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  std::suspend_always yield_value(Reference&& value) noexcept;
  template <typename U,
            std::enable_if_t<!std::is_reference_v<Reference> &&
                                 std::is_convertible_v<U&&, Reference>,
                             int> = 0>
  std::suspend_always yield_value(U&& value) noexcept;
  void return_void() noexcept;
  void unhandled_exception() noexcept;
};

template <typename... Args> class [[nodiscard]] ScopeExitTask {
 public:
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  std::tuple<Args&...> await_resume() noexcept;
};
} // namespace detail

template <typename Reference,
          typename Value = std::remove_cvref_t<Reference>,
          bool RequiresCleanup = false>
class [[nodiscard]] AsyncGenerator {
 public:
  using promise_type =
      detail::AsyncGeneratorPromise<Reference, Value, RequiresCleanup>;
  using value_type = Value;
  using reference = Reference;

  AsyncGenerator() noexcept;
  AsyncGenerator(AsyncGenerator&& other) noexcept;
  ~AsyncGenerator();
  AsyncGenerator& operator=(AsyncGenerator&& other) noexcept;

  class [[nodiscard]] CleanupSemiAwaitable {
   public:
    bool await_ready() noexcept;
    void await_suspend(std::coroutine_handle<> continuation) noexcept;
    void await_resume() noexcept;
  };
  CleanupSemiAwaitable cleanup() &&;

  class NextResult {
   public:
    bool has_value() const noexcept;
    explicit operator bool() const noexcept;
    Reference value() &;
    Reference operator*() &;
  };
  class NextSemiAwaitable {
   public:
    bool await_ready() noexcept;
    void await_suspend(std::coroutine_handle<> continuation) noexcept;
    NextResult await_resume();
  };
  NextSemiAwaitable next() noexcept;
};

template <typename Reference, typename Value = std::remove_cvref_t<Reference>>
using CleanableAsyncGenerator = AsyncGenerator<Reference, Value, true>;

template <typename Action, typename... Args>
detail::ScopeExitTask<std::decay_t<Args>...> co_scope_exit(
    Action&& action, Args&&... args) {
  (void)action;
  ((void)args, ...);
  std::terminate();
}

} // namespace coro
} // namespace folly
