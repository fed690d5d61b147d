//===- ExitAnalysis.h - The enter/exit protocol of a coroutine body -------===//
//
// Follows every protocol object a coroutine body owns (locals, by-value
// parameters, locals holding an exit's awaitable, resources from enters)
// through the states not-entered, entered, exited, and reports what goes
// wrong. The pipeline: BodyContexts, finding the objects (ObjectFinder) as
// it walks -> EffectCollector (the nodes that walk recorded, read again
// into plain data) -> ExitFlow over the CFG (solved by the flow driver,
// then replayed) -> ExitReporter (all wording).
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_EXITANALYSIS_H
#define ACM_ANALYSIS_EXIT_EXITANALYSIS_H

#include "Analysis/Exit/Effects.h"
#include "Analysis/Exit/ObjectFinder.h"
#include "Analysis/Findings.h"
#include "Analysis/Support/FlowGraph.h"

namespace clang {
class ASTContext;
class CFG;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace acm {

class BlockOrder;
class BranchFacts;
class BranchScan;
class MemberContext;
class MemberGuards;
class ProtocolModel;

/// What the AST passes found in one body.
struct ExitFacts {
  FoundObjects Found;
  EffectTable Effects;

  /// True if the branch scan given has read the whole body.
  bool ScannedBranches = false;

  /// The body was not read to its end (FoundObjects::stopped).
  bool stopped() const { return Found.stopped(); }
  bool hasObjects() const { return !Found.Objects.empty(); }
};

/// Reads the written body \p Body of \p Function: its tracked objects and
/// what each statement does to them, in one walk of the body and a second
/// reading of the statements it recorded. Stops in the walk if the body has
/// compile errors. With \p Members, the class's members are tracked too
/// (they get the first numbers). Given \p Scan, the walk takes the first
/// step of the branch scan, and the body is scanned to the end if it has
/// objects to follow (see ScannedBranches): their flow needs the branch
/// facts, and in most bodies the first step is all it takes.
ExitFacts collectExitFacts(const clang::FunctionDecl &Function,
                           const clang::Stmt *Body, const ProtocolModel &Model,
                           const MemberContext *Members = nullptr,
                           BranchScan *Scan = nullptr);

/// Adds to \p Kept the statements the exit flow reads from the graph: those
/// with effects, and the fatal failures of tests.
void keepGraphStatements(const ExitFacts &Facts, KeptStmts &Kept);

/// Reports the findings that need no flow, in the order the body has them.
void reportImmediateFindings(const ExitFacts &Facts, clang::ASTContext &Ctx,
                             FindingSink &Sink);

/// How one function is analysed.
struct ExitRun {
  /// A coroutine, or an owner exit that is a plain function.
  bool IsCoroutine = true;
  /// Follow the paths on which calls throw (the CFG has their edges).
  bool ExceptionPaths = false;
  /// Without ExceptionPaths: the tries only an exception leaves, whose
  /// exception edges the CFG has and the flow follows (see buildFlowGraph).
  const TrySet *LeftByException = nullptr;
  /// The statements the graph was built to hold (keepGraphStatements of
  /// the facts and of the condition variables, at least): the flow acts
  /// only at those and at declarations and deaths.
  const KeptStmts *Kept = nullptr;
  /// Kept's filter, if the caller has made one for the graph's builder.
  const KeptFilter *MaybeKept = nullptr;
  /// Set for an owner exit: what it tests of its members. Only the
  /// members' findings are reported then; the body's own objects are the
  /// coroutine analysis' (and its discarded ops too, in a coroutine).
  const MemberGuards *Guards = nullptr;
  /// Receives the flow's final states, when set.
  llvm::raw_ostream *Debug = nullptr;
};

/// Runs the flow over \p Graph and reports every finding, with those that
/// need no flow, in source order.
void runExitAnalysis(const ExitFacts &Facts, const clang::CFG &Graph,
                     const BlockOrder &Order, const clang::Stmt *WrittenBody,
                     const BranchFacts &Conditions, const ExitRun &Run,
                     clang::ASTContext &Ctx, FindingSink &Sink);

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_EXITANALYSIS_H
