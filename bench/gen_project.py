#!/usr/bin/env python3
"""Writes a realistic multi-file C++20 coroutine project for benchmarks.

    gen_project.py OUT [--files N] [--coroutines M] [--bug-every K]
                       [--bugs-per-file B] [--acm-include DIR]
                       [--module-headers]

OUT gets:
  include/rt/   a small coroutine runtime: a lazy task<T> (symmetric
                transfer), lazy<T> (awaited through operator co_await), a
                fire-and-forget 'detached', when_all, a generator-based
                manager async_cm<T>, an AsyncExitStack and an async_scope;
  include/svc/  services written against it: database transactions (a
                manager) and sessions (closeables), network connections, files
                (annotated closeables), async locks (annotated manager),
                tracing spans (async_enter/async_exit) and a cache;
  include/<module>/config.hpp  with --module-headers: a header that only
                the module's translation units include;
  src/<module>/ N translation units of M coroutine patterns each, taken in
                turn from common correct ways of using those types, plus B
                bugs in every K-th file (each bug pattern in turn);
  build/compile_commands.json  one command per translation unit;
  EXPECTED      one 'src/file.cpp:LINE: check' line per planted bug.

Every planted bug carries a '// BUG(check)' comment on the line where the
warning is expected; everything else is meant to be correct. The output
depends on the arguments only.
"""
import argparse
import json
import os

MODULES = ["orders", "billing", "inventory", "auth", "search", "gateway",
           "storage", "metrics", "notify", "sched", "ledger", "catalog"]
NOUNS = ["handler", "service", "worker", "sync", "import", "export", "audit",
         "report", "session", "ingest", "replay", "janitor"]

# ---------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------

HEADERS = {}

HEADERS["rt/task.hpp"] = r'''// A lazy coroutine task: it starts when awaited and resumes its awaiter when
// it finishes (symmetric transfer). Results may be values or references.
#pragma once
#include <coroutine>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace rt {

template <typename T = void> class task;

namespace detail {

template <typename T> struct result_slot {
  std::optional<T> value;
  template <typename U> void set(U &&v) { value.emplace(std::forward<U>(v)); }
  T take() { return std::move(*value); }
};
template <typename T> struct result_slot<T &> {
  T *value = nullptr;
  void set(T &v) { value = &v; }
  T &take() { return *value; }
};

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

struct task_promise_base {
  std::coroutine_handle<> continuation;
  std::exception_ptr error;
  std::suspend_always initial_suspend() noexcept { return {}; }
  final_awaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { error = std::current_exception(); }
};

template <typename T> struct task_promise : task_promise_base {
  result_slot<T> result;
  task<T> get_return_object() noexcept;
  template <typename U = T> void return_value(U &&v) {
    result.set(std::forward<U>(v));
  }
};
template <> struct task_promise<void> : task_promise_base {
  task<void> get_return_object() noexcept;
  void return_void() noexcept {}
};

} // namespace detail

template <typename T> class task {
public:
  using promise_type = detail::task_promise<T>;
  using value_type = T;

  task(task &&other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  task &operator=(task &&other) noexcept {
    if (this != &other) {
      if (handle_)
        handle_.destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  ~task() {
    if (handle_)
      handle_.destroy();
  }

  bool await_ready() const noexcept { return !handle_ || handle_.done(); }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) {
    handle_.promise().continuation = caller;
    return handle_;
  }
  T await_resume() {
    promise_type &p = handle_.promise();
    if (p.error)
      std::rethrow_exception(p.error);
    if constexpr (!std::is_void_v<T>)
      return p.result.take();
  }

private:
  friend promise_type;
  explicit task(std::coroutine_handle<promise_type> h) : handle_(h) {}
  std::coroutine_handle<promise_type> handle_;
};

template <typename T>
task<T> detail::task_promise<T>::get_return_object() noexcept {
  return task<T>(std::coroutine_handle<task_promise<T>>::from_promise(*this));
}
inline task<void> detail::task_promise<void>::get_return_object() noexcept {
  return task<void>(
      std::coroutine_handle<task_promise<void>>::from_promise(*this));
}

// Awaits every task, in order (there is no scheduler to run them at once).
template <typename... Tasks> task<> when_all(Tasks... tasks) {
  (co_await std::move(tasks), ...);
}

} // namespace rt
'''

