// Declaration-only look-alike of Seastar for the profile tests: the
// namespaces, class names and member signatures of seastar/core/future.hh
// (future, its continuations, promise, co_await and coroutine support),
// core/when_all.hh, core/loop.hh (parallel_for_each), core/thread.hh
// (async), core/gate.hh (gate, named_gate), core/iostream.hh, core/file.hh,
// core/sharded.hh, net/api.hh (sockets) and util/closeable.hh (with_*,
// deferred_close, deferred_stop). Bodies and private members are left out;
// the continuation templates are simplified to the void futures the tests
// use.
#pragma once

#include <concepts>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

namespace seastar {

template <typename T = void> class future;

template <typename T> struct futurize { using type = future<T>; };
template <typename T> struct futurize<future<T>> { using type = future<T>; };
template <typename T> using futurize_t = typename futurize<T>::type;

template <typename T> class [[nodiscard]] future {
 public:
  using value_type = T;
  future(future&& x) noexcept;
  ~future();
  future& operator=(future&& x) noexcept;
  bool available() const noexcept;
  bool failed() const noexcept;
  T get();
  template <typename Func> future<T> finally(Func&& func) noexcept {
    std::terminate(); // A body, so lambdas without linkage can be passed.
  }
  template <typename Func>
  auto then(Func&& func) noexcept -> futurize_t<std::invoke_result_t<Func>> {
    std::terminate();
  }
  template <typename Func>
  auto then_wrapped(Func&& func) noexcept
      -> futurize_t<std::invoke_result_t<Func, future>> {
    std::terminate();
  }
  template <typename Func> future<T> handle_exception(Func&& func) noexcept {
    std::terminate();
  }
  template <typename Func>
  future<T> handle_exception_type(Func&& func) noexcept {
    std::terminate();
  }
  future<> discard_result() noexcept;
};

template <typename T = void> class promise {
 public:
  promise() noexcept;
  promise(promise&& x) noexcept;
  future<T> get_future() noexcept;
  void set_value() noexcept;
};

template <typename... FutOrFuncs>
future<std::tuple<std::decay_t<FutOrFuncs>...>>
when_all(FutOrFuncs&&... fut_or_funcs) noexcept {
  std::terminate();
}
template <typename... FutOrFuncs>
future<> when_all_succeed(FutOrFuncs&&... fut_or_funcs) noexcept {
  std::terminate();
}
template <typename Range, typename Func>
future<> parallel_for_each(Range&& range, Func&& func) noexcept {
  std::terminate();
}
template <typename Func, typename... Args>
auto async(Func&& func, Args&&... args) noexcept
    -> futurize_t<std::invoke_result_t<Func, Args...>> {
  std::terminate();
}

template <typename T = void> future<T> make_ready_future() noexcept;

namespace internal {
template <bool CheckPreempt, typename T> class awaiter {
 public:
  explicit awaiter(future<T>&& f) noexcept;
  bool await_ready() const noexcept;
  template <typename U> void await_suspend(std::coroutine_handle<U> hndl) noexcept;
  T await_resume();
};

template <typename T> class coroutine_traits_base {
 public:
  class promise_type {
   public:
    future<T> get_return_object() noexcept;
    std::suspend_never initial_suspend() noexcept;
    std::suspend_never final_suspend() noexcept;
    template <typename U> void return_value(U&& value);
    void unhandled_exception() noexcept;
  };
};
template <> class coroutine_traits_base<void> {
 public:
  class promise_type {
   public:
    future<> get_return_object() noexcept;
    std::suspend_never initial_suspend() noexcept;
    std::suspend_never final_suspend() noexcept;
    void return_void() noexcept;
    void unhandled_exception() noexcept;
  };
};
} // namespace internal

template <typename T>
internal::awaiter<true, T> operator co_await(future<T> f) noexcept;

class gate_closed_exception : public std::exception {
 public:
  const char* what() const noexcept override;
};

class gate {
 public:
  gate() noexcept;
  gate(const gate&) = delete;
  gate(gate&& x) noexcept;
  gate& operator=(gate&& x) noexcept;
  ~gate();
  bool try_enter() noexcept;
  void enter();
  void leave() noexcept;
  void check() const;
  future<> close() noexcept;
  size_t get_count() const noexcept;
  bool is_closed() const noexcept;

