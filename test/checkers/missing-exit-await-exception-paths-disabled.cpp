// Without exceptions (-fno-exceptions) nothing throws: CheckExceptionPaths
// finds nothing more.
// RUN: %check_acm %s acm-missing-exit-await %t --config="{CheckOptions: {acm.CheckExceptionPaths: true}}" -- -fno-exceptions

#include "acm-task.h"

void may_throw();

rt::task<> no_exceptions() {
  Resource r;
  co_await r.aenter();
  may_throw();
  co_await r.aexit();
}
