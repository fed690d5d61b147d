// A connection: open from the moment it exists, closed by awaiting aclose().
#pragma once
#include "mini/task.hpp"
#include <string>

namespace net {

class Connection {
public:
  explicit Connection(std::string host) : host_(std::move(host)) {}
  Connection(Connection &&) = default;
  mini::task<> send(std::string message) { co_return; }
  mini::task<> aclose() { co_return; }

private:
  std::string host_;
};

Connection connect(const std::string &host);

} // namespace net
