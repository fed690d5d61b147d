// Orderly shutdown with an exit stack.
#include "app/db.hpp"
#include "app/exit_stack.hpp"
#include "app/net.hpp"

namespace shutdown {

mini::task<> flush_metrics() { co_return; }

// Correct: everything entered through the stack is exited by aclose().
mini::task<> run_job() {
  app::AsyncExitStack stack;
  db::Transaction tx;
  co_await stack.enter_async_context(tx);
  stack.push_async_callback(flush_metrics);
  co_await tx.insert({1, "job"});
  co_await stack.aclose();
}

mini::task<> run_quick_job() {
  app::AsyncExitStack stack;
  stack.push_async_callback(flush_metrics);
  co_await flush_metrics();
} // BUG: the stack is never aclose()d, so flush_metrics never runs.

} // namespace shutdown
