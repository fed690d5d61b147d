// Classes that own protocol objects and get their exits right, or owe
// nothing: all silent.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t

#include "acm-task.h"
#include <memory>
#include <optional>
#include <utility>

bool failed();
template <typename F> rt::task<> after(rt::task<> first, F then);

// Every path of the owner exit exits every member.
class Session {
  Stream out_;
  Resource lock_;

public:
  Session() : out_(open_stream()) {}
  rt::task<> start() { co_await lock_.aenter(); }
  rt::task<> aclose() {
    if (failed()) {
      co_await lock_.aexit();
      co_await out_.aclose();
      co_return;
    }
    co_await out_.aclose();
    co_await lock_.aexit();
  }
};

// Exits through helper methods of the same class, several levels deep,
// and a helper that calls itself.
class Layered {
  Stream a_, b_;

  rt::task<> close_b() { co_await b_.aclose(); }
  rt::task<> close_all() {
    co_await a_.aclose();
    co_await close_b();
  }
  rt::task<> spin(int n) {
    if (n > 0)
      co_await spin(n - 1);
  }

public:
  Layered() : a_(open_stream()), b_(open_stream()) {}
  rt::task<> aclose() {
    co_await spin(3);
    co_await close_all();
  }
};

// A helper whose body is not visible may exit anything.
class Opaque {
  Stream s_;
  rt::task<> shutdown_elsewhere();

public:
  Opaque() : s_(open_stream()) {}
  rt::task<> aclose() { co_await shutdown_elsewhere(); }
};

// An owner exit whose body is in another file is not checked here.
class Remote {
  Stream s_;

public:
  Remote() : s_(open_stream()) {}
  rt::task<> aclose();
};

// Members that owe nothing: a manager never entered, and an exit stack
// nothing is pushed onto.
class Idle {
  Resource r_;
  ExitStack stack_;

public:
  rt::task<> aclose() { co_return; }
};
class IdleWithoutExit {
  Resource r_;

public:
  int size() const { return 0; }
};

// Members held through std::unique_ptr and std::optional: made by another
// method, exited under a test that they hold something.
class Lazy {
  std::unique_ptr<Stream> p_;
  std::optional<Stream> o_;

public:
  void open() {
    p_ = std::make_unique<Stream>(open_stream());
    o_.emplace(open_stream());
  }
  rt::task<> aclose() {
    if (p_)
      co_await p_->aclose();
    if (o_.has_value()) {
      co_await o_->aclose();
      o_.reset();
    }
  }
};

// Reference and pointer members are borrowed.
class Borrower {
  Stream &out_;
  Resource *lock_;

public:
  Borrower(Stream &out, Resource *lock) : out_(out), lock_(lock) {}
  rt::task<> aclose() { co_return; }
};

// The base closes its own member; the derived class has none to close.
class Channel {
  Stream wire_;

public:
  Channel() : wire_(open_stream()) {}
  virtual rt::task<> aclose() { co_await wire_.aclose(); }
};
class NamedChannel : public Channel {
  int name_ = 0;

public:
  rt::task<> aclose() override { co_await Channel::aclose(); }
};

// Closing twice is guarded: the second call returns before touching
// anything.
class Idempotent {
  Stream s_;
  bool closed_ = false;

public:
  Idempotent() : s_(open_stream()) {}
  rt::task<> aclose() {
    if (closed_)
      co_return;
    closed_ = true;
    co_await s_.aclose();
  }
};

// A struct's public members are whoever holds it to close.
struct Streams {
  Stream in, out;
};

// A member another method hands off, or exits itself, is not the owner
// exit's.
class Handoff {
  Resource r_;
  Stream s_;

public:
  Handoff() : s_(open_stream()) {}
  rt::task<> start() { co_await r_.aenter(); }
  void give_away() { keep(std::move(r_)); }
  rt::task<> run() {
    s_.write(1);
    co_await s_.aclose();
  }
  rt::task<> aclose() { co_return; }
};

// Exits returned, combined or left to a continuation: the caller awaits
// them.
class Returns {
  Stream a_, b_, c_;

public:
  Returns() : a_(open_stream()), b_(open_stream()), c_(open_stream()) {}
  rt::task<> aclose() {
    return after(rt::when_all(a_.aclose(), b_.aclose()),
                 [this] { return c_.aclose(); });
  }
};

// An exit kept in a local and awaited later.
class Deferred {
  Stream s_;

public:
  Deferred() : s_(open_stream()) {}
  rt::task<> aclose() {
    auto closing = s_.aclose();
    co_await closing;
  }
};

// A class template's instantiations, exited on every path.
template <typename T> class Box {
  Stream s_;
  T value_{};

public:
  Box() : s_(open_stream()) {}
  rt::task<> aclose() { co_await s_.aclose(); }
};

rt::task<> use_boxes() {
  Box<int> a;
  Box<char> b;
  co_await a.aclose();
  co_await b.aclose();
}
