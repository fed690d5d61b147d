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

llvm::StringRef findingKindId(FindingKind Kind) {
  switch (Kind) {
  case FindingKind::MissingExit:
    return "missing-exit";
  case FindingKind::ExceptionSkipsExit:
    return "exception-skips-exit";
  case FindingKind::DiscardedExit:
    return "discarded-exit";
  case FindingKind::UnawaitedStoredExit:
    return "unawaited-stored-exit";
  case FindingKind::EnteredTemporary:
    return "entered-temporary";
  case FindingKind::DiscardedEnter:
    return "discarded-enter";
  case FindingKind::UseAfterExit:
    return "use-after-exit";
  case FindingKind::DoubleExit:
    return "double-exit";
  case FindingKind::SingleUseReentered:
    return "single-use-reentered";
  case FindingKind::MultipleYield:
    return "multiple-yield";
  case FindingKind::MissingYield:
    return "missing-yield";
  case FindingKind::UnprotectedYield:
    return "unprotected-yield";
  }
  return "unknown";
}

} // namespace acm