HEADERS["rt/lazy.hpp"] = r'''// A second task type: lazy<T> is awaited through operator co_await and keeps
// its outcome in a variant.
#pragma once
#include <coroutine>
#include <exception>
#include <type_traits>
#include <utility>
#include <variant>

namespace rt {

namespace detail {
// Resumes whoever awaits the coroutine once it finishes.
template <typename Promise> struct resume_waiter {
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<>
  await_suspend(std::coroutine_handle<Promise> h) noexcept {
    auto waiter = h.promise().waiter;
    return waiter ? waiter : std::noop_coroutine();
  }
  void await_resume() const noexcept {}
};

template <typename T> struct lazy_promise_base {
  std::variant<std::monostate, T, std::exception_ptr> outcome;
  template <typename U = T> void return_value(U &&v) {
    outcome.template emplace<1>(std::forward<U>(v));
  }
  T result() {
    if (outcome.index() == 2)
      std::rethrow_exception(std::get<2>(outcome));
    return std::move(std::get<1>(outcome));
  }
  void fail(std::exception_ptr e) { outcome.template emplace<2>(e); }
};
template <> struct lazy_promise_base<void> {
  std::exception_ptr error;
  void return_void() noexcept {}
  void result() {
    if (error)
      std::rethrow_exception(error);
  }
  void fail(std::exception_ptr e) { error = e; }
};
} // namespace detail

template <typename T = void> class lazy {
public:
  struct promise_type : detail::lazy_promise_base<T> {
    std::coroutine_handle<> waiter;
    lazy get_return_object() noexcept {
      return lazy(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    detail::resume_waiter<promise_type> final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { this->fail(std::current_exception()); }
  };

  lazy(lazy &&other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  ~lazy() {
    if (handle_)
      handle_.destroy();
  }

  auto operator co_await() && noexcept {
    struct awaiter {
      std::coroutine_handle<promise_type> handle;
      bool await_ready() const noexcept { return handle.done(); }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<> w) {
        handle.promise().waiter = w;
        return handle;
      }
      T await_resume() { return handle.promise().result(); }
    };
    return awaiter{handle_};
  }

private:
  explicit lazy(std::coroutine_handle<promise_type> h) : handle_(h) {}
  std::coroutine_handle<promise_type> handle_;
};

} // namespace rt
'''

HEADERS["rt/detached.hpp"] = r'''// Fire and forget: a coroutine that starts at once and owns itself.
#pragma once
#include <coroutine>
#include <exception>

namespace rt {

struct detached {
  struct promise_type {
    detached get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
};

} // namespace rt
'''

HEADERS["rt/async_cm.hpp"] = r'''// A generator-based asynchronous context manager, as Python's
// @asynccontextmanager makes them: the body up to its single co_yield is the
// enter, the yielded object is what aenter() returns, and the rest of the
// body is the exit. An exception passed to aexit() is raised at the co_yield.
#pragma once
#include "rt/task.hpp"
#include <coroutine>
#include <exception>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace rt {

template <typename T> class async_cm {
  using object = std::remove_reference_t<T>;

public:
  struct promise_type {
    object *current = nullptr;
    std::exception_ptr raise_at_yield;
    std::exception_ptr error;

    async_cm get_return_object() noexcept {
      return async_cm(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    auto yield_value(object &value) noexcept {
      current = &value;
      struct raise_on_resume {
        promise_type &promise;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        void await_resume() const {
          if (promise.raise_at_yield)
            std::rethrow_exception(promise.raise_at_yield);
        }
      };
      return raise_on_resume{*this};
    }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { error = std::current_exception(); }
  };

  async_cm(async_cm &&other) noexcept
      : handle_(std::exchange(other.handle_, {})) {}
  ~async_cm() {
    if (handle_)
      handle_.destroy();
  }

  task<T> aenter() {
    handle_.resume();
    if (handle_.promise().error)
      std::rethrow_exception(handle_.promise().error);
    if (handle_.done())
      throw std::logic_error("generator didn't yield");
    co_return *handle_.promise().current;
  }

  task<> aexit(std::exception_ptr error = nullptr) {
    handle_.promise().raise_at_yield = error;
    handle_.resume();
    if (!handle_.done())
      throw std::logic_error("generator didn't stop");
    if (handle_.promise().error && handle_.promise().error != error)
      std::rethrow_exception(handle_.promise().error);
    co_return;
  }

private:
  explicit async_cm(std::coroutine_handle<promise_type> h) : handle_(h) {}
  std::coroutine_handle<promise_type> handle_;
};

} // namespace rt
'''

HEADERS["rt/exit_stack.hpp"] = r'''// An exit stack in the manner of Python's contextlib.AsyncExitStack.
#pragma once
#include "rt/task.hpp"
#include <functional>
#include <utility>
#include <vector>

namespace rt {

class AsyncExitStack {
public:
  AsyncExitStack() = default;
  AsyncExitStack(AsyncExitStack &&) = default;

  // Enters a manager now and pushes its exit.
  template <typename Manager> task<> enter_async_context(Manager &m) {
    if constexpr (requires { m.aenter(); }) {
      co_await m.aenter();
      exits_.push_back([&m]() { return m.aexit(); });
    } else {
      co_await m.async_enter();
      exits_.push_back([&m]() { return m.async_exit(); });
    }
  }
  void push_async_callback(std::function<task<>()> callback) {
    exits_.push_back(std::move(callback));
  }
  AsyncExitStack pop_all() { return std::move(*this); }
  std::size_t size() const { return exits_.size(); }

  task<> aclose() {
    while (!exits_.empty()) {
      auto exit = std::move(exits_.back());
      exits_.pop_back();
      co_await exit();
    }
  }

private:
  std::vector<std::function<task<>()>> exits_;
};

} // namespace rt
'''

