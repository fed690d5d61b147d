#pragma once
#include "acm-task.h"

// Two translation units include this header and its finding.
inline rt::task<> shared_leak(bool fail) {
  Resource r;
  co_await r.aenter();
  if (fail)
    co_return;
  co_await r.aexit();
}
