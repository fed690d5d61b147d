// A pool of open connections to one host, shared by request handlers.
#include "app/net.hpp"
#include <cstddef>
#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace pool {

// Itself a closeable: aclose() closes every idle connection.
class ConnectionPool {
public:
  explicit ConnectionPool(std::string host) : host_(std::move(host)) {}

  // Hands out an idle connection or opens a new one. The caller owns it and
  // must either give it back with release() or close it.
  mini::task<net::Connection> acquire() {
    if (idle_.empty())
      co_return net::connect(host_);
    net::Connection conn = std::move(idle_.back());
    idle_.pop_back();
    co_return conn;
  }

  void release(net::Connection conn) { idle_.push_back(std::move(conn)); }

  mini::task<> aclose() {
    for (net::Connection &conn : idle_)
      co_await conn.aclose();
    idle_.clear();
  }

private:
  std::string host_;
  std::vector<net::Connection> idle_;
};

// Correct: a healthy connection goes back to the pool (ownership leaves this
// coroutine); a failed one is closed, outside the handler, before rethrowing.
mini::task<std::string> query(ConnectionPool &pool, std::string request) {
  net::Connection conn = co_await pool.acquire();
  std::exception_ptr error;
  std::string reply;
  try {
    reply = co_await conn.request(std::move(request));
  } catch (...) {
    error = std::current_exception();
  }
  if (error) {
    co_await conn.aclose();
    std::rethrow_exception(error);
  }
  pool.release(std::move(conn));
  co_return reply;
}

// Correct: both pools are closed together, on the error path as well.
mini::task<std::size_t> replicate(std::vector<std::string> keys) {
  ConnectionPool primary("db-primary"), replica("db-replica");
  std::size_t confirmed = 0;
  std::exception_ptr error;
  try {
    for (const std::string &key : keys) {
      co_await query(primary, "PUT " + key);
      std::string reply = co_await query(replica, "GET " + key);
      if (!reply.empty())
        ++confirmed;
    }
  } catch (...) {
    error = std::current_exception();
  }
  co_await mini::when_all(primary.aclose(), replica.aclose());
  if (error)
    std::rethrow_exception(error);
  co_return confirmed;
}

} // namespace pool