HEADERS["rt/scope.hpp"] = r'''// A scope that owns spawned work; aclose() waits for all of it. Like a
// nursery: it is open from the moment it exists.
#pragma once
#include "rt/task.hpp"
#include <cstddef>
#include <utility>
#include <vector>

namespace rt {

class async_scope {
public:
  void spawn(task<> work) { pending_.push_back(std::move(work)); }
  std::size_t pending() const { return pending_.size(); }
  task<> aclose() {
    for (task<> &work : pending_)
      co_await std::move(work);
    pending_.clear();
  }

private:
  std::vector<task<>> pending_;
};

} // namespace rt
'''

HEADERS["svc/db.hpp"] = r'''// Database access: transactions are managers, sessions are closeables.
#pragma once
#include "rt/lazy.hpp"
#include "rt/task.hpp"
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace db {

struct Row {
  std::int64_t id = 0;
  std::string key;
  std::string payload;
  bool operator<(const Row &other) const { return id < other.id; }
};

class Session {
public:
  explicit Session(std::string dsn) : dsn_(std::move(dsn)) {}
  Session(Session &&) = default;
  Session &operator=(Session &&) = default;

  rt::lazy<std::vector<Row>> query(std::string sql) {
    std::vector<Row> rows;
    rows.push_back(Row{static_cast<std::int64_t>(sql.size()), dsn_, sql});
    co_return rows;
  }
  rt::task<> execute(std::string sql) {
    log_.push_back(std::move(sql));
    co_return;
  }
  const std::string &dsn() const { return dsn_; }
  rt::task<> aclose() {
    log_.clear();
    co_return;
  }

private:
  std::string dsn_;
  std::vector<std::string> log_;
};

class Transaction {
public:
  explicit Transaction(Session &session) : session_(&session) {}

  rt::task<> aenter() { co_await session_->execute("BEGIN"); }
  rt::task<> aexit(std::exception_ptr error = nullptr) {
    co_await session_->execute(error ? "ROLLBACK" : "COMMIT");
  }
  rt::task<> insert(const Row &row) {
    pending_[row.id] = row;
    co_return;
  }
  rt::task<std::optional<Row>> find(std::int64_t id) {
    auto it = pending_.find(id);
    if (it == pending_.end())
      co_return std::nullopt;
    co_return it->second;
  }
  bool contains(std::int64_t id) const { return pending_.count(id) != 0; }
  std::size_t size() const { return pending_.size(); }

private:
  Session *session_;
  std::map<std::int64_t, Row> pending_;
};

class Pool {
public:
  explicit Pool(std::string dsn) : dsn_(std::move(dsn)) {}
  rt::task<Session> session() { co_return Session(dsn_); }
  void release(Session session) { idle_.push_back(std::move(session)); }

private:
  std::string dsn_;
  std::vector<Session> idle_;
};

} // namespace db
'''

HEADERS["svc/net.hpp"] = r'''// Network connections: open from the moment they exist, closed by awaiting
// aclose().
#pragma once
#include "rt/task.hpp"
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace net {

struct Endpoint {
  std::string host;
  int port = 443;
  std::string str() const { return host + ":" + std::to_string(port); }
};

class Connection {
public:
  explicit Connection(Endpoint peer) : peer_(std::move(peer)) {}
  Connection(Connection &&) = default;
  Connection &operator=(Connection &&) = default;

  rt::task<> send(std::string message) {
    sent_ += message.size();
    co_return;
  }
  rt::task<std::string> request(std::string message) {
    co_return peer_.str() + " <- " + message;
  }
  const Endpoint &peer() const { return peer_; }
  void set_timeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }
  rt::task<> aclose() { co_return; }

private:
  Endpoint peer_;
  std::size_t sent_ = 0;
  std::chrono::milliseconds timeout_{1000};
};

// Opens a connection (defined elsewhere in the application).
Connection connect(const Endpoint &peer);

// Idle connections kept for reuse; closes them all in aclose().
class ConnectionPool {
public:
  void release(Connection conn) { idle_.push_back(std::move(conn)); }
  bool empty() const { return idle_.empty(); }
  rt::task<> aclose() {
    for (Connection &conn : idle_)
      co_await conn.aclose();
    idle_.clear();
  }

private:
  std::vector<Connection> idle_;
};

} // namespace net
'''

