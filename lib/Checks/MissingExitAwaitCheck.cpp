//===- MissingExitAwaitCheck.cpp ------------------------------------------===//
//
// The check is the shared analysis filtered to its findings; it has no logic
// of its own beyond its name.
//
//===----------------------------------------------------------------------===//

#include "Checks/MissingExitAwaitCheck.h"
