//===- MissingExitAwaitCheck.h - acm-missing-exit-await -------------------===//

#ifndef ACM_CHECKS_MISSINGEXITAWAITCHECK_H
#define ACM_CHECKS_MISSINGEXITAWAITCHECK_H

#include "Checks/AcmCheck.h"

namespace acm {

/// Finds entered objects whose exit is not awaited on some path, exits whose
/// awaitable is discarded or stored and never awaited, and exit stacks never
/// closed. See docs/checks/missing-exit-await.md.
class MissingExitAwaitCheck : public AcmCheck {
public:
  using AcmCheck::AcmCheck;
};

} // namespace acm

#endif // ACM_CHECKS_MISSINGEXITAWAITCHECK_H