HEADERS["svc/fs.hpp"] = r'''// Files: closeables declared by annotation, with close() as the exit.
#pragma once
#include "rt/lazy.hpp"
#include <acm/annotations.h>
#include <string>
#include <vector>

namespace fs {

class ACM_CLOSEABLE File {
public:
  explicit File(std::string path) : path_(std::move(path)) {}
  File(File &&) = default;

  rt::lazy<std::string> read_all() { co_return path_; }
  rt::lazy<> write(std::string data) {
    buffer_.push_back(std::move(data));
    co_return;
  }
  rt::lazy<> flush() {
    buffer_.clear();
    co_return;
  }
  ACM_CLOSE rt::lazy<> close() { co_return; }
  const std::string &path() const { return path_; }

private:
  std::string path_;
  std::vector<std::string> buffer_;
};

File open(const std::string &path);

} // namespace fs
'''

HEADERS["svc/lock.hpp"] = r'''// An asynchronous mutex and its lock, a manager declared by annotation:
// acquire() enters, release() exits.
#pragma once
#include "rt/lazy.hpp"
#include <acm/annotations.h>
#include <coroutine>
#include <deque>

namespace concur {

class AsyncMutex {
public:
  bool try_lock() {
    if (locked_)
      return false;
    locked_ = true;
    return true;
  }
  void unlock() { locked_ = false; }

private:
  bool locked_ = false;
  std::deque<std::coroutine_handle<>> waiters_;
};

class Lock {
public:
  explicit Lock(AsyncMutex &mutex) : mutex_(&mutex) {}
  ACM_ENTER rt::lazy<> acquire() {
    while (!mutex_->try_lock()) {
    }
    co_return;
  }
  ACM_EXIT rt::lazy<> release() {
    mutex_->unlock();
    co_return;
  }

private:
  AsyncMutex *mutex_;
};

} // namespace concur
'''

HEADERS["svc/trace.hpp"] = r'''// Tracing spans: managers with async_enter()/async_exit().
#pragma once
#include "rt/task.hpp"
#include <chrono>
#include <map>
#include <string>
#include <utility>

namespace trace {

class Span {
public:
  explicit Span(std::string name) : name_(std::move(name)) {}
  rt::task<> async_enter() {
    start_ = std::chrono::steady_clock::now();
    co_return;
  }
  rt::task<> async_exit() {
    tags_["duration_us"] = std::to_string(
        std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - start_)
            .count());
    co_return;
  }
  void tag(std::string key, std::string value) {
    tags_[std::move(key)] = std::move(value);
  }

private:
  std::string name_;
  std::chrono::steady_clock::time_point start_;
  std::map<std::string, std::string> tags_;
};

} // namespace trace
'''

HEADERS["svc/cache.hpp"] = r'''// A small in-memory cache with a loader callback.
#pragma once
#include "rt/task.hpp"
#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

namespace cache {

template <typename Key, typename Value> class Cache {
public:
  using Loader = std::function<rt::task<Value>(const Key &)>;
  explicit Cache(Loader loader) : loader_(std::move(loader)) {}

  std::optional<Value> peek(const Key &key) const {
    auto it = entries_.find(key);
    if (it == entries_.end())
      return std::nullopt;
    return *it->second;
  }
  rt::task<Value> get(const Key &key) {
    if (auto hit = peek(key))
      co_return *hit;
    Value loaded = co_await loader_(key);
    entries_[key] = std::make_shared<Value>(loaded);
    co_return loaded;
  }
  void evict_if(const std::function<bool(const Value &)> &stale) {
    for (auto it = entries_.begin(); it != entries_.end();)
      it = stale(*it->second) ? entries_.erase(it) : std::next(it);
  }

private:
  Loader loader_;
  std::unordered_map<Key, std::shared_ptr<Value>> entries_;
};

} // namespace cache
'''

# ---------------------------------------------------------------------------
# Coroutines: each pattern returns the lines of one or a few functions,
# numbered n so that names are unique in the file.
# ---------------------------------------------------------------------------


def bug(check):
    return "  // BUG(%s)" % check


def p_tx_all_paths(n):
    return [
        "// Inserts a row unless it exists; the transaction ends on both paths.",
        "rt::task<bool> upsert_%d(db::Session &session, db::Row row) {" % n,
        "  db::Transaction tx(session);",
        "  co_await tx.aenter();",
        "  if (tx.contains(row.id)) {",
        "    co_await tx.aexit();",
        "    co_return false;",
        "  }",
        "  row.key = key_for(row.id);",
        "  co_await tx.insert(row);",
        "  co_await tx.aexit();",
        "  co_return true;",
        "}",
    ]


def p_tx_exception_ptr(n):
    return [
        "// Rolls back on failure: the exception is captured, the exit awaited",
        "// outside the handler, then the exception rethrown.",
        "rt::task<std::size_t> save_batch_%d(db::Session &session," % n,
        "                                    std::vector<db::Row> rows) {",
        "  db::Transaction tx(session);",
        "  co_await tx.aenter();",
        "  std::exception_ptr error;",
        "  try {",
        "    std::sort(rows.begin(), rows.end());",
        "    for (const db::Row &row : rows)",
        "      co_await tx.insert(row);",
        "  } catch (...) {",
        "    error = std::current_exception();",
        "  }",
        "  co_await tx.aexit(error);",
        "  if (error)",
        "    std::rethrow_exception(error);",
        "  co_return rows.size();",
        "}",
    ]


