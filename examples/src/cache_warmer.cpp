// Warms caches on a list of hosts.
#include "app/net.hpp"
#include <string>
#include <vector>

namespace cache {

struct Pool {
  std::vector<net::Connection> idle;
};

mini::task<> warm(const std::vector<std::string> &hosts) {
  for (const std::string &host : hosts) {
    net::Connection conn = net::connect(host);
    if (host.empty())
      continue; // BUG: the connection leaves the loop body without aclose().
    co_await conn.send("warm");
    co_await conn.aclose();
  }
}

// Correct: the connection is moved into a pool that outlives this coroutine
// and closes it later.
mini::task<> prefill(Pool &pool, std::string host) {
  net::Connection conn = net::connect(host);
  co_await conn.send("hello");
  pool.idle.push_back(std::move(conn));
}

} // namespace cache
