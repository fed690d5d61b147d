//===- ExitAnalysis.h - The enter/exit protocol of a coroutine body -------===//
//
// Follows every protocol object a coroutine body owns (locals, by-value
// parameters, locals holding an exit's awaitable, resources from enters)
// through the states not-entered, entered, exited, and reports what goes
// wrong. The pipeline: ObjectFinder -> BodyContexts -> EffectCollector (the
// AST, read once, into plain data) -> ExitFlow over the CFG (solved by the
// flow driver, then replayed) -> ExitReporter (all wording).
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_EXITANALYSIS_H
#define ACM_ANALYSIS_EXIT_EXITANALYSIS_H

#include "Analysis/Exit/Effects.h"
#include "Analysis/Exit/ObjectFinder.h"
#include "Analysis/Findings.h"

namespace clang {
class ASTContext;
class CFG;
class FunctionDecl;
class PostOrderCFGView;
class Stmt;
} // namespace clang

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace acm {

class BranchFacts;
class ProtocolModel;

/// What the AST passes found in one coroutine body.
struct ExitFacts {
  FoundObjects Found;
  EffectTable Effects;

  bool hasErrors() const { return Found.HasErrors; }
  bool hasObjects() const { return !Found.Objects.empty(); }
};

/// Reads the written body \p Body of \p Function: its tracked objects and
/// what each statement does to them. Stops after the first pass if the body
/// has compile errors.
ExitFacts collectExitFacts(const clang::FunctionDecl &Function,
                           const clang::Stmt *Body, const ProtocolModel &Model);

/// Reports the findings that need no flow, in the order the body has them.
void reportImmediateFindings(const ExitFacts &Facts, clang::ASTContext &Ctx,
                             FindingSink &Sink);

/// Runs the flow over \p Graph and reports every finding, with those that
/// need no flow, in source order. \p Debug, when set, receives the flow's
/// final states.
void runExitAnalysis(const ExitFacts &Facts, const clang::CFG &Graph,
                     clang::PostOrderCFGView &Order,
                     const clang::Stmt *WrittenBody,
                     const BranchFacts &Conditions, bool ExceptionPaths,
                     clang::ASTContext &Ctx, FindingSink &Sink,
                     llvm::raw_ostream *Debug);

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_EXITANALYSIS_H