def p_conn_loop(n):
    return [
        "// One connection per peer, closed in every iteration.",
        "rt::task<int> broadcast_%d(const std::vector<net::Endpoint> &peers," % n,
        "                           std::string message) {",
        "  int delivered = 0;",
        "  for (const net::Endpoint &peer : peers) {",
        "    net::Connection conn = net::connect(peer);",
        "    if (peer.port == 0) {",
        "      co_await conn.aclose();",
        "      continue;",
        "    }",
        "    conn.set_timeout(std::chrono::milliseconds(%d));" % (100 + n % 7 * 50),
        "    co_await conn.send(message);",
        "    ++delivered;",
        "    co_await conn.aclose();",
        "  }",
        "  co_return delivered;",
        "}",
    ]


def p_when_all(n):
    return [
        "// Writes to primary and replica; both transactions end together.",
        "rt::task<> replicate_%d(db::Session &primary, db::Session &replica," % n,
        "                        db::Row row) {",
        "  db::Transaction a(primary), b(replica);",
        "  co_await a.aenter();",
        "  co_await b.aenter();",
        "  co_await a.insert(row);",
        "  co_await b.insert(row);",
        "  co_await rt::when_all(a.aexit(), b.aexit());",
        "}",
    ]


def p_exit_stack(n):
    return [
        "// Everything entered through the stack is exited by its aclose().",
        "rt::task<> run_job_%d(db::Pool &pool, std::string name) {" % n,
        "  rt::AsyncExitStack stack;",
        "  db::Session session = co_await pool.session();",
        "  db::Transaction tx(session);",
        "  trace::Span span(name);",
        "  co_await stack.enter_async_context(span);",
        "  co_await stack.enter_async_context(tx);",
        "  stack.push_async_callback([&session]() -> rt::task<> {",
        "    co_await session.execute(\"VACUUM\");",
        "  });",
        "  co_await tx.insert(db::Row{%d, key_for(%d), name});" % (n, n),
        "  co_await stack.aclose();",
        "  co_await session.aclose();",
        "}",
    ]


def p_generator_cm(n):
    return [
        "// A session as a generator-based manager: closed after the caller's",
        "// body, also when that body throws.",
        "rt::async_cm<db::Session &> scoped_session_%d(db::Pool &pool) {" % n,
        "  db::Session session = co_await pool.session();",
        "  std::exception_ptr error;",
        "  try {",
        "    co_yield session;",
        "  } catch (...) {",
        "    error = std::current_exception();",
        "  }",
        "  co_await session.aclose();",
        "  if (error)",
        "    std::rethrow_exception(error);",
        "}",
        "",
        "rt::task<std::size_t> count_rows_%d(db::Pool &pool, std::string table) {" % n,
        "  auto scope = scoped_session_%d(pool);" % n,
        "  db::Session &session = co_await scope.aenter();",
        "  std::vector<db::Row> rows =",
        "      co_await session.query(\"SELECT * FROM \" + table);",
        "  co_await scope.aexit();",
        "  co_return rows.size();",
        "}",
    ]


def p_moved_to_pool(n):
    return [
        "// A healthy connection goes back to the pool, which closes it later.",
        "rt::task<std::string> fetch_%d(net::ConnectionPool &pool, net::Endpoint peer," % n,
        "                               std::string path) {",
        "  net::Connection conn = net::connect(peer);",
        "  std::string reply = co_await conn.request(\"GET \" + path);",
        "  if (reply.empty()) {",
        "    co_await conn.aclose();",
        "    co_return std::string();",
        "  }",
        "  pool.release(std::move(conn));",
        "  co_return reply;",
        "}",
    ]


def p_returned(n):
    return [
        "// Returns an open connection: the caller owns it from here.",
        "rt::task<net::Connection> dial_%d(std::string host) {" % n,
        "  net::Connection conn = net::connect(net::Endpoint{host, %d});" % (8000 + n),
        "  co_await conn.send(\"HELLO\");",
        "  co_return conn;",
        "}",
    ]


def p_lock(n):
    return [
        "// Takes the lock around the update; released on every path.",
        "rt::lazy<int> bump_%d(concur::AsyncMutex &mutex, std::map<std::string, int> &counts," % n,
        "                      std::string key) {",
        "  concur::Lock lock(mutex);",
        "  co_await lock.acquire();",
        "  auto it = counts.find(key);",
        "  if (it == counts.end()) {",
        "    counts.emplace(std::move(key), 1);",
        "    co_await lock.release();",
        "    co_return 1;",
        "  }",
        "  int value = ++it->second;",
        "  co_await lock.release();",
        "  co_return value;",
        "}",
    ]


