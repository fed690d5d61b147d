// The Seastar profile.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "acm-task.h"
#include "seastar.h"

seastar::output_stream<char> make_output();
struct Service {
  seastar::future<> stop();
};

rt::task<> stream_not_closed(bool fail) {
  seastar::output_stream<char> out = make_output();
  co_await out.write("x", 1);
  if (fail)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: close of 'out' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-5]]:32: note: 'out' created here
  co_await out.close();
}

rt::task<> write_after_close() {
  seastar::output_stream<char> out = make_output();
  co_await out.close();
  co_await out.write("x", 1);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'out' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

rt::task<> gate_not_closed() {
  seastar::gate g;
  g.enter();
  co_await rt::when_all();
  g.leave();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'g' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-5]]:3: note: 'g' entered here

rt::task<> with_gate_not_closed() {
  seastar::gate g;
  co_await seastar::with_gate(g, [] { return seastar::make_ready_future<>(); });
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'g' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'g' entered here
}

rt::task<> with_gate_closed() {
  seastar::gate g;
  co_await seastar::with_gate(g, [] { return seastar::make_ready_future<>(); });
  co_await g.close();
}

rt::task<> enter_after_close() {
  seastar::gate g;
  auto h = g.hold();
  co_await g.close();
  g.enter();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'g' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
  co_await g.close();
}

rt::task<> closed_twice() {
  seastar::file f = co_await seastar::open_file_dma("x", seastar::open_flags{});
  co_await f.close();
  co_await f.close();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'f' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first exit awaited here
}

rt::task<> sharded_not_stopped() {
  seastar::sharded<Service> svc;
  co_await svc.start();
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'svc' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'svc' entered here
}

// Correct uses stay silent.
rt::task<> stream_closed() {
  seastar::output_stream<char> out = make_output();
  co_await out.write("x", 1);
  co_await out.flush();
  co_await out.close();
}

rt::task<> gate_unused() {
  seastar::gate g;
  co_return;
}

rt::task<> gate_closed() {
  seastar::gate g;
  g.enter();
  g.leave();
  co_await g.close();
}

rt::task<> sharded_stopped() {
  seastar::sharded<Service> svc;
  co_await svc.start();
  co_await svc.stop();
}

// The helpers take the close over.
rt::task<> with_closeable_helper() {
  seastar::output_stream<char> out = make_output();
  co_await seastar::with_closeable(std::move(out), [](auto &o) {
    return o.write("x", 1);
  });
}

// A disabled profile is silent: see seastar-disabled.cpp.
