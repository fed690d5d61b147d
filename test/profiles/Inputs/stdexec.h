// Declaration-only look-alike of stdexec for the profile tests: the
// namespaces, class names and member signatures of exec/async_scope.hpp
// (exec::async_scope names experimental::execution::__scope::async_scope
// and exec is an alias of experimental::execution, as since stdexec's
// commit 5f738fe7 of 2026-02-18; with STDEXEC_LOOKALIKE_BEFORE_2026_02
// defined, exec is the namespace itself, as before),
// stdexec/__detail/__counting_scopes.hpp and exec/task.hpp, and of the
// counting scopes of the C++26 working draft ([exec.counting.scopes]).
// Senders are not awaitable by themselves: exec::task (and
// std::execution::task) await them through their promise's await_transform.
// Bodies and private members are left out.
#pragma once

#include <coroutine>
#include <cstddef>
#include <exception>
#include <type_traits>

namespace stdexec {

class inplace_stop_token {};
class inplace_stop_source {
 public:
  inplace_stop_token get_token() const noexcept;
  bool request_stop() noexcept;
};
template <class... Properties> struct env {};

template <class _Ty> struct __id_ {};
template <class _Ty> using __id = __id_<_Ty>;
template <class _Ty> using __decay_t = std::decay_t<_Ty>;

// What __make_sexpr<Tag>(data) returns: a sender.
template <class _Tag, class _Data> struct __basic_sender {};
struct __just_t {};
__basic_sender<__just_t, void> just() noexcept;

namespace __counting_scopes {
struct __scope_join_t {};

template <class _Scope> struct __association_t {
  __association_t() = default;
  explicit operator bool() const noexcept;
  [[nodiscard]] __association_t try_associate() const noexcept;
};

struct __base_scope {
  static constexpr std::size_t max_associations = ~std::size_t(0) >> 3;
  __base_scope() = default;
  __base_scope(__base_scope&&) = delete;
  ~__base_scope();
  void close() noexcept;
};
} // namespace __counting_scopes

class simple_counting_scope : private __counting_scopes::__base_scope {
 public:
  using __assoc_t = __counting_scopes::__association_t<simple_counting_scope>;
  struct token {
    template <class _Sender>
    [[nodiscard]] _Sender&& wrap(_Sender&& __snd) const noexcept;
    [[nodiscard]] __assoc_t try_associate() const noexcept;
  };
  using __counting_scopes::__base_scope::max_associations;
  [[nodiscard]] token get_token() noexcept;
  using __counting_scopes::__base_scope::close;
  [[nodiscard]] __basic_sender<__counting_scopes::__scope_join_t,
                               simple_counting_scope*>
  join() noexcept;
};

class counting_scope : private __counting_scopes::__base_scope {
 public:
  using __assoc_t = __counting_scopes::__association_t<counting_scope>;
  struct token {
    template <class _Sender>
    [[nodiscard]] _Sender wrap(_Sender&& __snd) const;
    [[nodiscard]] __assoc_t try_associate() const noexcept;
  };
  using __counting_scopes::__base_scope::max_associations;
  [[nodiscard]] token get_token() noexcept;
  using __counting_scopes::__base_scope::close;
  [[nodiscard]] __basic_sender<__counting_scopes::__scope_join_t,
                               counting_scope*>
  join() noexcept;
  void request_stop() noexcept;
};

} // namespace stdexec

