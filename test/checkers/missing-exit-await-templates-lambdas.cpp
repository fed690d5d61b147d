// Coroutine lambdas, member coroutines and templates: each finding once, at
// the pattern's location, however many instantiations there are.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t

#include "acm-task.h"

struct Service {
  rt::task<> member(bool b) {
    Resource r;
    co_await r.aenter();
    if (b)
      co_return;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: exit of 'r' is not awaited before 'co_return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'r' entered here
    co_await r.aexit();
  }
};

void lambdas() {
  auto leaky = []() -> rt::task<> {
    Resource r;
    co_await r.aenter();
  };
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: 'r' entered here
  auto fine = []() -> rt::task<> {
    Resource r;
    co_await r.aenter();
    co_await r.aexit();
  };
  (void)leaky;
  (void)fine;
}

// Reported once, at the template, however many instantiations there are.
template <typename T> rt::task<> generic(T value) {
  Resource r;
  co_await r.aenter();
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'r' entered here
}
template rt::task<> generic<int>(int);
template rt::task<> generic<long>(long);

// The object's type is the template parameter: found in the instantiation
// with a protocol type only.
template <typename M> rt::task<> generic_manager() {
  M m;
  co_await m.aenter();
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: exit of 'm' is not awaited before the end of the coroutine [acm-missing-exit-await]
// CHECK-NOTES: :[[@LINE-3]]:3: note: 'm' entered here
struct EnterOnly {
  rt::task<> aenter();
};
template rt::task<> generic_manager<Resource>();
template rt::task<> generic_manager<EnterOnly>();

// Never instantiated: not analysed.
template <typename T> rt::task<> uninstantiated() {
  Resource r;
  co_await r.aenter();
}

// A generic lambda.
void generic_lambda() {
  auto g = [](auto x) -> rt::task<> {
    Resource r;
    co_await r.aenter();
    co_await r.aexit();
  };
  (void)g(1);
}

// A class template's member coroutine.
template <typename T> struct Box {
  Stream s;
  rt::task<> drain() {
    Stream local = open_stream();
    co_await s.aclose();
  }
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: close of 'local' is not awaited before the end of the coroutine [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:12: note: 'local' created here
};
template struct Box<int>;

// A temporary of the template's parameter type is named as written: one
// finding, not one per instantiation.
template <typename T> rt::task<> entered_temporary_of_parameter_type() {
  co_await T{}.aenter();
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: temporary 'T' is entered but its exit can never be awaited; it is destroyed at the end of the full-expression [acm-missing-exit-await]
}
template rt::task<> entered_temporary_of_parameter_type<Resource>();
template rt::task<> entered_temporary_of_parameter_type<Pool>();

// A discarded exit in a template instantiated with two types.
template <typename M> rt::task<> discarded_in_template(M &m) {
  m.aexit();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'm' is not awaited: the result of 'aexit' is discarded [acm-missing-exit-await]
  // CHECK-FIXES: {{^}}  co_await m.aexit();{{$}}
  co_return;
}
template rt::task<> discarded_in_template<Resource>(Resource &);
template rt::task<> discarded_in_template<Pool>(Pool &);

// A generic coroutine lambda instantiated twice: one finding.
void generic_lambda_twice() {
  auto leak = [](auto manager) -> rt::task<> {
    co_await manager.aenter();
  };
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'manager' is not awaited before the end of the coroutine [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: 'manager' entered here
  (void)leak(Resource{});
  (void)leak(Pool{});
}

// A coroutine lambda in a function template instantiated three times: each
// instantiation has its own lambda class, all at one place.
template <typename T> void spawn_leaky(T) {
  auto job = []() -> rt::task<> {
    Resource r;
    co_await r.aenter();
  };
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is not awaited before the end of the coroutine [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: 'r' entered here
  (void)job();
}
template void spawn_leaky<int>(int);
template void spawn_leaky<long>(long);
template void spawn_leaky<char>(char);

// A generic lambda in a function template: 2 x 2 instantiations.
template <typename T> void spawn_generic(T) {
  auto job = [](auto x) -> rt::task<> {
    Resource r;
    co_await r.aenter();
    co_await r.aexit();
    r.use();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: exit awaited here
  };
  (void)job(1);
  (void)job(2.0);
}
template void spawn_generic<int>(int);
template void spawn_generic<long>(long);

// A class template instantiated implicitly three times, with a member
// template instantiated three times over two of them.
template <typename T> struct Channel {
  rt::task<> drain() {
    Stream local = open_stream();
    local.write(1);
    co_return;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: close of 'local' is not awaited before 'co_return' [acm-missing-exit-await]
    // CHECK-NOTES: :[[@LINE-4]]:12: note: 'local' created here
  }
  template <typename U> rt::task<> twice(U) {
    Resource r;
    co_await r.aenter();
    co_await r.aexit();
    co_await r.aexit();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is awaited again after it was exited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: first exit awaited here
  }
};
void use_channels() {
  (void)Channel<int>{}.drain();
  (void)Channel<long>{}.drain();
  (void)Channel<char>{}.drain();
  (void)Channel<int>{}.twice(1);
  (void)Channel<int>{}.twice(1L);
  (void)Channel<long>{}.twice(1);
}

// Correct templates and lambdas, instantiated several times: silent.
template <typename M> rt::task<> correct_template(int n) {
  M m;
  co_await m.aenter();
  for (int i = 0; i < n; ++i)
    m.use();
  co_await m.aexit();
}
template rt::task<> correct_template<Resource>(int);
struct OtherResource {
  rt::task<> aenter();
  rt::task<> aexit();
  void use();
};
template rt::task<> correct_template<OtherResource>(int);

template <typename T> void correct_lambda_in_template(T) {
  auto job = [](auto v) -> rt::task<> {
    Stream s = open_stream();
    s.write(int(v));
    co_await s.aclose();
  };
  (void)job(1);
  (void)job(2L);
}
template void correct_lambda_in_template<int>(int);
template void correct_lambda_in_template<char>(char);
