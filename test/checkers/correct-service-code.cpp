// Correct coroutines in the style of real service code (request handlers,
// connection pools, retries, message loops, cleanup labels, factories):
// neither acm-missing-exit-await nor acm-use-after-exit may report anything.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t

#include "acm-task.h"
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace db {
struct Tx {
  rt::task<> aenter();
  rt::task<> aexit(std::exception_ptr = nullptr);
  rt::task<> insert(int);
  rt::value_task<bool> exists(int);
  int rows() const;
};
Tx make_tx();
} // namespace db

namespace net {
struct Buffer {
  std::string data;
};
struct Socket {
  rt::task<> aclose();
  rt::value_task<Buffer> read();
  rt::task<> write(const Buffer &);
  bool is_open() const;
};
Socket dial(const std::string &host);
struct Session {
  rt::value_task<Socket &> aenter();
  rt::task<> aexit(std::exception_ptr = nullptr);
};
enum class Kind { Ping, Data, Close, Quit };
struct Msg {
  Kind kind;
  int payload;
};
rt::value_task<Msg> next_message();
} // namespace net

void log_line(const char *);
void log_number(int);
bool should_retry(int attempt);
rt::task<> sleep_ms(int);
std::mutex registry_mutex;

using db::Tx;
using namespace net;

// A request handler that returns early after its exit.
rt::task<> handle_insert(int row) {
  Tx tx;
  co_await tx.aenter();
  if (co_await tx.exists(row)) {
    co_await tx.aexit();
    co_return;
  }
  co_await tx.insert(row);
  co_await tx.aexit();
}

// A number read from the manager before its exit, logged after it.
rt::task<> count_rows() {
  Tx tx;
  co_await tx.aenter();
  int rows = tx.rows();
  co_await tx.aexit();
  log_number(rows);
}

// Retries: each attempt exits before 'continue' or 'break'.
rt::task<> insert_with_retries(int row) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    Tx tx;
    co_await tx.aenter();
    if (!co_await tx.exists(row)) {
      co_await tx.aexit();
      co_await sleep_ms(10 * attempt);
      continue;
    }
    co_await tx.insert(row);
    co_await tx.aexit();
    break;
  }
}

rt::task<> reconnect_until_done() {
  int attempt = 0;
  for (;;) {
    Session session;
    Socket &socket = co_await session.aenter();
    co_await socket.write(Buffer{"hello"});
    co_await session.aexit();
    if (!should_retry(++attempt))
      break;
  }
}

// A message loop: one transaction per message, a switch with 'continue',
// 'break' and '[[fallthrough]]'.
rt::task<> message_loop() {
  for (;;) {
    Msg m = co_await next_message();
    if (m.kind == Kind::Quit)
      break;
    Tx tx;
    co_await tx.aenter();
    switch (m.kind) {
    case Kind::Ping:
      co_await tx.aexit();
      continue;
    case Kind::Data:
      co_await tx.insert(m.payload);
      [[fallthrough]];
    case Kind::Close:
      co_await tx.aexit();
      break;
    default:
      co_await tx.aexit();
      co_return;
    }
    log_line("handled");
  }
}

// 'goto cleanup'.
rt::task<> insert_pair(int row) {
  Tx tx;
  co_await tx.aenter();
  if (row < 0)
    goto cleanup;
  co_await tx.insert(row);
  if (row == 0)
    goto cleanup;
  co_await tx.insert(row + 1);
cleanup:
  co_await tx.aexit();
}

// A retry by 'goto' back over the object's scope.
rt::task<> insert_or_retry(int row) {
  int tries = 0;
retry:
  {
    Tx tx;
    co_await tx.aenter();
    if (!co_await tx.exists(row) && ++tries < 3) {
      co_await tx.aexit();
      goto retry;
    }
    co_await tx.aexit();
  }
}

// An RAII guard next to the manager.
rt::task<> guarded_registration(int row) {
  Tx tx;
  co_await tx.aenter();
  {
    std::lock_guard<std::mutex> lock(registry_mutex);
    log_number(row);
  }
  co_await tx.aexit();
}

// Managers behind smart pointers and in members are not this body's.
class Repository {
public:
  rt::task<> open() {
    conn_ = std::make_unique<Tx>();
    co_await conn_->aenter();
  }
  rt::task<> close() {
    co_await conn_->aexit();
    conn_.reset();
    co_await journal_.aclose();
  }

private:
  std::unique_ptr<Tx> conn_;
  Socket journal_;
};

// Stored into longer-lived containers.
rt::task<> keep_open(std::vector<Tx> &open_txs, std::vector<Socket> &sockets) {
  Tx tx;
  co_await tx.aenter();
  open_txs.push_back(std::move(tx));
  Socket s = dial("db");
  sockets.emplace_back(std::move(s));
}

// Made by a factory, or returned entered to the caller.
rt::task<> from_factory() {
  Tx tx = db::make_tx();
  co_await tx.aenter();
  co_await tx.aexit();
}

rt::value_task<Tx> open_tx() {
  Tx tx;
  co_await tx.aenter();
  co_return tx;
}

