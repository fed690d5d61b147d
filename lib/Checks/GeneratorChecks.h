//===- GeneratorChecks.h - The acm-generator-* checks ---------------------===//

#ifndef ACM_CHECKS_GENERATORCHECKS_H
#define ACM_CHECKS_GENERATORCHECKS_H

#include "Checks/AcmCheck.h"

namespace acm {

/// A generator-based manager whose body can co_yield more than once on one
/// path. See docs/checks/generator-multiple-yield.md.
class GeneratorMultipleYieldCheck : public AcmCheck {
public:
  using AcmCheck::AcmCheck;
};

/// A generator-based manager with a path that finishes without co_yield.
/// See docs/checks/generator-missing-yield.md.
class GeneratorMissingYieldCheck : public AcmCheck {
public:
  using AcmCheck::AcmCheck;
};

/// A co_yield whose asynchronous cleanup an exception would skip.
/// See docs/checks/generator-unprotected-yield.md.
class GeneratorUnprotectedYieldCheck : public AcmCheck {
public:
  using AcmCheck::AcmCheck;
};

} // namespace acm

#endif // ACM_CHECKS_GENERATORCHECKS_H