def p_span_switch(n):
    return [
        "enum class Kind%d { Read, Write, Admin };" % n,
        "",
        "// Traces each request; the span ends in every case.",
        "rt::task<int> dispatch_%d(Kind%d kind, net::Connection &conn) {" % (n, n),
        "  trace::Span span(\"dispatch\");",
        "  co_await span.async_enter();",
        "  switch (kind) {",
        "  case Kind%d::Read:" % n,
        "    span.tag(\"kind\", \"read\");",
        "    co_await conn.send(\"READ\");",
        "    break;",
        "  case Kind%d::Write:" % n,
        "    span.tag(\"kind\", \"write\");",
        "    co_await conn.send(\"WRITE\");",
        "    break;",
        "  default:",
        "    co_await span.async_exit();",
        "    co_return -1;",
        "  }",
        "  co_await span.async_exit();",
        "  co_return 0;",
        "}",
    ]


def p_scope(n):
    return [
        "rt::task<> refresh_one_%d(std::string key);" % n,
        "",
        "// Fans out and waits for all the work before returning.",
        "rt::task<> refresh_all_%d(const std::vector<std::string> &keys) {" % n,
        "  rt::async_scope scope;",
        "  for (const std::string &key : keys)",
        "    scope.spawn(refresh_one_%d(key));" % n,
        "  co_await scope.aclose();",
        "}",
    ]


def p_lambda(n):
    return [
        "// A coroutine lambda per id; each lambda ends its own transaction.",
        "rt::task<> touch_all_%d(db::Session &session, std::vector<std::int64_t> ids) {" % n,
        "  auto touch = [&session](std::int64_t id) -> rt::task<> {",
        "    db::Transaction tx(session);",
        "    co_await tx.aenter();",
        "    co_await tx.insert(db::Row{id, key_for(id), \"touched\"});",
        "    co_await tx.aexit();",
        "  };",
        "  for (std::int64_t id : ids)",
        "    co_await touch(id);",
        "}",
    ]


def p_detached(n):
    return [
        "// Fire and forget: the connection is this coroutine's to close.",
        "rt::detached notify_%d(net::Connection conn, std::string event) {" % n,
        "  co_await conn.send(std::move(event));",
        "  co_await conn.aclose();",
        "}",
    ]


def p_stored_exit(n):
    return [
        "// The exit is started early and awaited after the bookkeeping.",
        "rt::task<> archive_%d(db::Session &session, std::vector<db::Row> rows," % n,
        "                      std::map<std::string, std::size_t> &stats) {",
        "  db::Transaction tx(session);",
        "  co_await tx.aenter();",
        "  for (db::Row &row : rows) {",
        "    row.payload = \"archived:\" + row.payload;",
        "    co_await tx.insert(row);",
        "  }",
        "  auto done = tx.aexit();",
        "  stats[\"archived\"] += rows.size();",
        "  co_await done;",
        "}",
    ]


def p_file(n):
    return [
        "// Copies a file; both files are closed, the source on the error path too.",
        "rt::lazy<std::size_t> copy_%d(std::string from, std::string to) {" % n,
        "  fs::File source = fs::open(from);",
        "  std::string data = co_await source.read_all();",
        "  if (data.empty()) {",
        "    co_await source.close();",
        "    co_return 0;",
        "  }",
        "  fs::File target = fs::open(to);",
        "  co_await target.write(data);",
        "  co_await target.flush();",
        "  co_await target.close();",
        "  co_await source.close();",
        "  co_return data.size();",
        "}",
    ]


def p_retry(n):
    return [
        "// Retries with a fresh connection; each attempt closes its own.",
        "rt::task<std::optional<std::string>> call_%d(net::Endpoint peer, int attempts) {" % n,
        "  for (int attempt = 0; attempt < attempts; ++attempt) {",
        "    net::Connection conn = net::connect(peer);",
        "    std::exception_ptr error;",
        "    std::string reply;",
        "    try {",
        "      reply = co_await conn.request(\"PING \" + std::to_string(attempt));",
        "    } catch (...) {",
        "      error = std::current_exception();",
        "    }",
        "    co_await conn.aclose();",
        "    if (!error && !reply.empty())",
        "      co_return reply;",
        "  }",
        "  co_return std::nullopt;",
        "}",
    ]


def p_borrowed(n):
    return [
        "// Works inside the caller's transaction: not ours to end.",
        "rt::task<int> migrate_%d(db::Transaction &tx, const std::vector<db::Row> &rows) {" % n,
        "  int moved = 0;",
        "  for (const db::Row &row : rows) {",
        "    if (auto old = co_await tx.find(row.id); !old) {",
        "      co_await tx.insert(row);",
        "      ++moved;",
        "    }",
        "  }",
        "  co_return moved;",
        "}",
    ]


