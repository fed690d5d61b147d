// Declaration-only look-alike of libunifex (v1 and v2 async_scope) for tests.
#pragma once

#include <coroutine>
#include <cstddef>
#include <type_traits>

namespace unifex {

class inplace_stop_token {};

namespace _seq {
// Stand-in for the sequence(...) senders returned by complete()/cleanup()/join().
struct sender {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume() noexcept;
};
} // namespace _seq

inline namespace v1 {
namespace _async_scope {

template <typename... Ts> struct future { struct type; };
template <typename... Ts> struct future<Ts...>::type {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume();
};

template <typename Sender> struct _attached_sender final { class type; };
template <typename Sender> class _attached_sender<Sender>::type final {
 public:
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume();
};
template <typename Sender>
using attached_sender = typename _attached_sender<std::remove_cvref_t<Sender>>::type;

struct async_scope {
  async_scope() noexcept = default;
  ~async_scope();

  template <typename Sender> typename future<>::type spawn(Sender&& sender);
  template <typename Sender, typename Scheduler>
  typename future<>::type spawn_on(Scheduler&& scheduler, Sender&& sender);
  template <typename Scheduler, typename Fun>
  typename future<>::type spawn_call_on(Scheduler&& scheduler, Fun&& fun);

  template <typename Sender> void detached_spawn(Sender&& sender);
  template <typename Sender, typename Scheduler>
  void detached_spawn_on(Scheduler&& scheduler, Sender&& sender);
  template <typename Scheduler, typename Fun>
  void detached_spawn_call_on(Scheduler&& scheduler, Fun&& fun);

  template <typename Sender>
  [[nodiscard]] attached_sender<Sender> attach(Sender&& sender) noexcept;
  template <typename Sender, typename Scheduler>
  [[nodiscard]] attached_sender<Sender> attach_on(Scheduler&& scheduler, Sender&& sender) noexcept;

  [[nodiscard]] _seq::sender complete() noexcept;
  [[nodiscard]] _seq::sender cleanup() noexcept;

  inplace_stop_token get_stop_token() noexcept;
  void request_stop() noexcept;
};

} // namespace _async_scope

using _async_scope::async_scope;

template <typename... Ts>
using future = typename _async_scope::future<Ts...>::type;

} // namespace v1

namespace v2 {
namespace _async_scope {

template <typename Sender> struct _nest_sender final { struct type; };
template <typename Sender> struct _nest_sender<Sender>::type final {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume();
};
template <typename Sender>
using nest_sender = typename _nest_sender<Sender>::type;

struct async_scope final {
  async_scope() noexcept = default;
  async_scope(async_scope&&) = delete;
  ~async_scope();

  [[nodiscard]] _seq::sender join() noexcept;
  bool joined() const noexcept;
  template <typename Sender>
  [[nodiscard]] nest_sender<std::remove_cvref_t<Sender>> nest(Sender&& sender) noexcept;
  bool join_started() const noexcept;
  std::size_t use_count() const noexcept;
};

} // namespace _async_scope

using _async_scope::async_scope;

} // namespace v2
} // namespace unifex