#ifdef STDEXEC_LOOKALIKE_BEFORE_2026_02
namespace exec {
#else
namespace experimental::execution {
#endif

namespace __task {
// What a task's promise (with_awaitable_senders) makes of a sender.
struct __sender_awaitable {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume();
};
template <class _Ty> struct default_task_context {};
template <class _Ty, class _Context> class basic_task {
 public:
  struct promise_type {
    basic_task get_return_object() noexcept;
    std::suspend_always initial_suspend() noexcept;
    std::suspend_always final_suspend() noexcept;
    void return_void() noexcept;
    void unhandled_exception() noexcept;
    template <class _Value> __sender_awaitable await_transform(_Value&& __value);
  };
};
} // namespace __task

template <class _Ty>
using default_task_context = __task::default_task_context<_Ty>;
template <class _Ty, class _Context = default_task_context<_Ty>>
using basic_task = __task::basic_task<_Ty, _Context>;
template <class _Ty>
using task = basic_task<_Ty, default_task_context<_Ty>>;

namespace __scope {
using namespace stdexec;

struct __immovable {
  __immovable() = default;
  __immovable(__immovable&&) = delete;
};

template <class _ConstrainedId> struct __when_empty_sender {
  struct __t {};
};
template <class _Constrained>
using __when_empty_sender_t =
    typename __when_empty_sender<__id<__decay_t<_Constrained>>>::__t;

template <class _ConstrainedId> struct __nest_sender {
  struct __t {};
};
template <class _Constrained>
using __nest_sender_t =
    typename __nest_sender<__id<__decay_t<_Constrained>>>::__t;

template <class _SenderId, class _EnvId> struct __future {
  class __t {};
};
template <class _Sender, class _Env>
using __future_t = typename __future<__id<__nest_sender_t<_Sender>>,
                                     __id<__decay_t<_Env>>>::__t;

struct async_scope : __immovable {
  async_scope() = default;

  template <class _Constrained>
  [[nodiscard]] auto when_empty(_Constrained&& __c) const
      -> __when_empty_sender_t<_Constrained>;
  [[nodiscard]] __when_empty_sender_t<__basic_sender<__just_t, void>>
  on_empty() const;

  template <class _Constrained>
  using nest_result_t = __nest_sender_t<_Constrained>;
  template <class _Constrained>
  [[nodiscard]] auto nest(_Constrained&& __c) -> nest_result_t<_Constrained>;

  template <class _Env = env<>, class _Sender>
  void spawn(_Sender&& __sndr, _Env __env = {});
  template <class _Env = env<>, class _Sender>
  auto spawn_future(_Sender&& __sndr, _Env __env = {})
      -> __future_t<_Sender, _Env>;

  auto get_stop_source() noexcept -> inplace_stop_source&;
  auto get_stop_token() const noexcept -> inplace_stop_token;
  auto request_stop() noexcept -> bool;
};
} // namespace __scope

using __scope::async_scope;

} // namespace experimental::execution (or exec)

#ifndef STDEXEC_LOOKALIKE_BEFORE_2026_02
namespace exec = experimental::execution;
#endif

// C++26 [exec.counting.scopes] (P3149), as in the working draft.
namespace std::execution {

struct __scope_join_sender {};
struct __task_awaitable {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume();
};

// [exec.task]: awaits senders through its promise's await_transform.
template <class T, class Environment = void> class task {
 public:
  struct promise_type {
    task get_return_object() noexcept;
    std::suspend_always initial_suspend() noexcept;
    std::suspend_always final_suspend() noexcept;
    void return_void() noexcept;
    void unhandled_exception() noexcept;
    template <class Sender> __task_awaitable await_transform(Sender&& sndr);
  };
};

// [exec.spawn]
struct spawn_t {
  template <class Sender, class Token>
  void operator()(Sender&& sndr, Token&& tkn) const;
  template <class Sender, class Token, class Env>
  void operator()(Sender&& sndr, Token&& tkn, Env&& env) const;
};
inline constexpr spawn_t spawn{};

class simple_counting_scope {
 public:
  struct token {
    template <class Sender> Sender&& wrap(Sender&& snd) const noexcept;
    bool try_associate() const noexcept;
    void disassociate() const noexcept;
  };
  static constexpr size_t max_associations = ~size_t(0) >> 3;
  simple_counting_scope() noexcept;
  simple_counting_scope(simple_counting_scope&&) = delete;
  ~simple_counting_scope();
  token get_token() noexcept;
  void close() noexcept;
  __scope_join_sender join() noexcept;
};

class counting_scope {
 public:
  struct token {
    template <class Sender> Sender wrap(Sender&& snd) const;
    bool try_associate() const noexcept;
    void disassociate() const noexcept;
  };
  static constexpr size_t max_associations = ~size_t(0) >> 3;
  counting_scope() noexcept;
  counting_scope(counting_scope&&) = delete;
  ~counting_scope();
  token get_token() noexcept;
  void close() noexcept;
  __scope_join_sender join() noexcept;
  void request_stop() noexcept;
};

} // namespace std::execution
