// The Types option narrows what counts as a use after exit: queries are
// harmless after it, every other member call is a use.
// RUN: %check_acm --config="{CheckOptions: {acm.Types: 'net::Socket{exit: aclose; entered; queries: is_open, operator bool}'}}" %s acm-use-after-exit %t

#include "acm-task.h"

namespace net {
struct Socket {
  rt::task<> aclose();
  bool is_open() const;
  explicit operator bool() const;
  void write(int);
  bool operator==(const Socket &) const;
};
Socket dial();
} // namespace net

rt::task<> queries_after_close() {
  net::Socket s = net::dial();
  co_await s.aclose();
  if (s.is_open())
    co_return;
  if (s)
    co_return;
}

rt::task<> write_after_close() {
  net::Socket s = net::dial();
  co_await s.aclose();
  (void)s.is_open();
  s.write(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 's' is used after its exit was awaited [acm-use-after-exit]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: exit awaited here
}

rt::task<> operator_after_close(const net::Socket &other) {
  net::Socket s = net::dial();
  co_await s.aclose();
  if (s == other)
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 's' is used after its exit was awaited [acm-use-after-exit]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: exit awaited here
    co_return;
}
