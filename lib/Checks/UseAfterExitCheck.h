//===- UseAfterExitCheck.h - acm-use-after-exit ---------------------------===//

#ifndef ACM_CHECKS_USEAFTEREXITCHECK_H
#define ACM_CHECKS_USEAFTEREXITCHECK_H

#include "Checks/AcmCheck.h"

namespace acm {

/// Finds uses of an object, or of the resource its enter returned, after its
/// exit was awaited; exits awaited twice; and single-use managers entered
/// again. See docs/checks/use-after-exit.md.
class UseAfterExitCheck : public AcmCheck {
public:
  using AcmCheck::AcmCheck;
};

} // namespace acm

#endif // ACM_CHECKS_USEAFTEREXITCHECK_H