rt::task<> use_opened_tx() {
  Tx tx = co_await open_tx();
  co_await tx.insert(1);
  co_await tx.aexit();
}

// Exits awaited together, or stored and awaited after other work.
rt::task<> two_sessions() {
  Session a, b;
  co_await a.aenter();
  co_await b.aenter();
  co_await rt::when_all(a.aexit(), b.aexit());
}

rt::task<> commit_later() {
  Tx tx;
  co_await tx.aenter();
  co_await tx.insert(1);
  auto commit = tx.aexit();
  log_line("committing");
  co_await sleep_ms(1);
  co_await commit;
}

// The capture-exception_ptr, await-exit, rethrow pattern.
rt::task<> insert_or_rethrow(int row) {
  Tx tx;
  co_await tx.aenter();
  std::exception_ptr error;
  try {
    co_await tx.insert(row);
  } catch (...) {
    error = std::current_exception();
  }
  co_await tx.aexit(error);
  if (error)
    std::rethrow_exception(error);
}

// A server loop that never ends.
rt::task<> echo_server() {
  Socket listener = dial("0.0.0.0");
  while (true) {
    Buffer b = co_await listener.read();
    co_await listener.write(b);
  }
}

// A closeable per host, closed before 'continue'.
rt::task<> echo_each(std::vector<std::string> hosts) {
  for (const std::string &host : hosts) {
    Socket s = dial(host);
    if (!s.is_open()) {
      co_await s.aclose();
      continue;
    }
    Buffer b = co_await s.read();
    co_await s.write(b);
    co_await s.aclose();
  }
}

// Nested managers, exited last-in first-out.
rt::task<> nested_managers() {
  Session outer;
  Socket &socket = co_await outer.aenter();
  {
    Tx inner;
    co_await inner.aenter();
    co_await socket.write(Buffer{"x"});
    co_await inner.aexit();
  }
  co_await outer.aexit();
}

// Entered only when wanted, with a flag that says so.
rt::task<> maybe_transactional(bool want) {
  Tx tx;
  bool entered = false;
  if (want) {
    co_await tx.aenter();
    entered = true;
  }
  log_line("work");
  if (entered)
    co_await tx.aexit();
}

// A coroutine lambda started from a member function.
struct Executor {
  void add(rt::task<>);
};
class Spawner {
public:
  void start(Executor &ex) {
    ex.add([this]() -> rt::task<> {
      Tx tx;
      co_await tx.aenter();
      co_await tx.insert(id_);
      co_await tx.aexit();
    }());
  }

private:
  int id_ = 0;
};

// Handed to a coroutine that takes it by value, or to a visible helper
// that closes it.
rt::task<> finish(Tx tx);
rt::task<> close_socket(Socket &s) { co_await s.aclose(); }
rt::task<> hand_over() {
  Tx tx;
  co_await tx.aenter();
  co_await finish(std::move(tx));
  Socket s = dial("peer");
  co_await close_socket(s);
}

// A reusable manager: reassigned or re-entered after its exit.
rt::task<> reuse(int n) {
  Tx tx;
  for (int i = 0; i < n; ++i) {
    co_await tx.aenter();
    co_await tx.insert(i);
    co_await tx.aexit();
  }
  tx = db::make_tx();
  co_await tx.aenter();
  co_await tx.aexit();
}

// An exit stack holding two sessions.
rt::task<> replicate(int row) {
  ExitStack stack;
  Resource primary, replica;
  Resource &p = co_await stack.enter_async_context(primary);
  Resource &r = co_await stack.enter_async_context(replica);
  p.use();
  r.use();
  co_await stack.aclose();
}

// The exit chosen by a conditional operator.
rt::task<> commit_or_abort(bool ok) {
  Resource r;
  co_await r.aenter();
  std::exception_ptr failure;
  co_await (ok ? r.aexit() : r.aexit(failure));
}

// Both arms exit; the loop leaves by 'break' after the exit.
rt::task<> drain(int n) {
  while (n-- > 0) {
    Tx tx;
    co_await tx.aenter();
    if (n % 2) {
      co_await tx.aexit();
      break;
    } else {
      co_await tx.aexit();
    }
  }
}

// A do-while retry with a flag read from the manager.
rt::task<> poll_until_present(int row) {
  int tries = 0;
  bool present = false;
  do {
    Tx tx;
    co_await tx.aenter();
    present = co_await tx.exists(row);
    co_await tx.aexit();
  } while (!present && ++tries < 3);
}

// Used only on the path where the exit has not happened.
rt::task<> stop_or_continue(bool stop) {
  Tx tx;
  co_await tx.aenter();
  if (stop) {
    co_await tx.aexit();
    co_return;
  }
  co_await tx.insert(1);
  co_await tx.aexit();
}

// Shadowing: a new object of the same name after the first was exited.
rt::task<> two_scopes() {
  {
    Tx tx;
    co_await tx.aenter();
    co_await tx.aexit();
  }
  {
    Tx tx;
    co_await tx.aenter();
    co_await tx.insert(2);
    co_await tx.aexit();
  }
}
