// A manager described by the annotations of <acm/annotations.h>, and one
// coroutine that skips its exit.
#include <acm/annotations.h>
#include <coroutine>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

class ACM_MANAGER Ledger {
public:
  ACM_ENTER task reserve();
  ACM_EXIT task settle();
};

task post(bool dry_run) {
  Ledger ledger;
  co_await ledger.reserve();
  if (dry_run)
    co_return;
  co_await ledger.settle();
}
