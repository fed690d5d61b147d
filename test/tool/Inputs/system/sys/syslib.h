#pragma once
#include "acm-task.h"

inline rt::task<> system_leak(bool fail) {
  Resource r;
  co_await r.aenter();
  if (fail)
    co_return;
  co_await r.aexit();
}
