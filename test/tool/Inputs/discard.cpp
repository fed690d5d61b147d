#include "acm-task.h"

rt::task<> discard() {
  Resource r;
  co_await r.aenter();
  r.aexit();
}
