//===- ExitReporter.h - Every message of the exit protocol ----------------===//
//
// Turns what the exit flow and the AST passes found into findings: the
// wording, the notes, the fix-its, the object's name as data, and the
// deduplication of what paths kept apart report more than once. Nothing
// else in the exit analysis writes a word a user reads.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_EXITREPORTER_H
#define ACM_ANALYSIS_EXIT_EXITREPORTER_H

#include "Analysis/Exit/ExitFlow.h"
#include "Analysis/Findings.h"
#include "llvm/ADT/ArrayRef.h"
#include <map>
#include <tuple>

namespace clang {
class ASTContext;
class CXXRecordDecl;
} // namespace clang

namespace acm {

class ObjectTable;
struct ImmediateFinding;
struct TrackedObject;

class ExitReporter : public ExitDiagnoser {
public:
  /// With \p OnlyMembers (an owner exit), findings about the body's own
  /// objects are left to the coroutine's analysis.
  ExitReporter(const ObjectTable &Objects, clang::ASTContext &Ctx,
               bool OnlyMembers = false);

  void afterExit(FindingKind Kind, const Effect &E,
                 const OpSite &Exit) override;
  void unexited(unsigned Obj, const OpSite &Enter, const DeathPoint &Death,
                bool ByException) override;

  /// Words the findings that need no flow.
  static std::vector<Finding>
  immediateFindings(llvm::ArrayRef<ImmediateFinding> Immediate,
                    clang::ASTContext &Ctx);

  /// Reports to \p Sink, in source order, each finding once, with the
  /// findings that need no flow.
  void finish(llvm::ArrayRef<ImmediateFinding> Immediate, FindingSink &Sink);

  /// \p Member of \p Class owes its exit, and the class has no owner exit
  /// nor any method that exits it.
  static Finding noOwnerExit(const TrackedObject &Member,
                             const clang::CXXRecordDecl &Class);

private:
  void add(Finding F, unsigned Obj, clang::SourceLocation Key);

  const ObjectTable &Objects;
  clang::ASTContext &Ctx;
  bool OnlyMembers;
  /// One finding per (kind, object, enter or exit site): the earliest is
  /// kept.
  std::map<std::tuple<int, unsigned, unsigned>, Finding> Findings;
};

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_EXITREPORTER_H
