#include "shared.h"

namespace app {
rt::task<> leak(bool fail) {
  Resource r;
  co_await r.aenter();
  if (fail)
    co_return;
  co_await r.aexit();
}
} // namespace app
