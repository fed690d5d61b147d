// RUN: %check_acm %s acm-use-after-exit %t -- -I%acm_include

#include "acm-task.h"
#include <acm/annotations.h>

void inspect(const Resource &);
void take_copy(Resource);

rt::task<> member_call_after_exit() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
  r.use();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

rt::task<> passed_after_exit() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
  inspect(r);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

rt::task<> copied_after_exit() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
  take_copy(r);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

rt::task<> operator_after_exit(const Resource &other) {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
  if (r == other)
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
    co_return;
}

rt::task<> closeable_written_after_close() {
  Stream s = open_stream();
  co_await s.aclose();
  s.write(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 's' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

// Only one path exits, and it reaches the use.
rt::task<> one_path(bool b) {
  Resource r;
  co_await r.aenter();
  if (b)
    co_await r.aexit();
  r.use();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: exit awaited here
}

// One finding per exit: the first use is reported, not every one.
rt::task<> many_uses() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
  r.use();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
  r.use();
  (void)r.value();
}

// The resource an enter returned.
rt::task<> resource_reference() {
  Pool pool;
  Connection &conn = co_await pool.aenter();
  conn.send(1);
  co_await pool.aexit();
  conn.send(2);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'conn' is used after the exit of 'pool' was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

rt::task<> resource_pointer() {
  Pool pool;
  Connection *conn = &co_await pool.aenter();
  co_await pool.aexit();
  conn->send(2);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'conn' is used after the exit of 'pool' was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

rt::task<> resource_value() {
  Pool pool;
  Connection conn = co_await pool.aenter();
  co_await pool.aexit();
  conn.send(2);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'conn' is used after the exit of 'pool' was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

// A reference or pointer into the manager, even to a number, is a resource;
// a copy of the number is not.
struct Counter {
  rt::value_task<int &> aenter();
  rt::task<> aexit();
};
rt::task<> reference_to_number() {
  Counter c;
  int &count = co_await c.aenter();
  int *also = &co_await c.aenter();
  int copy = co_await c.aenter();
  co_await c.aexit();
  count = copy;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'count' is used after the exit of 'c' was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
  *also = copy;
  // CHECK-NOTES: :[[@LINE-1]]:4: warning: 'also' is used after the exit of 'c' was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-6]]:3: note: exit awaited here
}

// A resource that is itself a protocol object: its own exit ends it too,
// and an op on it after its owner's exit is a use, reported once.
struct PooledConn {
  rt::task<> aclose();
  void send(int);
};
struct ConnPool {
  rt::value_task<PooledConn &> aenter();
  rt::task<> aexit();
};
rt::task<> resource_used_after_its_own_close() {
  ConnPool pool;
  PooledConn &c = co_await pool.aenter();
  co_await c.aclose();
  c.send(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'c' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
  co_await pool.aexit();
}
rt::task<> resource_closed_after_its_owner_exit() {
  ConnPool pool;
  PooledConn &c = co_await pool.aenter();
  co_await pool.aexit();
  co_await c.aclose();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'c' is used after the exit of 'pool' was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}
rt::task<> resource_closed_twice() {
  ConnPool pool;
  PooledConn &c = co_await pool.aenter();
  co_await c.aclose();
  co_await c.aclose();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'c' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first exit awaited here
  co_await pool.aexit();
}

// A resource from an exit stack lives until the stack is closed.
rt::task<> stack_resource() {
  ExitStack stack;
  Resource managed;
  Resource &entered = co_await stack.enter_async_context(managed);
  entered.use();
  co_await stack.aclose();
  entered.use();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'entered' is used after the exit of 'stack' was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

// Double exit, also when only one path exits twice.
rt::task<> double_exit() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
  co_await r.aexit();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first exit awaited here
}

rt::task<> double_exit_one_path(bool b) {
  Resource r;
  co_await r.aenter();
  if (b)
    co_await r.aexit();
  co_await r.aexit();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: first exit awaited here
}

// The exit inside the loop: the next iteration uses and exits it again.
rt::task<> loop(int n) {
  Resource r;
  co_await r.aenter();
  for (int i = 0; i < n; ++i) {
    r.use();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE+2]]:5: note: exit awaited here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: the use happens in a later loop iteration than the exit
    co_await r.aexit();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is awaited again after it was exited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: first exit awaited here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: the second exit happens in a later loop iteration than the first
  }
}

// A generator-based (single-use) manager entered a second time.
struct ACM_GENERATOR_MANAGER Once {
  rt::task<> aenter();
  rt::task<> aexit();
};
rt::task<> single_use() {
  Once once;
  co_await once.aenter();
  co_await once.aexit();
  co_await once.aenter();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'once' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}
// The failed re-entry leaves it exited: a second exit is a double exit.
rt::task<> single_use_exited_again() {
  Once once;
  co_await once.aenter();
  co_await once.aexit();
  co_await once.aenter();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'once' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
  co_await once.aexit();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'once' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-6]]:3: note: first exit awaited here
}

// A manager made by a generator-based manager coroutine is single-use too.
rt::async_cm<int> lease() { co_yield 1; }
rt::task<> single_use_from_generator() {
  auto cm = lease();
  co_await cm.aenter();
  co_await cm.aexit();
  co_await cm.aenter();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'cm' is a single-use manager and is entered again after its exit [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

// A stored exit awaited twice is one double exit, not also a use of the
// local that holds it.
rt::task<> stored_exit_awaited_twice() {
  Resource r;
  co_await r.aenter();
  auto pending = r.aexit();
  co_await pending;
  co_await pending;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'r' is awaited again after it was exited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first exit awaited here
}

// Entering the manager again does not bring back what the first enter
// handed out.
rt::task<> resource_after_reenter() {
  Pool pool;
  Connection &first = co_await pool.aenter();
  co_await pool.aexit();
  co_await pool.aenter();
  first.send(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'first' is used after the exit of 'pool' was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: exit awaited here
  co_await pool.aexit();
}

// Assigning through a reference to the resource writes to it.
rt::task<> resource_reference_assigned() {
  Pool pool;
  Connection &conn = co_await pool.aenter();
  co_await pool.aexit();
  conn = Connection{};
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'conn' is used after the exit of 'pool' was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

// The use is textually after the exit but only reached in a later
// iteration.
rt::task<> other_branch_in_loop(int n) {
  Resource r;
  co_await r.aenter();
  for (int i = 0; i < n; ++i) {
    if (i == 1)
      co_await r.aexit();
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: exit of 'r' is awaited again after it was exited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-2]]:7: note: first exit awaited here
    // CHECK-NOTES: :[[@LINE-3]]:7: note: the second exit happens in a later loop iteration than the first
    else
      r.use();
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-7]]:7: note: exit awaited here
    // CHECK-NOTES: :[[@LINE-3]]:7: note: the use happens in a later loop iteration than the exit
  }
  // One double exit is reported per first exit: the one in the loop.
  co_await r.aexit();
}

// After the loop, a use follows the exit in the same run, not in a later
// iteration.
rt::task<> after_the_loop() {
  Resource r;
  co_await r.aenter();
  while (ready()) {
    co_await r.aexit();
    co_await r.aenter();
  }
  co_await r.aexit();
  r.use();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

rt::task<> exit_in_inner_loop(int n) {
  Resource r;
  co_await r.aenter();
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j)
      if (j == i)
        co_await r.aexit();
    // CHECK-NOTES: :[[@LINE-1]]:9: warning: exit of 'r' is awaited again after it was exited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-2]]:9: note: first exit awaited here
    // CHECK-NOTES: :[[@LINE-3]]:9: note: the second exit happens in a later loop iteration than the first
    r.use();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-6]]:9: note: exit awaited here
  }
}

