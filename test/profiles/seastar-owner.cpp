// Seastar services that own gates, streams, files and sharded services, in
// the shapes Seastar's own apps and libraries, Redpanda and ScyllaDB write
// them (each class names the code it follows). Correct as written: silent.
// test/profiles/owner-mutations.test deletes each line marked EXIT, or
// replaces its exit with a ready future, and checks that acm-tidy then
// reports the member.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t -- -I%S/Inputs

#include "seastar.h"

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace ss = seastar;

seastar::future<seastar::file> open_data_file();
seastar::output_stream<char> make_output();

// seastar demos/tls_echo_server.hh: a gate entered by every connection,
// closed by returning its future.
class echoserver {
  seastar::server_socket _socket;
  seastar::gate _gate;
  bool _stopped = false;

public:
  seastar::future<> listen() {
    (void)seastar::with_gate(_gate, [this] { return handle(); });
    return seastar::make_ready_future<>();
  }
  seastar::future<> handle();
  seastar::future<> stop() {
    _stopped = true;
    _socket.abort_accept();
    return _gate.close(); // EXIT(_gate)
  }
};

// seastar src/http/httpd.cc: the close future is kept, other work is done,
// then it is returned.
class http_server {
  std::vector<seastar::server_socket> _listeners;
  seastar::gate _task_gate;

public:
  seastar::future<> do_accepts() {
    auto holder = std::make_unique<seastar::gate::holder>(_task_gate.hold());
    co_return;
  }
  seastar::future<> stop() {
    seastar::future<> tasks_done = _task_gate.close(); // EXIT(_task_gate)
    for (auto &&l : _listeners)
      l.abort_accept();
    return tasks_done;
  }
};

// seastar src/rpc/rpc.cc: when_all(...).discard_result(), and a helper.
class rpc_server {
  seastar::gate _reply_gate;
  seastar::server_socket _ss;

  seastar::future<> shutdown() {
    _ss.abort_accept();
    return seastar::make_ready_future<>();
  }

public:
  seastar::future<> reply() {
    return seastar::with_gate(_reply_gate, [] {
      return seastar::make_ready_future<>();
    });
  }
  seastar::future<> stop() {
    return seastar::when_all(shutdown(), _reply_gate.close()) // EXIT(_reply_gate)
        .discard_result();
  }
};

// seastar src/websocket/common.cc: an idempotence guard, and streams closed
// in a continuation; another stream is closed by the response loop.
class websocket_connection {
  seastar::connected_socket _fd;
  seastar::input_stream<char> _read_buf;
  seastar::output_stream<char> _write_buf;
  seastar::output_stream<char> _output;
  bool _half_close = false;
  bool _done = false;

public:
  explicit websocket_connection(seastar::connected_socket fd)
      : _fd(std::move(fd)), _read_buf(_fd.input()), _write_buf(_fd.output()),
        _output(_fd.output()) {}
  seastar::future<> response_loop() {
    return seastar::make_ready_future<>().finally(
        [this] { return _write_buf.close(); });
  }
  seastar::future<> close() {
    if (_half_close)
      return seastar::make_ready_future<>();
    _half_close = true;
    return seastar::make_ready_future<>().finally([this] {
      _done = true;
      return seastar::when_all_succeed(_output.close()) // EXIT(_output)
          .discard_result()
          .finally([this] { _fd.shutdown_output(); });
    });
  }
};

// seastar apps/iotune/iotune.cc: a file closed under a test that it is
// open, and sharded services stopped one after the other.
class test_file {
  seastar::file _file;

public:
  seastar::future<> create() {
    _file = co_await open_data_file();
  }
  seastar::future<> stop() {
    return _file ? _file.close() // EXIT(_file)
                 : seastar::make_ready_future<>();
  }
};

class iotune_multi_shard_context {
  seastar::sharded<test_file> _iotune_test_file;
  seastar::sharded<std::vector<unsigned>> sharded_rates;

public:
  seastar::future<> start() {
    co_await _iotune_test_file.start();
    co_await sharded_rates.start();
  }
  seastar::future<> stop() {
    return _iotune_test_file.stop().then( // EXIT(_iotune_test_file)
        [this] { return sharded_rates.stop(); }); // EXIT(sharded_rates)
  }
};

// seastar apps/io_tester/io_tester.cc: the base class's stop() calls a
// virtual hook; the derived class closes its file there, through a helper
// that takes it by reference.
seastar::future<> maybe_close_file(seastar::file &f) {
  return f ? f.close() : seastar::make_ready_future<>();
}

class class_data {
public:
  virtual ~class_data() = default;
  seastar::future<> stop() { return do_stop(); }
  virtual seastar::future<> do_stop() {
    return seastar::make_ready_future<>();
  }
};

class io_class_data : public class_data {
  seastar::file _file;

public:
  seastar::future<> start() { _file = co_await open_data_file(); }
  seastar::future<> do_stop() override { return maybe_close_file(_file); }
};

// Redpanda src/v/cloud_storage/remote_segment.cc: coroutine style, an
// idempotence guard with a log line, members behind std::optional and
// std::unique_ptr.
class remote_segment {
  ss::gate _gate;
  ss::file _data_file;
  std::unique_ptr<ss::output_stream<char>> _index;
  std::optional<ss::output_stream<char>> _tx;
  bool _stopped{false};

