//===- Findings.cpp -------------------------------------------------------===//

#include "Analysis/Findings.h"

namespace acm {

FindingSink::~FindingSink() = default;

llvm::StringRef checkNameFor(FindingKind Kind) {
  switch (Kind) {
  case FindingKind::MissingExit:
  case FindingKind::ExceptionSkipsExit:
  case FindingKind::DiscardedExit:
  case FindingKind::UnawaitedStoredExit:
  case FindingKind::EnteredTemporary:
    return "acm-missing-exit-await";
  case FindingKind::DiscardedEnter:
    return "acm-unawaited-enter";
  case FindingKind::UseAfterExit:
  case FindingKind::DoubleExit:
  case FindingKind::SingleUseReentered:
    return "acm-use-after-exit";
  case FindingKind::MultipleYield:
    return "acm-generator-multiple-yield";
  case FindingKind::MissingYield:
    return "acm-generator-missing-yield";
  case FindingKind::UnprotectedYield:
    return "acm-generator-unprotected-yield";
  }
  return "acm-missing-exit-await";
}

} // namespace acm