// Reported once, at the template, for each of its instantiations.
struct OtherResource {
  rt::task<> aenter();
  rt::task<> aexit();
  void use();
};
template <typename M> rt::task<> use_in_template() {
  M m;
  co_await m.aenter();
  co_await m.aexit();
  m.use();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'm' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}
template rt::task<> use_in_template<Resource>();
template rt::task<> use_in_template<OtherResource>();

// A single-use manager entered in every iteration. The second enter fails,
// so the second exit is one of an exited object.
rt::task<> single_use_in_loop(int n) {
  Once once;
  for (int i = 0; i < n; ++i) {
    co_await once.aenter();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'once' is a single-use manager and is entered again after its exit [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE+5]]:5: note: exit awaited here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: the enter happens in a later loop iteration than the exit
    // CHECK-NOTES: :[[@LINE+3]]:5: warning: exit of 'once' is awaited again after it was exited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE+2]]:5: note: first exit awaited here
    // CHECK-NOTES: :[[@LINE+1]]:5: note: the second exit happens in a later loop iteration than the first
    co_await once.aexit();
  }
}

// Paths that exited at different places merge: each exit is reported on its
// own, so the report of the first does not hide the second.
bool opaque();
rt::task<> merged_exits() {
  Resource r;
  co_await r.aenter();
  if (opaque()) {
    co_await r.aexit();
    r.use();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: exit awaited here
  } else {
    co_await r.aexit();
  }
  r.use();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'r' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-4]]:5: note: exit awaited here
}

// When the first loop runs zero times, the exit in the second loop is the
// first, and its next iteration exits again.
rt::task<> first_exit_in_a_later_loop() {
  Resource r;
  co_await r.aenter();
  while (opaque()) {
    co_await r.aexit();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'r' is awaited again after it was exited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: first exit awaited here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: the second exit happens in a later loop iteration than the first
  }
  if (opaque()) {
    while (opaque()) {
      co_await r.aexit();
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: exit of 'r' is awaited again after it was exited [acm-use-after-exit]
      // CHECK-NOTES: :[[@LINE-2]]:7: note: first exit awaited here
      // CHECK-NOTES: :[[@LINE-3]]:7: note: the second exit happens in a later loop iteration than the first
      continue;
    }
    co_await r.aenter();
  }
  co_await r.aexit();
}
