// Declaration-only look-alike of folly::coro for the profile tests: the
// namespaces, class names, template parameters and member signatures of
// folly/coro/AsyncScope.h, folly/coro/AsyncGenerator.h, folly/coro/Task.h,
// folly/coro/ScopeExit.h, folly/coro/BlockingWait.h and the co_await
// support of folly/futures/Future.h.
// Bodies and private members are left out.
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

// folly/futures/Future.h. A SemiFuture is awaited inside a coro::Task, whose
// promise turns it into a Future on the task's executor.
template <typename T>
detail::FutureAwaiter<T> operator co_await(Future<T>&& future) noexcept;

namespace coro {

template <typename T = void> class Task;
template <typename T> class TaskWithExecutor;

namespace detail {
// What a Task's promise makes of anything it awaits (co_viaIfAsync).
struct ViaIfAsyncAwaiter {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume();
};

template <typename T> class TaskPromiseBase {
 public:
  Task<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  void unhandled_exception() noexcept;
  template <typename Awaitable>
  ViaIfAsyncAwaiter await_transform(Awaitable&& awaitable);
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
};

template <typename T> class [[nodiscard]] TaskWithExecutor {
 public:
  TaskWithExecutor(TaskWithExecutor&&) noexcept;
  ~TaskWithExecutor();
};

// folly/coro/BlockingWait.h: a function object. Its result type is
// simplified to the void results the tests wait for.
struct blocking_wait_fn {
  template <typename Awaitable> void operator()(Awaitable&& awaitable) const;
};
inline constexpr blocking_wait_fn blockingWait{};

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
  template <class T>
  folly::coro::Task<void> co_schedule(folly::coro::Task<T>&& task);
  void requestCancellation() const noexcept;
  bool isScopeCancellationRequested() const noexcept;
  Task<void> cancelAndJoinAsync() noexcept;
  Task<void> joinAsync() noexcept;
};

template <
    typename Reference,
    typename Value = std::remove_cvref_t<Reference>,
    bool RequiresCleanup = false>
class AsyncGenerator;

namespace detail {
template <typename Reference, typename Value, bool RequiresCleanup = false>
class AsyncGeneratorPromise final {
 public:
  AsyncGenerator<Reference, Value, RequiresCleanup> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept;
  std::suspend_always final_suspend() noexcept;
  std::suspend_always yield_value(Reference&& value) noexcept;
  template <
      typename U,
      std::enable_if_t<
          !std::is_reference_v<Reference> &&
              std::is_convertible_v<U&&, Reference>,
          int> = 0>
  std::suspend_always yield_value(U&& value) noexcept;
  void return_void() noexcept;
  void unhandled_exception() noexcept;
  template <typename Awaitable>
  ViaIfAsyncAwaiter await_transform(Awaitable&& awaitable);
};

template <typename... Args> class ScopeExitTaskPromise;
template <typename... Args> class [[nodiscard]] ScopeExitTask {
 public:
  using promise_type = ScopeExitTaskPromise<Args...>;
  ScopeExitTask(ScopeExitTask&& t) noexcept;
  ~ScopeExitTask();
};
} // namespace detail

template <typename Reference, typename Value, bool RequiresCleanup>
class [[nodiscard]] AsyncGenerator {
 public:
  using promise_type =
      detail::AsyncGeneratorPromise<Reference, Value, RequiresCleanup>;
  using value_type = Value;
  using reference = Reference;

  AsyncGenerator() noexcept;
  AsyncGenerator(AsyncGenerator&& other) noexcept;
  ~AsyncGenerator();

  class CleanupSemiAwaitable;
  class [[nodiscard]] CleanupAwaitable {
   public:
    bool await_ready() noexcept;
    template <typename Promise>
    auto await_suspend(std::coroutine_handle<Promise> continuation) noexcept;
    void await_resume() noexcept;
  };
  class [[nodiscard]] CleanupSemiAwaitable {
   public:
    CleanupAwaitable viaIfAsync(Executor::KeepAlive<> executor) noexcept;
  };
  CleanupSemiAwaitable cleanup() &&;

  AsyncGenerator& operator=(AsyncGenerator&& other) noexcept;
  void swap(AsyncGenerator& other) noexcept;

  class NextAwaitable;
  class NextSemiAwaitable;
  class NextResult {
   public:
    NextResult() noexcept;
    bool has_value() const noexcept;
    explicit operator bool() const noexcept;
  };
  class NextSemiAwaitable {
   public:
    NextAwaitable viaIfAsync(Executor::KeepAlive<> executor) noexcept;
  };
  NextSemiAwaitable next() noexcept;
};

template <typename Reference, typename Value = std::remove_cvref_t<Reference>>
using CleanableAsyncGenerator =
    AsyncGenerator<Reference, Value, true /* RequiresCleanup */>;

// folly/coro/ScopeExit.h: a function object. The action runs, awaited, when
// the enclosing coroutine finishes, on copies of the arguments (move-only
// objects are passed with std::move).
class co_scope_exit_fn {
 public:
  template <typename Action, typename... Args>
  detail::ScopeExitTask<std::decay_t<Args>...> operator()(
      Action&& action, Args&&... args) const {
    std::terminate(); // A body, so lambdas without linkage can be passed.
  }
};
inline constexpr co_scope_exit_fn co_scope_exit{};

// folly/coro/Collect.h: runs each awaitable of the range in the scope and
// yields their results as they complete.
template <typename InputRange>
AsyncGenerator<int> makeUnorderedAsyncGenerator(AsyncScope& scope,
                                                InputRange awaitables);

} // namespace coro
} // namespace folly
