// Classes that own protocol objects as members: the owner exit must exit
// every member that owes one, on every path, and not use it after.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t

#include "acm-task.h"

bool failed();
rt::task<> later();

// A closeable class: its own aclose() is its owner exit. The stream is born
// open; the resource is entered by another method.
class Connection2 {
  Stream out_;
  Resource session_;
  bool broken_ = false;

public:
  Connection2() : out_(open_stream()) {}
  rt::task<> start() { co_await session_.aenter(); }
  rt::task<> aclose() {
    co_await out_.aclose();
    if (broken_)
      co_return;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: exit of member 'session_' is not awaited before 'co_return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-11]]:12: note: 'session_' is a member of 'Connection2', declared here
    // CHECK-NOTES: :[[@LINE-7]]:24: note: 'session_' entered here, in 'start'
    co_await session_.aexit();
  }
};

// Falling off the end of the owner exit with a member open.
class Pipeline {
  Stream in_, out_;

public:
  Pipeline() : in_(open_stream()), out_(open_stream()) {}
  rt::task<> aclose() { co_await in_.aclose(); }
  // CHECK-NOTES: :[[@LINE-1]]:48: warning: close of member 'out_' is not awaited before the end of the coroutine [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-6]]:15: note: 'out_' is a member of 'Pipeline', declared here
};

// A member used, and exited again, after its exit.
class Journal {
  Stream log_;

public:
  Journal() : log_(open_stream()) {}
  rt::task<> aclose() {
    co_await log_.aclose();
    log_.write(1);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'log_' is used after its exit was awaited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: exit awaited here
    co_await log_.aclose();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'log_' is awaited again after it was exited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-6]]:5: note: first exit awaited here
  }
};

// A helper of the class that uses a member, called after its exit.
class Recorder {
  Stream log_;

  rt::task<> flush_log() {
    log_.write(0);
    co_return;
  }

public:
  Recorder() : log_(open_stream()) {}
  rt::task<> aclose() {
    co_await log_.aclose();
    co_await flush_log();
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'log_' is used after its exit was awaited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: exit awaited here
  }
};

// A manager class: aenter() enters the member, aexit() must exit it.
class Transaction {
  Resource lock_;

public:
  rt::task<> aenter() { co_await lock_.aenter(); }
  rt::task<> aexit(std::exception_ptr error = nullptr) {
    if (error)
      co_return;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: exit of member 'lock_' is not awaited before 'co_return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-8]]:12: note: 'lock_' is a member of 'Transaction', declared here
    // CHECK-NOTES: :[[@LINE-6]]:25: note: 'lock_' entered here, in 'aenter'
    co_await lock_.aexit();
  }
};

// A class that enters a member and has no exit method at all.
class Worker {
  Resource jobs_;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'Worker' enters 'jobs_' in 'run' but has no exit method that exits it [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE+3]]:22: note: 'jobs_' entered here, in 'run'

public:
  rt::task<> run() { co_await jobs_.aenter(); }
};

// A class that holds a born-open member and has no exit method.
class Sink {
  Stream out_;
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'Sink' owns 'out_', which must be closed, but has no exit method that closes it [acm-missing-exit-await]

public:
  Sink() : out_(open_stream()) {}
  void write(int x) { out_.write(x); }
};

// An owner exit that is not a coroutine returns the exit it does not await:
// the caller awaits it. One called with its result discarded is reported.
class Relay {
  Stream a_, b_;

public:
  Relay() : a_(open_stream()), b_(open_stream()) {}
  rt::task<> aclose() {
    a_.aclose();
    // CHECK-NOTES: :[[@LINE-1]]:8: warning: exit of 'a_' is not awaited: the result of 'aclose' is discarded [acm-missing-exit-await]
    return b_.aclose();
  }
};

// The exit of a class template's member, reported once for all
// instantiations.
template <typename T> class Holder {
  Stream s_;
  T value_{};

public:
  Holder() : s_(open_stream()) {}
  rt::task<> aclose() {
    if (failed())
      co_return;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: close of member 's_' is not awaited before 'co_return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-9]]:10: note: 's_' is a member of 'Holder', declared here
    co_await s_.aclose();
  }
};

rt::task<> use_holders() {
  Holder<int> a;
  Holder<long> b;
  co_await a.aclose();
  co_await b.aclose();
}

// A member exited in the derived class's exit, after the base's own.
class Base {
protected:
  Stream base_;

public:
  Base() : base_(open_stream()) {}
  virtual rt::task<> aclose() { co_await base_.aclose(); }
};

class Derived : public Base {
  Stream own_;

public:
  Derived() : own_(open_stream()) {}
  rt::task<> aclose() override {
    co_await Base::aclose();
    if (failed())
      co_return;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: close of member 'own_' is not awaited before 'co_return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-9]]:10: note: 'own_' is a member of 'Derived', declared here
    co_await own_.aclose();
  }
};