  class holder {
   public:
    holder() noexcept;
    explicit holder(gate& g);
    holder(const holder& x) noexcept;
    holder(holder&& x) noexcept;
    ~holder();
    holder& operator=(const holder& x) noexcept;
    holder& operator=(holder&& x) noexcept;
    void release() noexcept;
  };
  holder hold();
  std::optional<holder> try_hold() noexcept;
};

class named_gate : public gate {
 public:
  named_gate() = default;
  explicit named_gate(std::string name) noexcept;
};

template <typename Func>
auto with_gate(gate& g, Func&& func) -> futurize_t<std::invoke_result_t<Func>> {
  std::terminate(); // A body, so lambdas without linkage can be passed.
}
template <typename Func>
auto try_with_gate(gate& g, Func&& func) noexcept
    -> futurize_t<std::invoke_result_t<Func>> {
  std::terminate();
}

template <typename CharType> class temporary_buffer {
 public:
  temporary_buffer() noexcept;
  const CharType* get() const noexcept;
  size_t size() const noexcept;
  bool empty() const noexcept;
};

class data_source {};
class data_sink {};

template <typename CharType> class input_stream final {
  using tmp_buf = temporary_buffer<CharType>;

 public:
  using char_type = CharType;
  input_stream() noexcept = default;
  explicit input_stream(data_source fd) noexcept;
  input_stream(input_stream&&) = default;
  input_stream& operator=(input_stream&&) = default;
  future<temporary_buffer<CharType>> read_exactly(size_t n) noexcept;
  bool eof() const noexcept;
  future<tmp_buf> read() noexcept;
  future<tmp_buf> read_up_to(size_t n) noexcept;
  future<> close() noexcept;
  future<> skip(uint64_t n) noexcept;
  data_source detach() &&;
};

struct output_stream_options {
  bool trim_to_size = false;
  bool batch_flushes = false;
};

template <typename CharType> class output_stream final {
 public:
  using char_type = CharType;
  output_stream() noexcept = default;
  output_stream(data_sink fd, size_t size,
                output_stream_options opts = {}) noexcept;
  output_stream(data_sink fd) noexcept;
  output_stream(output_stream&&) noexcept = default;
  output_stream& operator=(output_stream&&) noexcept = default;
  ~output_stream();
  future<> write(const char_type* buf, size_t n) noexcept;
  future<> write(const char_type* buf) noexcept;
  future<> write(const std::basic_string<char_type>& s) noexcept;
  future<> write(temporary_buffer<char_type>) noexcept;
  future<> flush() noexcept;
  future<> close() noexcept;
  data_sink detach() &&;
};

template <typename CharType>
future<> copy(input_stream<CharType>&, output_stream<CharType>&);

class io_intent;
enum class open_flags { rw = 2, ro = 0, wo = 1, create = 0100, truncate = 01000 };
inline open_flags operator|(open_flags a, open_flags b) {
  return open_flags(std::underlying_type_t<open_flags>(a) |
                    std::underlying_type_t<open_flags>(b));
}

class file {
 public:
  file() noexcept;
  explicit operator bool() const noexcept;
  file(const file& x) = default;
  file(file&& x) noexcept;
  file& operator=(const file& x) noexcept = default;
  file& operator=(file&& x) noexcept = default;
  ~file();
  uint64_t disk_read_dma_alignment() const noexcept;
  uint64_t memory_dma_alignment() const noexcept;
  template <typename CharType>
  future<size_t> dma_read(uint64_t aligned_pos, CharType* aligned_buffer,
                          size_t aligned_len, io_intent* intent = nullptr) noexcept;
  template <typename CharType>
  future<size_t> dma_write(uint64_t pos, const CharType* buffer, size_t len,
                           io_intent* intent = nullptr) noexcept;
  future<> flush() noexcept;
  future<uint64_t> size() const noexcept;
  future<> close() noexcept;
};

future<file> open_file_dma(std::string_view name, open_flags flags) noexcept;

class connected_socket {
 public:
  connected_socket() noexcept;
  connected_socket(connected_socket&& cs) noexcept;
  input_stream<char> input();
  output_stream<char> output(size_t buffer_size = 8192);
  void shutdown_input();
  void shutdown_output();
};
class server_socket {
 public:
  server_socket() noexcept;
  void abort_accept();
};

template <typename Service> class sharded {
 public:
  sharded() noexcept;
  sharded(const sharded& other) = delete;
  sharded& operator=(const sharded& other) = delete;
  sharded(sharded&& other) = delete;
  sharded& operator=(sharded&& other) = delete;
  ~sharded();
  template <typename... Args> future<> start(Args&&... args) noexcept;
  template <typename... Args> future<> start_single(Args&&... args) noexcept;
  future<> stop() noexcept;
  template <typename Func, typename... Args>
  future<> invoke_on_all(Func func, Args... args) noexcept;
  Service& local() noexcept;
  const Service& local() const noexcept;
  bool local_is_initialized() const noexcept;
};

template <typename Object>
concept closeable = requires (Object o) {
  { o.close() } -> std::same_as<future<>>;
};

template <typename Object>
concept stoppable = requires (Object o) {
  { o.stop() } -> std::same_as<future<>>;
};

template <typename Object>
  requires closeable<Object>
class [[nodiscard]] deferred_close {
 public:
  explicit deferred_close(Object& obj) noexcept;
  ~deferred_close();
  void close_now() noexcept;
  void cancel() noexcept;
};
template <typename Object>
  requires stoppable<Object>
class [[nodiscard]] deferred_stop {
 public:
  explicit deferred_stop(Object& obj) noexcept;
  ~deferred_stop();
  void stop_now() noexcept;
  void cancel() noexcept;
};

template <closeable Closeable, std::invocable<Closeable&> Func>
  requires std::is_nothrow_move_constructible_v<Closeable> &&
           std::is_nothrow_move_constructible_v<Func>
futurize_t<std::invoke_result_t<Func, Closeable&>>
with_closeable(Closeable&& obj, Func func) noexcept {
  std::terminate();
}

template <stoppable Stoppable, std::invocable<Stoppable&> Func>
  requires std::is_nothrow_move_constructible_v<Stoppable> &&
           std::is_nothrow_move_constructible_v<Func>
futurize_t<std::invoke_result_t<Func, Stoppable&>>
with_stoppable(Stoppable&& obj, Func func) noexcept {
  std::terminate();
}

} // namespace seastar

template <typename T, typename... Args>
struct std::coroutine_traits<seastar::future<T>, Args...>
    : public seastar::internal::coroutine_traits_base<T> {};
