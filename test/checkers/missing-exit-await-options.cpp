// Types and helpers named in the options.
// RUN: %check_acm %s acm-missing-exit-await %t --config="{CheckOptions: {acm.EnterOps: 'db::Conn::open', acm.ExitOps: 'db::Conn::close', acm.ExitHelpers: 'db::close_later'}}"

#include "acm-task.h"

namespace db {
struct Conn {
  rt::task<> open();
  rt::task<> close();
};
void close_later(Conn &);
} // namespace db

rt::task<> configured(bool b) {
  db::Conn c;
  co_await c.open();
  if (b)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: exit of 'c' is not awaited before 'co_return' [acm-missing-exit-await]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'c' entered here
  co_await c.close();
}

rt::task<> helper_takes_exit() {
  db::Conn c;
  co_await c.open();
  db::close_later(c);
}
