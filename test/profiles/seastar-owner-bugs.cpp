// Seastar services that leave a member open, in the shapes of real bugs.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "seastar.h"

struct cache {};
bool failed();
seastar::output_stream<char> make_output();

// The example of the owner-exit rule: an early return leaves the stream
// and the sharded service open.
class downloader {
  seastar::gate _gate;
  seastar::output_stream<char> _out;
  seastar::sharded<cache> _cache;
  bool _failed = false;

public:
  downloader() : _out(make_output()) {}
  seastar::future<> start() { co_await _cache.start(); }
  seastar::future<> fetch() {
    auto h = _gate.hold();
    co_await _out.write("x", 1);
  }
  seastar::future<> stop() {
    co_await _gate.close();
    if (_failed)
      co_return;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: close of member '_out' is not awaited before 'co_return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-16]]:32: note: '_out' is a member of 'downloader', declared here
    // CHECK-NOTES: :[[@LINE-3]]:7: warning: exit of member '_cache' is not awaited before 'co_return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-17]]:27: note: '_cache' is a member of 'downloader', declared here
    // CHECK-NOTES: :[[@LINE-13]]:40: note: '_cache' entered here, in 'start'
    co_await _out.close();
    co_await _cache.stop();
  }
};

// Redpanda before PR #2215 (issue #2077): stop() closed the dispatch gate
// and never the output stream.
class base_transport {
  seastar::output_stream<char> _out;
  seastar::gate _dispatch_gate;

  void fail_outstanding_futures() { _pending = 0; }
  int _pending = 0;

public:
  explicit base_transport(seastar::output_stream<char> out)
      : _out(std::move(out)) {}
  seastar::future<> dispatch() {
    return seastar::with_gate(_dispatch_gate, [] {
      return seastar::make_ready_future<>();
    });
  }
  seastar::future<> stop() {
    fail_outstanding_futures();
    return _dispatch_gate.close();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: close of member '_out' is not awaited before 'return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-18]]:32: note: '_out' is a member of 'base_transport', declared here
  }
};

// A service that enters its gate for every request and has no stop().
class request_handler {
  seastar::gate _requests;
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: 'request_handler' enters '_requests' in 'handle' but has no exit method that exits it [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE+4]]:11: note: '_requests' entered here, in 'handle'

public:
  seastar::future<> handle() {
    (void)seastar::with_gate(_requests, [] {
      return seastar::make_ready_future<>();
    });
    return seastar::make_ready_future<>();
  }
};

// A stream closed by stop() and written to after.
class logger {
  seastar::output_stream<char> _out;

public:
  logger() : _out(make_output()) {}
  seastar::future<> stop() {
    co_await _out.close();
    co_await _out.flush();
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: '_out' is used after its exit was awaited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: exit awaited here
  }
};

// src/websocket/client.cc with the gate's close() deleted: the processing
// loop try_with_gate let in may outlive the client.
class websocket_client {
  seastar::gate _task_gate;
  seastar::future<> process();

public:
  seastar::future<> connect() {
    (void)seastar::try_with_gate(_task_gate, [this] { return process(); })
        .handle_exception_type([](const seastar::gate_closed_exception&) {});
    return seastar::make_ready_future<>();
  }
  seastar::future<> close() { co_return; }
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: exit of member '_task_gate' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-11]]:17: note: '_task_gate' is a member of 'websocket_client', declared here
  // CHECK-NOTES: :[[@LINE-7]]:11: note: '_task_gate' entered here, in 'connect'
};
