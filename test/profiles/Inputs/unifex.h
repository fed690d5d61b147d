// Declaration-only look-alike of libunifex for the profile tests: the
// namespaces, class names and member signatures of unifex/v1/async_scope.hpp
// (declared in the inline namespace v1, so unifex::async_scope names it),
// unifex/v2/async_scope.hpp, unifex/sequence.hpp (what complete(), cleanup()
// and join() return), unifex/task.hpp, and the function objects of
// unifex/nest.hpp, unifex/spawn_detached.hpp and unifex/spawn_future.hpp
// (unifex::spawn_detached(sender, scope)). Senders are not awaitable by
// themselves: a unifex::task awaits them through its promise's
// await_transform. Bodies and private members are left out.
#pragma once

#include <coroutine>
#include <cstddef>
#include <exception>
#include <memory>
#include <type_traits>

namespace unifex {

class inplace_stop_token {};

namespace _seq {
template <typename Predecessor, typename Successor> struct _sender {
  class type;
};
template <typename Predecessor, typename Successor>
class _sender<Predecessor, Successor>::type {
 public:
  template <template <typename...> class Variant,
            template <typename...> class Tuple>
  using value_types = Variant<Tuple<>>;
};
template <typename Predecessor, typename Successor>
using sender = typename _sender<std::remove_cvref_t<Predecessor>,
                                std::remove_cvref_t<Successor>>::type;
} // namespace _seq

// Stand-ins for the senders sequence() is given.
struct _just_from_sender {};
struct _async_wait_sender {};
using _end_scope_sender = _seq::sender<_just_from_sender, _async_wait_sender>;

namespace _task {
// What a task's promise makes of the sender or awaitable it awaits.
struct _awaiter {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume();
};
template <typename T, bool nothrow> struct _task {
  struct type;
};
template <typename T, bool nothrow> struct _task<T, nothrow>::type {
  struct promise_type {
    type get_return_object() noexcept;
    std::suspend_always initial_suspend() noexcept;
    std::suspend_always final_suspend() noexcept;
    void return_void() noexcept;
    void unhandled_exception() noexcept;
    template <typename Value> _awaiter await_transform(Value&& value);
  };
};
} // namespace _task

template <typename T>
using task = typename _task::_task<T, false>::type;

inline namespace v1 {
namespace _async_scope {

template <typename Sender> struct _attached_sender final {
  class type;
};
template <typename Sender>
class _attached_sender<Sender>::type final {};
template <typename Sender>
using attached_sender =
    typename _attached_sender<std::remove_cvref_t<Sender>>::type;

// spawn() returns unifex::v2::future<v1::async_scope, ...>, a sender.
struct _spawn_future_sender {};

struct async_scope {
 public:
  async_scope() noexcept = default;
  ~async_scope();

  template <typename Sender> _spawn_future_sender spawn(Sender&& sender);
  template <typename Sender, typename Scheduler>
  _spawn_future_sender spawn_on(Scheduler&& scheduler, Sender&& sender);
  template <typename Scheduler, typename Fun>
  _spawn_future_sender spawn_call_on(Scheduler&& scheduler, Fun&& fun);

  template <typename Sender> void detached_spawn(Sender&& sender);
  template <typename Sender, typename Scheduler>
  void detached_spawn_on(Scheduler&& scheduler, Sender&& sender);
  template <typename Scheduler, typename Fun>
  void detached_spawn_call_on(Scheduler&& scheduler, Fun&& fun);

  template <typename Sender>
  [[nodiscard]] attached_sender<Sender> attach(Sender&& sender) noexcept;
  template <typename Fun>
  [[nodiscard]] attached_sender<_just_from_sender> attach_call(Fun&& fun) noexcept;
  template <typename Sender, typename Scheduler>
  [[nodiscard]] attached_sender<Sender> attach_on(Scheduler&& scheduler,
                                                  Sender&& sender) noexcept;
  template <typename Scheduler, typename Fun>
  [[nodiscard]] attached_sender<_just_from_sender>
  attach_call_on(Scheduler&& scheduler, Fun&& fun) noexcept;

  [[nodiscard]] _end_scope_sender complete() noexcept;
  [[nodiscard]] _end_scope_sender cleanup() noexcept;

  inplace_stop_token get_stop_token() noexcept;
  void request_stop() noexcept;
};

} // namespace _async_scope

using v1::_async_scope::async_scope;

} // namespace v1

namespace v2 {
namespace _async_scope {

template <typename Sender> struct _nest_sender final {
  struct type;
};
template <typename Sender> struct _nest_sender<Sender>::type final {};
template <typename Sender>
using nest_sender = typename _nest_sender<Sender>::type;

struct async_scope final {
  async_scope() noexcept = default;
  async_scope(async_scope&&) = delete;
  ~async_scope();

  [[nodiscard]] _end_scope_sender join() noexcept;
  bool joined() const noexcept;
  template <typename Sender>
  [[nodiscard]] nest_sender<std::remove_cvref_t<Sender>> nest(
      Sender&& sender) noexcept;
  bool join_started() const noexcept;
  std::size_t use_count() const noexcept;
};

} // namespace _async_scope

using _async_scope::async_scope;

} // namespace v2

// unifex/nest.hpp: nest(sender, scope) is scope.nest(sender).
namespace _nest_cpo {
inline const struct _nest_fn final {
  template <typename Sender, typename Scope>
  auto operator()(Sender&& sender, Scope& scope) const
      -> decltype(scope.nest(static_cast<Sender&&>(sender)));
} nest{};
} // namespace _nest_cpo
using _nest_cpo::nest;

// unifex/spawn_detached.hpp: nests the sender in the scope and starts it.
namespace _spawn_detached {
struct _spawn_detached_fn {
  template <typename Sender, typename Scope,
            typename Alloc = std::allocator<std::byte>>
  void operator()(Sender&& sender, Scope& scope, const Alloc& alloc = {}) const;
};
} // namespace _spawn_detached
inline constexpr _spawn_detached::_spawn_detached_fn spawn_detached{};

// unifex/spawn_future.hpp: the same, returning a sender of the result.
namespace _spawn_future {
template <typename Scope> struct _future final {
  struct type {};
};
struct _spawn_future_fn {
  template <typename Sender, typename Scope,
            typename Alloc = std::allocator<std::byte>>
  typename _future<Scope>::type operator()(Sender&& sender, Scope& scope,
                                           const Alloc& alloc = {}) const;
};
} // namespace _spawn_future
inline constexpr _spawn_future::_spawn_future_fn spawn_future{};

// unifex/for_each.hpp: calls the function with each value of a stream
// (defined: it is called with lambdas, whose types have no linkage).
template <typename Stream, typename Func>
_just_from_sender for_each(Stream&& stream, Func&& func) {
  return {};
}
} // namespace unifex
