//===- Findings.h - What the analysis reports, and to whom ----------------===//
//
// The analysis knows nothing of clang-tidy: it describes each bug as a
// Finding and hands it to a FindingSink, as Clang's thread-safety analysis
// reports through its handler. Which check reports which kind is said by
// the check catalog (lib/Checks/CheckCatalog.h); front ends turn findings
// into diagnostics of their own.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_FINDINGS_H
#define ACM_ANALYSIS_FINDINGS_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace acm {

enum class FindingKind {
  /// An entered object dies on some path without its exit awaited.
  MissingExit,
  /// An entered object dies without its exit awaited when a call throws
  /// (reported with CheckExceptionPaths only).
  ExceptionSkipsExit,
  /// An exit op's awaitable is discarded, so the exit is never awaited.
  DiscardedExit,
  /// An exit op's awaitable is stored in a local that dies unawaited.
  UnawaitedStoredExit,
  /// An enter op awaited on a temporary, whose exit can never be awaited.
  EnteredTemporary,
  /// An enter op's awaitable is discarded.
  DiscardedEnter,
  /// An object, or a resource its enter returned, used after its exit.
  UseAfterExit,
  /// An exit awaited on an object already exited.
  DoubleExit,
  /// A single-use (generator-based) manager entered again after its exit.
  SingleUseReentered,
  /// A generator-based manager's co_yield reachable after another.
  MultipleYield,
  /// A generator-based manager's path to the end without co_yield.
  MissingYield,
  /// A co_yield whose asynchronous cleanup an exception would skip.
  UnprotectedYield,
  /// A member that owes its exit is not exited on some path of its class's
  /// owner exit.
  MissingMemberExit,
  /// A class owes a member's exit but has no owner exit, and no method of
  /// it exits the member.
  NoOwnerExit,
};

constexpr unsigned NumFindingKinds = unsigned(FindingKind::NoOwnerExit) + 1;

/// A stable name of \p Kind ("missing-exit"): what baselines and SARIF
/// fingerprints key a finding on, so that rewording a message keeps them.
llvm::StringRef findingKindId(FindingKind Kind);

struct FindingNote {
  clang::SourceLocation Loc;
  std::string Message;
};

/// Text to insert at a location; only offered when the fix is certain.
struct FindingFix {
  clang::SourceLocation InsertLoc;
  std::string Text;
};

struct Finding {
  FindingKind Kind;
  clang::SourceLocation Loc;
  std::string Message;
  /// The object the finding is about, as the message names it ("r",
  /// "*this", "Pool{}"), or "" when there is none (a co_yield).
  std::string Object;
  std::vector<FindingNote> Notes;
  std::optional<FindingFix> Fix;
};

class FindingSink {
public:
  virtual ~FindingSink();
  virtual void report(const Finding &F) = 0;
};

/// Collects findings in a vector.
class FindingList : public FindingSink {
public:
  void report(const Finding &F) override { Findings.push_back(F); }
  std::vector<Finding> Findings;
};

} // namespace acm

#endif // ACM_ANALYSIS_FINDINGS_H
