//===- Findings.cpp -------------------------------------------------------===//

#include "Analysis/Findings.h"

namespace acm {

FindingSink::~FindingSink() = default;

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
  case FindingKind::MissingMemberExit:
    return "missing-member-exit";
  case FindingKind::NoOwnerExit:
    return "no-owner-exit";
  }
  return "unknown";
}

} // namespace acm
