// Stores orders in a transaction and notifies a downstream service.
#include "app/db.hpp"
#include "app/net.hpp"
#include <vector>

namespace orders {

// Correct: the exit is awaited on every path, exceptions included. C++
// forbids co_await in a handler, so the exception is captured, the exit
// awaited, and the exception rethrown.
mini::task<> save_all(std::vector<db::Row> rows) {
  db::Transaction tx;
  co_await tx.aenter();
  std::exception_ptr error;
  try {
    for (const db::Row &row : rows)
      co_await tx.insert(row);
  } catch (...) {
    error = std::current_exception();
  }
  co_await tx.aexit(error);
  if (error)
    std::rethrow_exception(error);
}

mini::task<> save_new(db::Row row) {
  db::Transaction tx;
  co_await tx.aenter();
  if (tx.exists(row.id))
    co_return; // BUG: the early return skips the exit; the transaction is
               // never committed or rolled back.
  co_await tx.insert(row);
  co_await tx.aexit();
}

mini::task<> notify(std::string host, std::string message) {
  net::Connection conn = net::connect(host);
  co_await conn.send(std::move(message));
  conn.aclose(); // BUG: called without co_await; the close never runs.
}

// Correct: both exits awaited together.
mini::task<> replicate(db::Row row) {
  db::Transaction primary, replica;
  co_await primary.aenter();
  co_await replica.aenter();
  co_await primary.insert(row);
  co_await replica.insert(row);
  co_await mini::when_all(primary.aexit(), replica.aexit());
}

} // namespace orders