def p_cache(n):
    return [
        "// Loads through the cache; the loader closes the session it opens.",
        "rt::task<std::string> lookup_%d(db::Pool &pool, std::string key) {" % n,
        "  cache::Cache<std::string, std::string> names(",
        "      [&pool](const std::string &k) -> rt::task<std::string> {",
        "        db::Session session = co_await pool.session();",
        "        std::vector<db::Row> rows = co_await session.query(\"GET \" + k);",
        "        co_await session.aclose();",
        "        co_return rows.empty() ? std::string() : rows.front().payload;",
        "      });",
        "  std::string value = co_await names.get(key);",
        "  names.evict_if([](const std::string &v) { return v.empty(); });",
        "  co_return value;",
        "}",
    ]


CORRECT = [p_tx_all_paths, p_tx_exception_ptr, p_conn_loop, p_when_all,
           p_exit_stack, p_generator_cm, p_moved_to_pool, p_returned, p_lock,
           p_span_switch, p_scope, p_lambda, p_detached, p_stored_exit,
           p_file, p_retry, p_borrowed, p_cache]

# Planted bugs: each pattern marks the line the warning belongs on.


def b_early_return(n):
    return [
        "rt::task<> save_new_%d(db::Session &session, db::Row row) {" % n,
        "  db::Transaction tx(session);",
        "  co_await tx.aenter();",
        "  if (tx.contains(row.id))",
        "    co_return;" + bug("acm-missing-exit-await"),
        "  co_await tx.insert(row);",
        "  co_await tx.aexit();",
        "}",
    ]


def b_discarded_close(n):
    return [
        "rt::task<> say_bye_%d(net::Endpoint peer) {" % n,
        "  net::Connection conn = net::connect(peer);",
        "  co_await conn.send(\"BYE\");",
        "  conn.aclose();" + bug("acm-missing-exit-await"),
        "}",
    ]


def b_continue(n):
    return [
        "rt::task<> warm_%d(const std::vector<net::Endpoint> &peers) {" % n,
        "  for (const net::Endpoint &peer : peers) {",
        "    net::Connection conn = net::connect(peer);",
        "    if (peer.host.empty())",
        "      continue;" + bug("acm-missing-exit-await"),
        "    co_await conn.send(\"WARM\");",
        "    co_await conn.aclose();",
        "  }",
        "}",
    ]


def b_stack_not_closed(n):
    return [
        "rt::task<> flush_%d(db::Session &session) {" % n,
        "  rt::AsyncExitStack stack;",
        "  stack.push_async_callback([&session]() -> rt::task<> {",
        "    co_await session.execute(\"FLUSH\");",
        "  });",
        "  co_await session.execute(\"CHECKPOINT\");",
        "}" + bug("acm-missing-exit-await"),
    ]


def b_use_after_exit(n):
    return [
        "rt::task<> audit_%d(db::Session &session, db::Row row) {" % n,
        "  db::Transaction tx(session);",
        "  co_await tx.aenter();",
        "  co_await tx.insert(row);",
        "  co_await tx.aexit();",
        "  co_await tx.insert(db::Row{row.id, \"audit\", row.key});" + bug("acm-use-after-exit"),
        "}",
    ]


def b_unawaited_enter(n):
    return [
        "rt::lazy<> guarded_%d(concur::AsyncMutex &mutex, std::vector<int> &out) {" % n,
        "  concur::Lock lock(mutex);",
        "  lock.acquire();" + bug("acm-unawaited-enter"),
        "  out.push_back(%d);" % n,
        "  co_await lock.release();",
        "}",
    ]


def b_multiple_yield(n):
    return [
        "rt::async_cm<db::Session &> retrying_session_%d(db::Pool &pool, bool retry) {" % n,
        "  db::Session session = co_await pool.session();",
        "  std::exception_ptr error;",
        "  try {",
        "    co_yield session;",
        "    if (retry)",
        "      co_yield session;" + bug("acm-generator-multiple-yield"),
        "  } catch (...) {",
        "    error = std::current_exception();",
        "  }",
        "  co_await session.aclose();",
        "  if (error)",
        "    std::rethrow_exception(error);",
        "}",
    ]


def b_missing_yield(n):
    return [
        "rt::async_cm<db::Session &> cached_session_%d(db::Pool &pool, bool offline) {" % n
        + bug("acm-generator-missing-yield"),
        "  if (offline)",
        "    co_return;",
        "  db::Session session = co_await pool.session();",
        "  std::exception_ptr error;",
        "  try {",
        "    co_yield session;",
        "  } catch (...) {",
        "    error = std::current_exception();",
        "  }",
        "  co_await session.aclose();",
        "  if (error)",
        "    std::rethrow_exception(error);",
        "}",
    ]


def b_unprotected_yield(n):
    return [
        "rt::async_cm<db::Session &> borrowed_session_%d(db::Pool &pool) {" % n,
        "  db::Session session = co_await pool.session();",
        "  co_yield session;" + bug("acm-generator-unprotected-yield"),
        "  co_await session.aclose();",
        "}",
    ]


