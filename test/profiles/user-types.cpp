// The user's own types, described like the built-in profiles, through
// --config and through a .clang-tidy file.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit,acm-unawaited-enter %t --config="{CheckOptions: {acm.Types: 'mylib::TaskGroup{enter: spawn, run; exit: join; once; done-when-awaited: run; queries: size} mylib::Socket{exit: shutdown; entered; default-empty; uses: send}'}}"
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: printf 'CheckOptions:\n  acm.Types: >-\n    mylib::TaskGroup{enter: spawn, run; exit: join; once;\n      done-when-awaited: run; queries: size}\n    mylib::Socket{exit: shutdown; entered; default-empty; uses: send}\n' > %t.dir/.clang-tidy
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit,acm-unawaited-enter %t.dir/file

#include "acm-task.h"

namespace mylib {
struct TaskGroup {
  void spawn(rt::task<>);
  rt::task<> run(rt::task<>);
  rt::task<> join();
  int size() const;
  void reset();
};
struct Socket {
  Socket();
  explicit Socket(int fd);
  rt::task<> shutdown();
  void send(int);
  int fd() const;
};
} // namespace mylib

rt::task<> group_not_joined() {
  mylib::TaskGroup group;
  group.spawn(rt::task<>());
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'group' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'group' entered here
}

rt::task<> group_used_after_join() {
  mylib::TaskGroup group;
  group.spawn(rt::task<>());
  co_await group.join();
  (void)group.size();
  group.reset();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'group' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: exit awaited here
}

rt::task<> run_not_awaited() {
  mylib::TaskGroup group;
  group.run(rt::task<>());
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: enter of 'group' is not awaited: the result of 'run' is discarded [acm-unawaited-enter]
  // CHECK-FIXES: {{^}}  co_await group.run(rt::task<>());{{$}}
  co_await group.join();
}

rt::task<> socket_used_after_shutdown() {
  mylib::Socket s(3);
  co_await s.shutdown();
  (void)s.fd();
  s.send(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 's' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: exit awaited here
}

rt::task<> socket_not_shut_down() {
  mylib::Socket s(3);
  s.send(1);
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 's' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:17: note: 's' created here
}

rt::task<> correct() {
  mylib::TaskGroup group;
  group.spawn(rt::task<>());
  co_await group.join();
  mylib::Socket s(3);
  s.send(1);
  co_await s.shutdown();
}

// Awaiting run() finishes its work: nothing is left to join.
rt::task<> run_awaited() {
  mylib::TaskGroup group;
  co_await group.run(rt::task<>());
}

// A default-constructed socket holds nothing until assigned.
rt::task<> socket_placeholder() {
  mylib::Socket s;
  co_return;
}
