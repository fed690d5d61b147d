#include "acm-task.h"

rt::task<> broken() { co_await undeclared(); }
