#include "acm-task.h"

rt::task<> leak(bool early) {
  Resource r;
  co_await r.aenter();
  if (early)
    co_return;
  co_await r.aexit();
}
