//===- ClassAnalysis.cpp --------------------------------------------------===//

#include "Analysis/ClassAnalysis.h"
#include "Analysis/Exit/ExitAnalysis.h"
#include "Analysis/Exit/ExitReporter.h"
#include "Analysis/Exit/MemberGuards.h"
#include "Analysis/Owner/ClassMembers.h"
#include "Analysis/Support/AnalysisBounds.h"
#include "Analysis/Support/BranchFacts.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Analysis/Support/CoroutineFacts.h"
#include "Analysis/Support/FlowDriver.h"
#include "Analysis/Support/FlowGraph.h"
#include "Model/ProtocolModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/Support/raw_ostream.h"
#include <mutex>

using namespace clang;

namespace acm {

namespace {

void writeDebug(llvm::raw_ostream &OS, const std::string &Text) {
  static std::mutex Lock;
  std::lock_guard<std::mutex> Guard(Lock);
  OS << Text;
  OS.flush();
}

/// Runs the exit flow over owner exit \p Definition.
void analyzeOwnerExit(const CXXMethodDecl &Definition, ExitFacts &Facts,
                      const ClassMembers &Members, ASTContext &Context,
                      const ProtocolModel &Model, FindingSink &Sink,
                      llvm::raw_ostream *Debug) {
  // What each member owes at the start.
  for (unsigned Obj = 0; Obj < Members.members().size(); ++Obj) {
    const TrackedObject &Member = Members.members()[Obj];
    Facts.Found.Objects.setObligation(Obj, Member.Owes, Member.EnteredAt,
                                      Member.EnteredIn);
  }
  bool IsCoroutine = isa_and_nonnull<CoroutineBodyStmt>(Definition.getBody());
  const Stmt *Body =
      IsCoroutine ? writtenBody(Definition) : Definition.getBody();
  bool ExceptionPaths = Model.options().CheckExceptionPaths &&
                        Context.getLangOpts().CXXExceptions;
  if (!Body)
    return;
  BranchFacts Conditions(Definition, Body);
  KeptStmts Kept;
  Conditions.keepGraphStatements(Kept);
  keepGraphStatements(Facts, Kept);
  TrySet LeftByException;
  std::unique_ptr<CFG> Graph =
      buildFlowGraph(&Definition, Definition.getBody(), Context,
                     ExceptionPaths, &LeftByException, &Kept,
                     &Facts.Effects.Graph);
  if (!Graph)
    return;
  BlockOrder Order(*Graph);
  MemberGuards Guards(Body, Facts.Found.Objects, Model, Members);
  if (Debug)
    *Debug << "  owner exit '" << Definition.getNameAsString()
           << "': cfg: " << Graph->getNumBlockIDs() << " blocks\n";
  ExitRun Run;
  Run.IsCoroutine = IsCoroutine;
  Run.ExceptionPaths = ExceptionPaths;
  Run.LeftByException = &LeftByException;
  Run.Kept = &Kept;
  Run.Guards = &Guards;
  Run.Debug = Debug;
  runExitAnalysis(Facts, *Graph, Order, Body, Conditions, Run, Context, Sink);
}

} // namespace

bool isAnalyzableClass(const CXXRecordDecl &Class) {
  return Class.isThisDeclarationADefinition() && !Class.isInvalidDecl() &&
         !Class.isDependentContext() && !Class.isLambda() &&
         !Class.isImplicit();
}

void analyzeClass(const CXXRecordDecl &Class, ASTContext &Context,
                  const ProtocolModel &Model, FindingSink &Sink,
                  const AnalysisOptions &Options) {
  if (!isAnalyzableClass(Class))
    return;
  std::vector<OwnedMember> Owned = Model.ownedMembers(&Class);
  if (Owned.empty())
    return;
  BoundCounters Bounds;
  BoundCounters::Scope ActiveBounds(Bounds);
  std::string DebugText;
  llvm::raw_string_ostream DebugStream(DebugText);
  llvm::raw_ostream *Debug = Options.DebugFlow ? &DebugStream : nullptr;

  ClassMembers Members(Class, Owned, Model, Context);
  Members.decideObligations();
  if (Debug) {
    *Debug << "acm-debug-flow: class '" << Class.getQualifiedNameAsString()
           << "' at "
           << Class.getLocation().printToString(Context.getSourceManager())
           << "\n";
    Members.dump(*Debug);
  }

  FindingList Found;
  if (Members.ownerExits().empty()) {
    // Without an owner exit, a member that owes its exit and that no
    // method exits is reported at the member; a method that cannot be
    // read may exit it.
    if (Members.allMethodsVisible())
      for (unsigned Obj : Members.unexitedAnywhere())
        Found.report(ExitReporter::noOwnerExit(Members.members()[Obj], Class));
  } else {
    for (const CXXMethodDecl *Exit : Members.ownerExits()) {
      const FunctionDecl *Definition = nullptr;
      if (!Exit->hasBody(Definition))
        continue;
      const auto *Method = cast<CXXMethodDecl>(Definition);
      if (ExitFacts *Facts = Members.factsOf(Method))
        analyzeOwnerExit(*Method, *Facts, Members, Context, Model, Found,
                         Debug);
    }
  }

  const SourceManager &SM = Context.getSourceManager();
  llvm::stable_sort(Found.Findings, [&](const Finding &A, const Finding &B) {
    return locationBefore(SM, A.Loc, B.Loc);
  });
  for (const Finding &F : Found.Findings)
    Sink.report(F);
  if (Debug) {
    *Debug << "  ";
    Bounds.print(*Debug);
    writeDebug(*Options.DebugFlow, DebugText);
  }
}

} // namespace acm
