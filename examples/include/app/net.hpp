// A connection: open from the moment it exists, closed by awaiting aclose().
#pragma once
#include "mini/task.hpp"
#include <string>
#include <utility>

namespace net {

class Connection {
public:
  explicit Connection(std::string host) : host_(std::move(host)) {}
  Connection(Connection &&) = default;
  Connection &operator=(Connection &&) = default;

  mini::task<> send(std::string /*message*/) { co_return; }
  mini::task<std::string> request(std::string message) {
    co_return host_ + ": " + message;
  }
  mini::task<> aclose() { co_return; }

private:
  std::string host_;
};

// Opens a connection (defined by the application; declared here only).
Connection connect(const std::string &host);

} // namespace net
