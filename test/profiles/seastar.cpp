// The Seastar profile.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit,acm-unawaited-enter %t -- -I%S/Inputs

#include "seastar.h"

seastar::output_stream<char> make_output();
seastar::input_stream<char> make_input();
seastar::future<> background();
bool failed();
struct Service {
  seastar::future<> stop();
};
struct Visit {
  seastar::future<> operator()(Service &) const;
};

seastar::future<> stream_not_closed() {
  seastar::output_stream<char> out = make_output();
  co_await out.write("x", 1);
  if (failed())
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: close of 'out' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-5]]:32: note: 'out' created here
  co_await out.close();
}

seastar::future<> write_after_close() {
  seastar::output_stream<char> out = make_output();
  co_await out.close();
  co_await out.write("x", 1);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'out' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

// A request still running in the gate when it dies: "gate destroyed with
// outstanding requests".
seastar::future<> gate_not_closed() {
  seastar::gate g;
  (void)seastar::with_gate(g, [] { return background(); });
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'g' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:9: note: 'g' entered here
}

// A holder moved into background work keeps the gate entered after the
// coroutine ends.
seastar::future<> held_gate_not_closed() {
  seastar::gate g;
  (void)background().finally([h = g.hold()] {});
  co_await background();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'g' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-4]]:35: note: 'g' entered here

