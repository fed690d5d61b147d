#include "acm-task.h"

rt::task<> leaks() {
  Resource r;
  co_await r.aenter();
}

int divides(bool b) {
  int zero = 0;
  return b ? 1 / zero : 0;
}
