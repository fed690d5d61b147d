// Declaration-only look-alike of Seastar (future, gate, streams, file, sharded, closeable helpers) for tests.
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
  template <typename Func> future<T> finally(Func&& func) noexcept;
  future<> discard_result() noexcept;
};

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
  gate(gate&&) noexcept;
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
    future<> close() noexcept;
  };
  holder hold();
  std::optional<holder> try_hold() noexcept;
};

template <typename Func>
futurize_t<std::invoke_result_t<Func>> with_gate(gate& g, Func&& func) {
  (void)g;
  (void)func;
  std::terminate();
}
template <typename Func>
futurize_t<std::invoke_result_t<Func>> try_with_gate(gate& g, Func&& func) noexcept {
  (void)g;
  (void)func;
  std::terminate();
}

template <typename CharType> class temporary_buffer {
 public:
  temporary_buffer() noexcept;
  const CharType* get() const noexcept;
  size_t size() const noexcept;
  bool empty() const noexcept;
};

template <typename CharType> class output_stream {
 public:
  using char_type = CharType;
  output_stream() noexcept;
  output_stream(output_stream&&) noexcept;
  output_stream& operator=(output_stream&&) noexcept;
  ~output_stream();
  future<> write(const char_type* buf, size_t n) noexcept;
  future<> write(const char_type* buf) noexcept;
  future<> write(const std::basic_string<char_type>& s) noexcept;
  future<> write(temporary_buffer<char_type>) noexcept;
  future<> flush() noexcept;
  future<> close() noexcept;
};

template <typename CharType> class input_stream {
 public:
  using tmp_buf = temporary_buffer<CharType>;
  input_stream() noexcept;
  input_stream(input_stream&&) noexcept;
  input_stream& operator=(input_stream&&) noexcept;
  ~input_stream();
  future<tmp_buf> read() noexcept;
  future<tmp_buf> read_exactly(size_t n) noexcept;
  future<tmp_buf> read_up_to(size_t n) noexcept;
  bool eof() const noexcept;
  future<> close() noexcept;
};

class io_intent;
enum class open_flags { rw = 2, ro = 0, wo = 1, create = 0100, truncate = 01000 };

class file {
 public:
  file() noexcept;
  file(const file&) noexcept;
  file(file&&) noexcept;
  file& operator=(const file&) noexcept;
  file& operator=(file&&) noexcept;
  ~file();
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

template <typename Service> class sharded {
 public:
  sharded() noexcept;
  sharded(const sharded&) = delete;
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

template <typename Closeable, typename Func>
  requires closeable<Closeable> && std::invocable<Func, Closeable&> &&
           std::is_nothrow_move_constructible_v<Closeable> &&
           std::is_nothrow_move_constructible_v<Func>
futurize_t<std::invoke_result_t<Func, Closeable&>>
with_closeable(Closeable&& obj, Func func) noexcept {
  (void)obj;
  (void)func;
  std::terminate();
}

template <typename Stoppable, typename Func>
  requires stoppable<Stoppable> && std::invocable<Func, Stoppable&> &&
           std::is_nothrow_move_constructible_v<Stoppable> &&
           std::is_nothrow_move_constructible_v<Func>
futurize_t<std::invoke_result_t<Func, Stoppable&>>
with_stoppable(Stoppable&& obj, Func func) noexcept {
  (void)obj;
  (void)func;
  std::terminate();
}

} // namespace seastar

template <typename T, typename... Args>
struct std::coroutine_traits<seastar::future<T>, Args...>
    : public seastar::internal::coroutine_traits_base<T> {};