BUGS = [b_early_return, b_discarded_close, b_continue, b_stack_not_closed,
        b_use_after_exit, b_unawaited_enter, b_multiple_yield,
        b_missing_yield, b_unprotected_yield]

PREAMBLE = r'''#include "rt/async_cm.hpp"
#include "rt/detached.hpp"
#include "rt/exit_stack.hpp"
#include "rt/lazy.hpp"
#include "rt/scope.hpp"
#include "rt/task.hpp"
#include "svc/cache.hpp"
#include "svc/db.hpp"
#include "svc/fs.hpp"
#include "svc/lock.hpp"
#include "svc/net.hpp"
#include "svc/trace.hpp"
#include <algorithm>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>
'''


def module_header(module):
    """A header of one module's own, for benchmarks that edit a header
    only some translation units include."""
    return ("// The %s module's settings (generated).\n#pragma once\n\n"
            "namespace %s::config {\ninline constexpr int shards = 4;\n}\n"
            % (module, module))


def translation_unit(index, coroutines, bugs, module_headers=False):
    """The text of translation unit number index, and its planted bugs:
    the correct patterns in turn, with the given bug patterns in between."""
    module = MODULES[index % len(MODULES)]
    noun = NOUNS[(index // len(MODULES)) % len(NOUNS)]
    path = "src/%s/%s_%d.cpp" % (module, noun, index)
    lines = ["// %s: %s %s (generated)." % (path, module, noun)]
    lines += PREAMBLE.rstrip("\n").split("\n")
    if module_headers:
        lines.append('#include "%s/config.hpp"' % module)
    lines += [
        "",
        "namespace %s {" % module,
        "",
        "namespace {",
        "[[maybe_unused]] std::string key_for(std::int64_t id) {",
        "  return \"%s/\" + std::to_string(id);" % module,
        "}",
        "} // namespace",
        "",
    ]
    patterns = [CORRECT[(index * coroutines + k) % len(CORRECT)]
                for k in range(coroutines)]
    for k, pattern in enumerate(bugs):
        patterns.insert((index + 3 * k) % (len(patterns) + 1), pattern)
    expected = []
    for k, pattern in enumerate(patterns):
        body = pattern(index * 1000 + k)
        for line in body:
            lines.append(line)
            if "// BUG(" in line:
                check = line.split("// BUG(")[1].rstrip(")")
                expected.append("%s:%d: %s" % (path, len(lines), check))
        lines.append("")
    lines.append("} // namespace %s" % module)
    return path, "\n".join(lines) + "\n", expected


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", help="directory to write (created)")
    parser.add_argument("--files", type=int, default=48,
                        help="translation units (default 48)")
    parser.add_argument("--coroutines", type=int, default=12,
                        help="coroutine patterns per file (default 12)")
    parser.add_argument("--bug-every", type=int, default=4,
                        help="plant bugs in every K-th file (default 4; "
                             "0: none)")
    parser.add_argument("--bugs-per-file", type=int, default=1,
                        help="bugs planted in each such file (default 1)")
    parser.add_argument("--acm-include",
                        default=os.path.join(os.path.dirname(os.path.abspath(
                            __file__)), "..", "include"),
                        help="directory holding <acm/annotations.h>")
    parser.add_argument("--compiler", default="clang++-22")
    parser.add_argument("--module-headers", action="store_true",
                        help="give each module a header that only its "
                             "translation units include")
    args = parser.parse_args()

    out = os.path.abspath(args.out)
    acm_include = os.path.abspath(args.acm_include)
    for name, text in sorted(HEADERS.items()):
        path = os.path.join(out, "include", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    if args.module_headers:
        for module in MODULES[:args.files]:
            path = os.path.join(out, "include", module, "config.hpp")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(module_header(module))

    commands, expected = [], []
    planted = 0
    for index in range(args.files):
        bugs = []
        if args.bug_every and index % args.bug_every == args.bug_every - 1:
            for _ in range(args.bugs_per_file):
                bugs.append(BUGS[planted % len(BUGS)])
                planted += 1
        path, text, found = translation_unit(index, args.coroutines, bugs,
                                             args.module_headers)
        full = os.path.join(out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
        expected += found
        obj = "build/obj/" + path[len("src/"):-len(".cpp")] + ".o"
        commands.append({
            "directory": out,
            "file": path,
            "command": "%s -std=c++20 -O2 -Wall -DNDEBUG -Iinclude -I%s "
                       "-c %s -o %s" % (args.compiler, acm_include, path, obj),
        })

    os.makedirs(os.path.join(out, "build"), exist_ok=True)
    with open(os.path.join(out, "build", "compile_commands.json"), "w") as f:
        json.dump(commands, f, indent=2)
        f.write("\n")
    with open(os.path.join(out, "EXPECTED"), "w") as f:
        f.write("".join(line + "\n" for line in expected))


if __name__ == "__main__":
    main()
