//===- CoroutineAnalysis.cpp ----------------------------------------------===//

#include "Analysis/CoroutineAnalysis.h"
#include "Analysis/Exit/ExitAnalysis.h"
#include "Analysis/Generator/GeneratorAnalysis.h"
#include "Analysis/Generator/YieldSites.h"
#include "Analysis/Support/AnalysisBounds.h"
#include "Analysis/Support/BranchFacts.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Analysis/Support/CoroutineFacts.h"
#include "Analysis/Support/FlowDriver.h"
#include "Analysis/Support/FlowGraph.h"
#include "Model/ProtocolModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/Support/raw_ostream.h"
#include <mutex>
#include <optional>

using namespace clang;

namespace acm {

namespace {

/// Writes one coroutine's debug text at once: threads analyse in parallel.
void writeDebug(llvm::raw_ostream &OS, const std::string &Text) {
  static std::mutex Lock;
  std::lock_guard<std::mutex> Guard(Lock);
  OS << Text;
  OS.flush();
}

/// Drops the findings that need no flow whose call sits in a block no
/// path reaches. Calls the CFG does not hold (inside a lambda) keep theirs.
void dropUnreachableFindings(std::vector<ImmediateFinding> &Immediate,
                             const CFG &Graph) {
  llvm::DenseSet<const Stmt *> Calls;
  for (const ImmediateFinding &F : Immediate)
    Calls.insert(F.Call);
  llvm::DenseSet<const Stmt *> Unreachable = unreachableStmts(Graph, Calls);
  llvm::erase_if(Immediate, [&](const ImmediateFinding &F) {
    return Unreachable.contains(F.Call);
  });
}

} // namespace

bool isAnalyzableCoroutine(const FunctionDecl &Function) {
  if (Function.isInvalidDecl() || Function.isDependentContext() ||
      !Function.doesThisDeclarationHaveABody())
    return false;
  return isa_and_nonnull<CoroutineBodyStmt>(Function.getBody());
}

void analyzeCoroutine(const FunctionDecl &Function, ASTContext &Context,
                      const ProtocolModel &Model, FindingSink &Sink,
                      const AnalysisOptions &Options) {
  if (!isAnalyzableCoroutine(Function))
    return;
  Stmt *WrittenBody = writtenBody(Function);
  if (!WrittenBody)
    return;
  BoundCounters Bounds;
  BoundCounters::Scope ActiveBounds(Bounds);
  std::string DebugText;
  llvm::raw_string_ostream DebugStream(DebugText);
  llvm::raw_ostream *Debug = Options.DebugFlow ? &DebugStream : nullptr;
  if (Debug)
    *Debug << "acm-debug-flow: '" << Function.getQualifiedNameAsString()
           << "' at "
           << Function.getLocation().printToString(Context.getSourceManager())
           << "\n";
  auto FinishDebug = [&](llvm::StringRef Outcome) {
    if (!Debug)
      return;
    *Debug << "  " << Outcome << "\n  ";
    Bounds.print(*Debug);
    if (unsigned Cut = Model.baseDepthLimitReached())
      *Debug << "  model: class hierarchies cut at base-class depth "
             << ProtocolModel::MaxBaseClassDepth << " x" << Cut
             << " in this translation unit\n";
    writeDebug(*Options.DebugFlow, DebugText);
  };

  BranchScan Branches(Function);
  ExitFacts Exit =
      collectExitFacts(Function, WrittenBody, Model, nullptr, &Branches);
  if (Exit.Found.HasErrors)
    return FinishDebug("skipped: the body has compile errors");
  if (Exit.Found.NestsTooDeep)
    return FinishDebug("skipped: the body nests deeper than " +
                       std::to_string(MaxStmtNesting));
  std::optional<YieldSites> Yields;
  if (mayBeGeneratorManager(Function, Model)) {
    Yields = findYields(WrittenBody);
    if (Yields->empty())
      Yields.reset();
  }
  bool NeedsFlow = Yields || Exit.hasObjects();
  if (!NeedsFlow && Exit.Effects.Immediate.empty())
    return FinishDebug("no flow: no tracked object and no co_yield");

  // With exception paths, a call that may throw also branches to the
  // handlers of the try around it, or to the exit. The generator flows do
  // not follow those edges.
  bool ExceptionPaths = Exit.hasObjects() &&
                        Model.options().CheckExceptionPaths &&
                        Context.getLangOpts().CXXExceptions;
  // The flows' facts, and the statements they read from the graph.
  std::optional<BranchFacts> Conditions;
  KeptStmts Kept;
  if (NeedsFlow) {
    if (Exit.ScannedBranches)
      Conditions.emplace(std::move(Branches));
    else
      Conditions.emplace(Function, WrittenBody);
    Conditions->keepGraphStatements(Kept);
    keepGraphStatements(Exit, Kept);
    if (Yields)
      keepGraphStatements(*Yields, Kept);
  }
  // One filter of the kept statements for the graph's builder and the
  // exit flow.
  const KeptFilter MaybeKept(Kept);
  TrySet LeftByException;
  std::unique_ptr<CFG> Graph =
      buildFlowGraph(&Function, Function.getBody(), Context, ExceptionPaths,
                     Exit.hasObjects() ? &LeftByException : nullptr, &Kept,
                     &Exit.Effects.Graph, &MaybeKept);
  if (!Graph) {
    if (!Exit.hasObjects())
      reportImmediateFindings(Exit, Context, Sink);
    return FinishDebug("skipped: no CFG could be built");
  }
  // No check reports in code no path reaches; the findings that need no
  // flow are dropped there too.
  dropUnreachableFindings(Exit.Effects.Immediate, *Graph);
  if (!NeedsFlow) {
    reportImmediateFindings(Exit, Context, Sink);
    return FinishDebug("no flow: no tracked object and no co_yield");
  }
  BlockOrder Order(*Graph);
  if (Debug)
    *Debug << "  cfg: " << Graph->getNumBlockIDs() << " blocks, "
           << Conditions->size() << " condition variables"
           << (LeftByException.empty()
                   ? ""
                   : ", exception edges for the tries only an exception "
                     "leaves: " +
                         std::to_string(LeftByException.size()))
           << "\n";

  if (Yields)
    runGeneratorAnalysis(Function, *Yields, *Graph, Order, WrittenBody,
                         *Conditions, Exit.Effects.FailurePoints,
                         Context.getSourceManager(), Sink, Debug);
  if (Exit.hasObjects()) {
    ExitRun Run;
    Run.ExceptionPaths = ExceptionPaths;
    Run.LeftByException = &LeftByException;
    Run.Kept = &Kept;
    Run.MaybeKept = &MaybeKept;
    Run.Debug = Debug;
    runExitAnalysis(Exit, *Graph, Order, WrittenBody, *Conditions, Run, Context,
                    Sink);
  } else
    reportImmediateFindings(Exit, Context, Sink);
  FinishDebug("done");
}

} // namespace acm
