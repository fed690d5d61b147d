// An exit stack in the manner of Python's contextlib.AsyncExitStack.
#pragma once
#include "mini/task.hpp"
#include <functional>
#include <vector>

namespace app {

class AsyncExitStack {
public:
  template <typename Manager> mini::task<> enter_async_context(Manager &m) {
    co_await m.aenter();
    exits_.push_back([&m]() { return m.aexit(); });
  }
  void push_async_callback(std::function<mini::task<>()> callback) {
    exits_.push_back(std::move(callback));
  }
  AsyncExitStack pop_all() { return std::move(*this); }
  mini::task<> aclose() {
    while (!exits_.empty()) {
      auto exit = std::move(exits_.back());
      exits_.pop_back();
      co_await exit();
    }
  }

private:
  std::vector<std::function<mini::task<>()>> exits_;
};

} // namespace app
