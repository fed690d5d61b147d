//===- ExitAnalysis.cpp ---------------------------------------------------===//

#include "Analysis/Exit/ExitAnalysis.h"
#include "Analysis/Exit/BodyContexts.h"
#include "Analysis/Exit/EffectCollector.h"
#include "Analysis/Exit/ExitFlow.h"
#include "Analysis/Exit/ExitReporter.h"
#include "Analysis/Exit/Ownership.h"
#include "Analysis/Exit/TrackedObjects.h"
#include "Analysis/Support/BranchFacts.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Analysis/Support/ExprUnwrap.h"

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>

using namespace clang;

namespace acm {

ExitFacts collectExitFacts(const FunctionDecl &Function, const Stmt *Body,
                           const ProtocolModel &Model,
                           const MemberContext *Members, BranchScan *Scan) {
  ExitFacts Facts;
  OwnershipRules Rules(Model);
  BodyContexts Contexts =
      classifyBody(Function, Body, Model, Rules, Members, Facts.Found, Scan);
  if (Facts.Found.stopped())
    return Facts;
  Facts.Effects =
      collectEffects(Function, Facts.Found, Contexts, Model, Members);
  // The branch scan's second step, if the walk found a variable tested.
  if (Scan && Facts.hasObjects()) {
    if (Scan->testsAVariable())
      Contexts.feedScan(*Scan);
    Facts.ScannedBranches = true;
  }
  return Facts;
}

void keepGraphStatements(const ExitFacts &Facts, KeptStmts &Kept) {
  // One growth rather than many rehashes.
  Kept.reserve(Kept.size() + Facts.Effects.numSites() +
               Facts.Effects.FailurePoints.size());
  for (const Stmt *S : Facts.Effects.sites())
    Kept.try_emplace(S, nullptr);
  for (const Stmt *S : Facts.Effects.FailurePoints)
    Kept.try_emplace(S, nullptr);
}

void reportImmediateFindings(const ExitFacts &Facts, ASTContext &Ctx,
                             FindingSink &Sink) {
  for (const Finding &F :
       ExitReporter::immediateFindings(Facts.Effects.Immediate, Ctx))
    Sink.report(F);
}

void runExitAnalysis(const ExitFacts &Facts, const CFG &Graph,
                     const BlockOrder &Order, const Stmt *WrittenBody,
                     const BranchFacts &Conditions, const ExitRun &Run,
                     ASTContext &Ctx, FindingSink &Sink) {
  const ObjectTable &Objects = Facts.Found.Objects;
  bool ExceptionPaths = Run.ExceptionPaths;
  llvm::raw_ostream *Debug = Run.Debug;
  LoopMap Loops(Graph, Order);
  std::optional<KeptFilter> OwnFilter;
  const KeptFilter &MaybeKept =
      Run.MaybeKept ? *Run.MaybeKept : OwnFilter.emplace(*Run.Kept);
  ExitFlow Flow(Objects, Facts.Effects, Conditions, MaybeKept, Loops,
                Ctx.getSourceManager(), WrittenBody, Run.IsCoroutine,
                ExceptionPaths, Run.Guards);
  Flow.followExceptionsOutOf(Run.LeftByException);
  AwaiterCalls Awaiters;
  if (Flow.hasExceptionEdges()) {
    Awaiters = indexAwaiterCalls(Facts.Effects);
    Flow.useAwaiterCalls(&Awaiters);
  }
  FlowStats Stats;
  // Without exception paths, the fixpoint notes which blocks would report;
  // with them, every block is replayed for the exceptions leaving it.
  std::optional<ProbedExitFlow> Probed;
  BlockStates<ExitState> States;
  if (ExceptionPaths) {
    States = solveForward(Graph, Order, Flow, Flow.entryState(), Stats);
  } else {
    Probed.emplace(Flow, Graph);
    States = solveForward(Graph, Order, *Probed, Flow.entryState(), Stats);
  }
  // A block the visit bound stopped may last have been computed on an
  // earlier state than its final one: then every block is replayed.
  if (Stats.BlocksUnsettled > 0)
    Probed.reset();

  // Diagnose from the final states only, so nothing is reported twice.
  ExitReporter Reporter(Objects, Ctx, /*OnlyMembers=*/Run.Guards != nullptr);
  for (const CFGBlock *Block : Order) {
    unsigned ID = Block->getBlockID();
    if (!States.reached(ID) || (Probed && !Probed->mayReport(*Block)))
      continue;
    ExitOutcome O = Flow.transfer(*Block, *States.In[ID], &Reporter);
    if (ExceptionPaths)
      Flow.diagnoseExceptions(*Block, O, Reporter);
  }
  Flow.diagnoseReturns(Graph, States, Reporter);

  if (Debug) {
    *Debug << "  exit flow" << (ExceptionPaths ? " with exception paths" : "")
           << "; ";
    Stats.print(*Debug);
    for (unsigned Obj = 0; Obj < Objects.size(); ++Obj) {
      const TrackedObject &Object = Objects[Obj];
      *Debug << "   tracked '" << Object.name() << "': ";
      if (Object.isResource())
        *Debug << "resource of '" << Objects[Object.Owner].name() << "'";
      else if (Object.IsAwaitable)
        *Debug << "awaitable holding " << Objects.heldOps(Obj).size() << " ops";
      else
        *Debug << objectKindName(Object.Kind)
               << (Object.IsParam ? " parameter" : "");
      *Debug << "\n";
    }
    for (const CFGBlock *Block : Order)
      if (States.reached(Block->getBlockID())) {
        *Debug << "   B" << Block->getBlockID() << " in:\n";
        Flow.lattice().dump(*States.In[Block->getBlockID()], Objects, *Debug);
      }
  }
  if (!Run.Guards) {
    Reporter.finish(Facts.Effects.Immediate, Sink);
    return;
  }
  // An owner exit reports the discarded exits of its members; a coroutine
  // reports them itself.
  std::vector<ImmediateFinding> Immediate;
  if (!Run.IsCoroutine)
    for (const ImmediateFinding &I : Facts.Effects.Immediate)
      if (std::optional<unsigned> Obj = Objects.indexOf(calledObject(I.Call));
          Obj && Objects[*Obj].IsMember)
        Immediate.push_back(I);
  Reporter.finish(Immediate, Sink);
}

} // namespace acm
