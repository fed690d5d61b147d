#include "acm-task.h"

rt::task<> broken() {
  Resource r
  co_await r.aenter();
}