// Entering a closed gate throws gate_closed_exception, whatever the holder
// does afterwards.
seastar::future<> hold_after_close() {
  seastar::gate g;
  co_await g.close();
  auto h = g.hold();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'g' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

seastar::future<> with_gate_after_close() {
  seastar::gate g;
  co_await g.close();
  co_await seastar::with_gate(g, [] { return background(); });
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'g' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

// check() throws gate_closed_exception once the gate is closed.
seastar::future<> check_after_close() {
  seastar::gate g;
  co_await g.close();
  g.check();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'g' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

seastar::future<> closed_twice() {
  seastar::file f = co_await seastar::open_file_dma("x", seastar::open_flags::ro);
  co_await f.close();
  co_await f.close();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'f' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first exit awaited here
}

// close() resets the file: what it reads afterwards is gone.
seastar::future<> file_used_after_close() {
  seastar::file f = co_await seastar::open_file_dma("x", seastar::open_flags::ro);
  co_await f.close();
  (void)f.memory_dma_alignment();
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'f' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

// A placeholder file is due from the assignment on.
seastar::future<> assigned_file_not_closed() {
  seastar::file f;
  f = co_await seastar::open_file_dma("x", seastar::open_flags::ro);
  co_await f.flush();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: close of 'f' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-4]]:3: note: 'f' created here

seastar::future<> sharded_not_stopped() {
  seastar::sharded<Service> svc;
  co_await svc.start();
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'svc' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'svc' entered here
}

seastar::future<> sharded_start_not_awaited() {
  seastar::sharded<Service> svc;
  svc.start();
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: enter of 'svc' is not awaited: the result of 'start' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  co_await svc.start();{{$}}
  co_await svc.stop();
}

seastar::future<> sharded_used_after_stop() {
  seastar::sharded<Service> svc;
  co_await svc.start_single();
  co_await svc.stop();
  co_await svc.invoke_on_all(Visit{});
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'svc' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

// Correct uses stay silent.
seastar::future<> stream_closed() {
  seastar::output_stream<char> out = make_output();
  co_await out.write("x", 1);
  co_await out.flush();
  co_await out.close();
}

seastar::future<> input_closed() {
  seastar::input_stream<char> in = make_input();
  co_await in.read();
  co_await in.close();
  (void)in.eof();
}

seastar::future<> gate_unused() {
  seastar::gate g;
  co_return;
}

// The gate's destructor asserts that no request is in it, not that it was
// closed. Work that ends within the coroutine needs no close(): an awaited
// with_gate, a holder that dies before the gate, an enter that is left.
seastar::future<> gate_left_in_place(int n) {
  seastar::gate g;
  co_await seastar::with_gate(g, [] { return background(); });
  {
    auto h = g.hold();
    co_await background();
  }
  auto h = g.hold();
  g.hold();
  g.enter();
  co_await background();
  g.leave();
  co_await background();
}

// Background work, then close(): the usual shape.
seastar::future<> background_then_close() {
  seastar::gate g;
  for (int i = 0; i < 3; ++i)
    (void)seastar::with_gate(g, [] { return background(); });
  (void)background().finally([h = g.hold()] {});
  co_await g.close();
}

seastar::future<> gate_closed() {
  seastar::gate g;
  (void)seastar::with_gate(g, [] { return background(); });
  auto h = g.hold();
  h.release();
  co_await g.close();
  // Queries, and the calls made for closing gates, are not uses.
  (void)g.is_closed();
  (void)g.get_count();
  (void)g.try_enter();
  (void)g.try_hold();
}

seastar::future<> sharded_stopped() {
  seastar::sharded<Service> svc;
  co_await svc.start();
  co_await svc.stop();
  (void)svc.local_is_initialized();
}

seastar::future<> file_checked_after_close() {
  seastar::file f = co_await seastar::open_file_dma("x", seastar::open_flags::ro);
  co_await f.close();
  if (f)
    co_return;
}

// Default-constructed streams and files hold nothing.
seastar::future<> placeholders() {
  seastar::output_stream<char> out;
  seastar::input_stream<char> in;
  seastar::file f;
  co_return;
}

// The helpers take the close over.
seastar::future<> with_closeable_helper() {
  seastar::output_stream<char> out = make_output();
  co_await seastar::with_closeable(std::move(out), [](auto &o) {
    return o.write("x", 1);
  });
}

// Passed as an lvalue, the stream is moved into the helper all the same.
seastar::future<> with_closeable_lvalue() {
  seastar::input_stream<char> in = make_input();
  co_await seastar::with_closeable(in, [](auto &i) {
    return i.skip(1);
  });
}

// A disabled profile is silent: see seastar-disabled.cpp.

// As Seastar's applications write it: a file turned into a stream, closed
// on every path through the exception_ptr pattern; services started, then
// stopped whatever happened.
seastar::future<seastar::output_stream<char>> make_file_output_stream(
    seastar::file f);
seastar::future<> write_file() {
  seastar::file f = co_await seastar::open_file_dma(
      "x", seastar::open_flags::wo | seastar::open_flags::create);
  auto out = co_await make_file_output_stream(std::move(f));
  std::exception_ptr error;
  try {
    co_await out.write("x", 1);
    co_await out.flush();
  } catch (...) {
    error = std::current_exception();
  }
  co_await out.close();
  if (error)
    std::rethrow_exception(error);
}

seastar::future<> run_services() {
  seastar::sharded<Service> svc;
  co_await svc.start();
  std::exception_ptr error;
  try {
    co_await svc.invoke_on_all(Visit{});
  } catch (...) {
    error = std::current_exception();
  }
  co_await svc.stop();
  if (error)
    std::rethrow_exception(error);
}

// A file is a reference-counted handle: a copy received by value (as
// seastar::with_file hands one to its function) or made from another
// handle is closed through the original.
struct Reader {
  seastar::file file;
  seastar::future<> read();
};
seastar::future<> Reader::read() {
  seastar::file copy = file;
  co_await copy.flush();
}

seastar::future<> file_copies() {
  auto read = [](seastar::file f) -> seastar::future<> { co_await f.flush(); };
  (void)read;
  co_return;
}

// A file this coroutine opened is its to close.
seastar::future<> opened_file_not_closed() {
  auto f = co_await seastar::open_file_dma("x", seastar::open_flags::ro);
  co_await f.flush();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: close of 'f' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-4]]:8: note: 'f' created here

// try_with_gate enters the gate unless it is closed, and fails by design
// once it is (an exceptional future): work it let in may outlive the
// coroutine, as with_gate's does.
seastar::future<> try_with_gate_not_closed() {
  seastar::gate g;
  (void)seastar::try_with_gate(g, [] { return background(); })
      .handle_exception_type([](const seastar::gate_closed_exception&) {});
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'g' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:9: note: 'g' entered here
}
seastar::future<> try_with_gate_closed() {
  seastar::gate g;
  (void)seastar::try_with_gate(g, [] { return background(); });
  co_await g.close();
  // After close() it fails by design: no use after the exit.
  (void)seastar::try_with_gate(g, [] { return background(); });
}
seastar::future<> try_with_gate_awaited() {
  seastar::gate g;
  co_await seastar::try_with_gate(g, [] { return background(); });
}
seastar::future<> try_with_gate_on_some_paths(bool closing) {
  seastar::gate g;
  if (closing)
    co_await g.close();
  (void)seastar::try_with_gate(g, [] { return background(); });
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'g' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:9: note: 'g' entered here
}

// tests/unit/gate_test.cc: entering a closed gate throws, which the test
// checks. The entry is the one finding: the gate owes no second close.
template <typename Func> seastar::future<> expect_gate_closed(Func&& func) {
  std::terminate();
}
seastar::future<> enter_after_close_is_one_finding() {
  seastar::gate g;
  co_await g.close();
  co_await expect_gate_closed([&] { g.enter(); });
  // CHECK-NOTES: :[[@LINE-1]]:37: warning: 'g' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
  co_await expect_gate_closed([&] { (void)g.hold(); });
}
