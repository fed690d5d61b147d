//===- UnawaitedEnterCheck.h - acm-unawaited-enter ------------------------===//

#ifndef ACM_CHECKS_UNAWAITEDENTERCHECK_H
#define ACM_CHECKS_UNAWAITEDENTERCHECK_H

#include "Checks/AcmCheck.h"

namespace acm {

/// An enter op called with its awaitable discarded. See
/// docs/checks/unawaited-enter.md.
class UnawaitedEnterCheck : public AcmCheck {
public:
  using AcmCheck::AcmCheck;
};

} // namespace acm

#endif // ACM_CHECKS_UNAWAITEDENTERCHECK_H
