// The user's own types, described like the built-in profiles.
// RUN: %check_acm %s acm-missing-exit-await,acm-use-after-exit %t --config="{CheckOptions: {acm.Types: 'mylib::TaskGroup{enter: spawn; exit: join; once} mylib::Socket{exit: shutdown; entered}'}}"

#include "acm-task.h"

namespace mylib {
struct TaskGroup {
  void spawn(rt::task<>);
  rt::task<> join();
};
struct Socket {
  rt::task<> shutdown();
  void send(int);
};
} // namespace mylib

rt::task<> group_not_joined() {
  mylib::TaskGroup group;
  group.spawn(rt::task<>());
  co_return;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: exit of 'group' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'group' entered here
}

rt::task<> socket_used_after_shutdown() {
  mylib::Socket s;
  co_await s.shutdown();
  s.send(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 's' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
}

rt::task<> correct() {
  mylib::TaskGroup group;
  group.spawn(rt::task<>());
  co_await group.join();
  mylib::Socket s;
  s.send(1);
  co_await s.shutdown();
}