  void log_already_stopped();

public:
  ss::future<> hydrate() {
    auto holder = _gate.hold();
    _data_file = co_await open_data_file();
    _index = std::make_unique<ss::output_stream<char>>(make_output());
    _tx.emplace(make_output());
  }
  ss::future<> stop() {
    if (_stopped) {
      log_already_stopped();
      co_return;
    }
    co_await _gate.close(); // EXIT(_gate)
    if (_data_file) {
      co_await _data_file.close().handle_exception( // EXIT(_data_file)
          [](std::exception_ptr) {});
    }
    if (_index) {
      co_await _index->close(); // EXIT(_index)
      _index.reset();
    }
    if (_tx.has_value())
      co_await _tx->close(); // EXIT(_tx)
    _stopped = true;
  }
};

// Redpanda src/v/cluster/controller.cc: many sharded services, each started
// in start() and stopped with co_await.
struct topic_table {};
struct members_manager {};
struct controller_backend {};

class controller {
  ss::sharded<topic_table> _tp_state;
  ss::sharded<members_manager> _members_manager;
  ss::sharded<controller_backend> _backend;

  ss::future<> shutdown_input() { co_return; }

public:
  ss::future<> start() {
    co_await _tp_state.start();
    co_await _members_manager.start();
    co_await _backend.start();
  }
  ss::future<> stop() {
    co_await shutdown_input();
    co_await _backend.stop();         // EXIT(_backend)
    co_await _members_manager.stop(); // EXIT(_members_manager)
    co_await _tp_state.stop();        // EXIT(_tp_state)
  }
};

// ScyllaDB transport/generic_server.cc: stop() delegates to shutdown(),
// which returns early once the gate is closed.
class generic_server {
  seastar::named_gate _gate;
  seastar::future<> _all_connections_stopped =
      seastar::make_ready_future<>();

public:
  seastar::future<> serve() {
    co_await seastar::with_gate(_gate, [] {
      return seastar::make_ready_future<>();
    });
    (void)seastar::with_gate(_gate, [] {
      return seastar::make_ready_future<>();
    });
  }
  seastar::future<> shutdown() {
    if (_gate.is_closed())
      co_return;
    _all_connections_stopped = _gate.close(); // EXIT(_gate)
  }
  seastar::future<> stop() {
    co_await shutdown();
    co_await std::exchange(_all_connections_stopped,
                           seastar::make_ready_future<>());
  }
};

// ScyllaDB alternator/controller.cc: the protocol-server interface stops in
// stop_server(), in a seastar thread: not an exit method by Seastar's
// convention, but the class exits its services there.
struct executor {};
struct server {};
class alternator_controller {
  seastar::sharded<executor> _executor;
  seastar::sharded<server> _server;

public:
  seastar::future<> start_server() {
    return seastar::async([this] {
      _executor.start().get();
      _server.start().get();
    });
  }
  seastar::future<> stop_server() {
    return seastar::async([this] {
      _server.stop().get();
      _executor.stop().get();
    });
  }
};

// seastar input_stream has no destructor check: an owner may leave it open.
class reader {
  seastar::input_stream<char> _in;
  seastar::gate _gate;

public:
  explicit reader(seastar::connected_socket &s) : _in(s.input()) {}
  seastar::future<> read() {
    auto h = _gate.hold();
    co_return;
  }
  seastar::future<> stop() { co_await _gate.close(); } // EXIT(_gate)
};

// Reference members are someone else's to stop (Redpanda cloud_io/remote.h).
struct client_pool {};
class remote {
  ss::sharded<client_pool> &_pool;
  ss::gate _gate;

public:
  explicit remote(ss::sharded<client_pool> &pool) : _pool(pool) {}
  ss::future<> upload() {
    auto h = _gate.hold();
    co_return;
  }
  ss::future<> stop() { co_await _gate.close(); } // EXIT(_gate)
};

// apps/iotune/iotune.cc: a request issuer holds a copy of the test's file,
// which the test closes; a copy of a shared handle owes nothing.
class write_request_issuer {
  seastar::file _file;

public:
  explicit write_request_issuer(seastar::file f) : _file(f) {}
  seastar::future<size_t> issue_request(uint64_t pos, char *buf,
                                        uint64_t size) {
    return _file.dma_write(pos, buf, size);
  }
};

// Moved in, the file is the class's to close.
class file_holder {
  seastar::file _f;
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: 'file_holder' owns '_f', which must be closed, but has no exit method that closes it [acm-missing-exit-await]

public:
  explicit file_holder(seastar::file f) : _f(std::move(f)) {}
};

// src/websocket/client.cc: each connect() lets the processing loop into the
// gate with try_with_gate, and close() closes it.
class websocket_client {
  seastar::gate _task_gate;
  seastar::future<> process();

public:
  seastar::future<> connect() {
    co_await process();
    (void)seastar::try_with_gate(_task_gate, [this]() -> seastar::future<> {
      co_await process();
    }).handle_exception_type([](const seastar::gate_closed_exception&) {});
  }
  seastar::future<> close() { co_await _task_gate.close(); }
};
