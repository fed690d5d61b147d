#include "acm-task.h"

rt::task<> clean() {
  Resource r;
  co_await r.aenter();
  co_await r.aexit();
}
