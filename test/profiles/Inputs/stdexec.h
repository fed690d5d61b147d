// Declaration-only look-alike of stdexec (exec::async_scope, counting scopes) and std::execution counting scopes for tests.
#pragma once

#include <coroutine>
#include <cstddef>
#include <type_traits>

namespace stdexec {

class inplace_stop_token {};
class inplace_stop_source {
 public:
  inplace_stop_token get_token() const noexcept;
  bool request_stop() noexcept;
};
template <class... Properties> struct env {};

// Stand-in for the sender types the real library builds with __make_sexpr / just().
template <class Tag> struct __basic_sender {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume();
};
struct __just_t {};
__basic_sender<__just_t> just() noexcept;

namespace __counting_scopes {
struct __scope_join_t {};
template <class _Scope> struct __association_t {
  __association_t() = default;
  explicit operator bool() const noexcept;
  [[nodiscard]] __association_t try_associate() const noexcept;
};
} // namespace __counting_scopes

class simple_counting_scope {
 public:
  using __assoc_t = __counting_scopes::__association_t<simple_counting_scope>;
  struct token {
    template <class _Sender>
    [[nodiscard]] _Sender&& wrap(_Sender&& __snd) const noexcept;
    [[nodiscard]] __assoc_t try_associate() const noexcept;
  };
  static constexpr std::size_t max_associations = ~std::size_t(0) >> 3;
  simple_counting_scope() = default;
  simple_counting_scope(simple_counting_scope&&) = delete;
  ~simple_counting_scope();
  [[nodiscard]] token get_token() noexcept;
  void close() noexcept;
  [[nodiscard]] __basic_sender<__counting_scopes::__scope_join_t> join() noexcept;
};

class counting_scope {
 public:
  using __assoc_t = __counting_scopes::__association_t<counting_scope>;
  struct token {
    template <class _Sender>
    [[nodiscard]] _Sender wrap(_Sender&& __snd) const;
    [[nodiscard]] __assoc_t try_associate() const noexcept;
  };
  static constexpr std::size_t max_associations = ~std::size_t(0) >> 3;
  counting_scope() = default;
  counting_scope(counting_scope&&) = delete;
  ~counting_scope();
  [[nodiscard]] token get_token() noexcept;
  void close() noexcept;
  [[nodiscard]] __basic_sender<__counting_scopes::__scope_join_t> join() noexcept;
  void request_stop() noexcept;
};

} // namespace stdexec

namespace exec {
namespace __scope {

template <class _Constrained> struct __when_empty_sender {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume();
};
template <class _Constrained>
using __when_empty_sender_t = __when_empty_sender<std::remove_cvref_t<_Constrained>>;

template <class _Constrained> struct __nest_sender {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume();
};
template <class _Constrained>
using __nest_sender_t = __nest_sender<std::remove_cvref_t<_Constrained>>;

template <class _Sender, class _Env> struct __future {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume();
};
template <class _Sender, class _Env>
using __future_t = __future<__nest_sender_t<_Sender>, std::decay_t<_Env>>;

struct async_scope {
  async_scope() = default;
  async_scope(async_scope&&) = delete;

  template <class _Constrained>
  [[nodiscard]] __when_empty_sender_t<_Constrained> when_empty(_Constrained&& __c) const;
  [[nodiscard]] __when_empty_sender_t<stdexec::__basic_sender<stdexec::__just_t>> on_empty() const;

  template <class _Constrained> using nest_result_t = __nest_sender_t<_Constrained>;
  template <class _Constrained>
  [[nodiscard]] nest_result_t<_Constrained> nest(_Constrained&& __c);

  template <class _Env = stdexec::env<>, class _Sender>
  void spawn(_Sender&& __sndr, _Env __env = {});
  template <class _Env = stdexec::env<>, class _Sender>
  __future_t<_Sender, _Env> spawn_future(_Sender&& __sndr, _Env __env = {});

  stdexec::inplace_stop_source& get_stop_source() noexcept;
  stdexec::inplace_stop_token get_stop_token() const noexcept;
  bool request_stop() noexcept;
};

} // namespace __scope

using __scope::async_scope;

} // namespace exec

// C++26 [exec.counting.scopes] (P3149), as in the working draft.
namespace std::execution {

struct __counting_scope_join_sender {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume();
};

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
  __counting_scope_join_sender join() noexcept;
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
  __counting_scope_join_sender join() noexcept;
  void request_stop() noexcept;
};

} // namespace std::execution
