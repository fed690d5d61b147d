// seastar::with_stoppable takes over the stop() of a user's service,
// described through the Types option, as with_closeable does for streams.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t --config="{CheckOptions: {acm.Types: 'app::metrics_service{enter: start; exit: stop}'}}" -- -I%S/Inputs

#include "seastar.h"

namespace app {
struct metrics_service {
  metrics_service() noexcept;
  metrics_service(metrics_service &&) noexcept;
  seastar::future<> start();
  seastar::future<> stop();
  seastar::future<> report();
};
} // namespace app

// Started, then handed to with_stoppable, which stops it when the function
// it runs is done.
seastar::future<> run_with_stoppable() {
  app::metrics_service service;
  co_await service.start();
  co_await seastar::with_stoppable(service, [](app::metrics_service &s) {
    return s.report();
  });
}

seastar::future<> run_moved_into_with_stoppable() {
  app::metrics_service service;
  co_await service.start();
  co_await seastar::with_stoppable(std::move(service),
                                   [](app::metrics_service &s) {
                                     return s.report();
                                   });
}

// Without the helper, the service's stop() is owed.
seastar::future<> run_without_stop() {
  app::metrics_service service;
  co_await service.start();
  co_await service.report();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'service' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-4]]:12: note: 'service' entered here
