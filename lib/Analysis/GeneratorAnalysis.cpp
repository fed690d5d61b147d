//===- GeneratorAnalysis.cpp ----------------------------------------------===//
//
// Two facts per generator-based manager, both from Clang's CFG:
//  - how many co_yields each path has passed (none, one, more): a forward
//    dataflow, joined by union, checked at each yield and at the end; paths
//    that took different sides of a test of a condition variable are kept
//    apart (BranchFacts.h), so "if (!yielded) co_yield fallback;" is
//    understood;
//  - for each yield outside a try with catch (...), whether a co_await can
//    run after it: the asynchronous cleanup an exception would skip.
//
//===----------------------------------------------------------------------===//

#include "Analysis/GeneratorAnalysis.h"
#include "Analysis/BranchFacts.h"
#include "Analysis/ForwardFlow.h"
#include "Model/ProtocolModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include <algorithm>

using namespace clang;

namespace acm {

namespace {

/// The body's own co_yields (not those of nested lambdas) in source order,
/// and which of them sit in the try block of a try statement that has a
/// catch (...).
class YieldCollector : public RecursiveASTVisitor<YieldCollector> {
public:
  llvm::SetVector<const CoyieldExpr *> Yields;
  llvm::DenseSet<const CoyieldExpr *> Protected;

  // A lambda's body is a function of its own; its init-captures are
  // evaluated by the enclosing one.
  bool TraverseLambdaExpr(LambdaExpr *L) {
    for (Expr *Init : L->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseCXXTryStmt(CXXTryStmt *S) {
    bool CatchesAll = false;
    for (unsigned I = 0; I < S->getNumHandlers(); ++I)
      if (!S->getHandler(I)->getExceptionDecl())
        CatchesAll = true;
    ProtectedDepth += CatchesAll;
    TraverseStmt(S->getTryBlock());
    ProtectedDepth -= CatchesAll;
    for (unsigned I = 0; I < S->getNumHandlers(); ++I)
      TraverseStmt(S->getHandler(I));
    return true;
  }
  bool VisitCoyieldExpr(CoyieldExpr *E) {
    Yields.insert(E);
    if (ProtectedDepth > 0)
      Protected.insert(E);
    return true;
  }

private:
  unsigned ProtectedDepth = 0;
};

enum YieldBits : uint8_t {
  NoYield = 1,
  OneYield = 2,
  ManyYields = 4,
  /// No yield yet, on a path that went through a catch handler: it began
  /// with an exception, thrown before the yield (the manager refusing to
  /// enter) or at it (the caller's body failing). Either way, finishing
  /// from there is not "generator didn't yield".
  NoYieldCaught = 8,
};

struct YieldState {
  uint8_t Bits = 0;
  /// The earliest co_yield passed on the paths with OneYield or ManyYields.
  SourceLocation FirstYield;

  bool operator==(const YieldState &O) const {
    return Bits == O.Bits && FirstYield == O.FirstYield;
  }
};

/// The yield count on the paths on which the facts hold.
struct YieldVariant {
  FactSet Facts;
  YieldState State;

  bool operator==(const YieldVariant &O) const {
    return Facts == O.Facts && State == O.State;
  }
};

struct FlowState {
  /// Facts every path reaching this point knows.
  FactSet Common;
  /// One variant per set of paths that know different facts and have
  /// passed different yields: usually one. Sorted by facts.
  llvm::SmallVector<YieldVariant, 2> Variants;

  bool operator==(const FlowState &O) const {
    return Common == O.Common && Variants == O.Variants;
  }
};

class GeneratorFlow {
public:
  GeneratorFlow(const FunctionDecl &Coroutine, const Stmt *WrittenBody,
                ASTContext &Ctx, const YieldCollector &Yields,
                const BranchFacts &Facts)
      : Coroutine(Coroutine), WrittenBody(WrittenBody),
        SM(Ctx.getSourceManager()), Yields(Yields), Facts(Facts) {}

  void run(const CFG &Graph, FindingSink &Sink);

private:
  bool before(SourceLocation A, SourceLocation B) const {
    return locationBefore(SM, A, B);
  }
  SourceLocation earlier(SourceLocation A, SourceLocation B) const {
    return before(B, A) ? B : A;
  }
  bool isOwnYield(const Stmt *S) const {
    const auto *Y = dyn_cast<CoyieldExpr>(S);
    return Y && Yields.Yields.contains(Y);
  }

  void joinYields(YieldState &Into, const YieldState &From) const;
  void normalize(FlowState &S) const;
  void applyFactUpdate(FlowState &S, const FactUpdate &Update) const;
  bool join(FlowState &Into, const FlowState &From) const;
  bool edge(FlowState &S, const CFGBlock &From, unsigned SuccIndex) const;
  void passYield(const Stmt *Yield, FlowState &S);
  void transfer(const CFGBlock &Block, FlowState &S);
  void checkEnds(const CFG &Graph, const BlockStates<FlowState> &States);
  void checkUnprotected(const CFG &Graph);

  const FunctionDecl &Coroutine;
  const Stmt *WrittenBody;
  const SourceManager &SM;
  const YieldCollector &Yields;
  const BranchFacts &Facts;
  bool Reporting = false;
  std::vector<Finding> Findings;
  llvm::DenseSet<const Stmt *> ReportedYields;
};

void GeneratorFlow::joinYields(YieldState &Into, const YieldState &From) const {
  if (From.Bits & (OneYield | ManyYields))
    Into.FirstYield = earlier(Into.FirstYield, From.FirstYield);
  Into.Bits |= From.Bits;
}

void GeneratorFlow::normalize(FlowState &S) const {
  normalizeVariants(
      S.Variants,
      [](const YieldVariant &A, const YieldVariant &B) {
        return A.State == B.State;
      },
      [&](YieldVariant &Into, const YieldVariant &From) {
        joinYields(Into.State, From.State);
      });
}

void GeneratorFlow::applyFactUpdate(FlowState &S,
                                    const FactUpdate &Update) const {
  S.Common.set(Update.Var, Update.Value);
  for (YieldVariant &V : S.Variants)
    V.Facts.set(Update.Var, Update.Value);
  normalize(S);
}

bool GeneratorFlow::join(FlowState &Into, const FlowState &From) const {
  FlowState Result;
  Result.Common = FactSet::common(Into.Common, From.Common);
  Result.Variants = Into.Variants;
  Result.Variants.append(From.Variants.begin(), From.Variants.end());
  normalize(Result);
  if (Result == Into)
    return false;
  Into = std::move(Result);
  return true;
}

bool GeneratorFlow::edge(FlowState &S, const CFGBlock &From,
                         unsigned SuccIndex) const {
  std::optional<FactTest> Test = Facts.testAt(From);
  if (!Test)
    return true;
  if (!followBranch(*Test, SuccIndex, S.Common, S.Variants))
    return false;
  normalize(S);
  return !S.Variants.empty();
}

void GeneratorFlow::passYield(const Stmt *Yield, FlowState &S) {
  SourceLocation Loc = Yield->getBeginLoc();
  // The earliest yield passed before this one, on the paths that have one.
  bool Again = false;
  SourceLocation FirstYield;
  for (const YieldVariant &V : S.Variants)
    if (V.State.Bits & (OneYield | ManyYields)) {
      FirstYield =
          Again ? earlier(FirstYield, V.State.FirstYield) : V.State.FirstYield;
      Again = true;
    }
  if (Reporting && Again && ReportedYields.insert(Yield).second) {
    Finding F;
    F.Kind = FindingKind::MultipleYield;
    F.Loc = Loc;
    F.Message = "'co_yield' can run again after an earlier 'co_yield': a "
                "generator-based manager must yield exactly once (Python "
                "raises \"generator didn't stop\")";
    // No yield written before this one reaches it: the path came round a
    // loop (or a backward goto) to this yield or a later one.
    if (FirstYield == Loc || before(Loc, FirstYield))
      F.Notes.push_back(
          {Loc, "reached again in a later iteration of the loop"});
    else
      F.Notes.push_back({FirstYield, "first 'co_yield' here"});
    Findings.push_back(std::move(F));
  }
  for (YieldVariant &V : S.Variants) {
    YieldState &Y = V.State;
    uint8_t Bits = 0;
    if (Y.Bits & (NoYield | NoYieldCaught))
      Bits |= OneYield;
    if (Y.Bits & (OneYield | ManyYields))
      Bits |= ManyYields;
    if (Y.Bits & (NoYield | NoYieldCaught))
      Y.FirstYield = earlier(Y.FirstYield, Loc);
    Y.Bits = Bits;
  }
  normalize(S);
}

void GeneratorFlow::transfer(const CFGBlock &Block, FlowState &S) {
  if (isa_and_nonnull<CXXCatchStmt>(Block.getLabel())) {
    for (YieldVariant &V : S.Variants)
      if (V.State.Bits & NoYield)
        V.State.Bits = (V.State.Bits & ~NoYield) | NoYieldCaught;
    normalize(S);
  }
  for (const CFGElement &Element : Block) {
    auto StmtElement = Element.getAs<CFGStmt>();
    if (!StmtElement)
      continue;
    const Stmt *St = StmtElement->getStmt();
    if (const auto *DS = dyn_cast<DeclStmt>(St))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          if (std::optional<FactUpdate> Update = Facts.atDeclaration(V))
            applyFactUpdate(S, *Update);
    if (isOwnYield(St))
      passYield(St, S);
    for (const FactUpdate &Update : Facts.updatesAt(St))
      applyFactUpdate(S, Update);
  }
}

void GeneratorFlow::checkEnds(const CFG &Graph,
                              const BlockStates<FlowState> &States) {
  // The first place, in source order, where a path without a yield ends.
  // Throwing is how a manager refuses to enter: forEachNormalReturn skips
  // those paths.
  bool Found = false;
  SourceLocation FirstEnd;
  forEachNormalReturn(
      Graph, reachedBlocks(States),
      [&](const CFGBlock &Pred, const Stmt *Written) {
        if (llvm::none_of(
                States.Out[Pred.getBlockID()]->Variants,
                [](const YieldVariant &V) { return V.State.Bits & NoYield; }))
          return;
        SourceLocation End;
        if (Written)
          End = Written->getBeginLoc();
        else if (const auto *CS = dyn_cast<CompoundStmt>(WrittenBody))
          End = CS->getRBracLoc();
        else
          End = WrittenBody->getEndLoc();
        FirstEnd = Found ? earlier(FirstEnd, End) : End;
        Found = true;
      });
  if (!Found)
    return;
  const auto *Method = dyn_cast<CXXMethodDecl>(&Coroutine);
  std::string Name = Method && Method->getParent()->isLambda()
                         ? "lambda"
                         : "'" + Coroutine.getNameAsString() + "'";
  Finding F;
  F.Kind = FindingKind::MissingYield;
  F.Loc = Coroutine.getLocation();
  F.Message = "generator-based manager " + Name +
              " can finish without 'co_yield': it must yield exactly once "
              "(Python raises \"generator didn't yield\")";
  F.Notes.push_back({FirstEnd, "finishes here without having yielded"});
  Findings.push_back(std::move(F));
}

void GeneratorFlow::checkUnprotected(const CFG &Graph) {
  // Where each yield is, and the earliest co_await reachable from the start
  // of each block (a backward fixpoint; loops settle in a few rounds).
  llvm::DenseMap<const Stmt *, std::pair<const CFGBlock *, unsigned>> Where;
  std::vector<SourceLocation> AwaitFrom(Graph.getNumBlockIDs());
  auto FirstAwaitIn = [](const CFGBlock &Block, unsigned From) {
    for (unsigned I = From; I < Block.size(); ++I)
      if (auto S = Block[I].getAs<CFGStmt>())
        if (const auto *Await = dyn_cast<CoawaitExpr>(S->getStmt()))
          if (!Await->isImplicit())
            return Await->getBeginLoc();
    return SourceLocation();
  };
  for (const CFGBlock *Block : Graph)
    for (unsigned I = 0; I < Block->size(); ++I)
      if (auto S = (*Block)[I].getAs<CFGStmt>())
        if (isOwnYield(S->getStmt()))
          Where[S->getStmt()] = {Block, I};

  // PostOrderCFGView iterates in reverse post-order; a backward problem
  // wants successors first.
  PostOrderCFGView View(&Graph);
  std::vector<const CFGBlock *> Order(View.begin(), View.end());
  std::reverse(Order.begin(), Order.end());
  bool Changed = true;
  for (unsigned Round = 0; Changed && Round < 64; ++Round) {
    Changed = false;
    for (const CFGBlock *Block : Order) {
      SourceLocation Found = FirstAwaitIn(*Block, 0);
      if (Found.isInvalid())
        for (const CFGBlock *Succ : Block->succs())
          if (Succ)
            Found = earlier(Found, AwaitFrom[Succ->getBlockID()]);
      if (Found != AwaitFrom[Block->getBlockID()]) {
        AwaitFrom[Block->getBlockID()] = Found;
        Changed = true;
      }
    }
  }

  for (const CoyieldExpr *Yield : Yields.Yields) {
    if (Yields.Protected.count(Yield))
      continue;
    auto It = Where.find(Yield);
    if (It == Where.end())
      continue; // Unreachable.
    auto [Block, Index] = It->second;
    SourceLocation Cleanup = FirstAwaitIn(*Block, Index + 1);
    if (Cleanup.isInvalid())
      for (const CFGBlock *Succ : Block->succs())
        if (Succ)
          Cleanup = earlier(Cleanup, AwaitFrom[Succ->getBlockID()]);
    if (Cleanup.isInvalid())
      continue;
    Finding F;
    F.Kind = FindingKind::UnprotectedYield;
    F.Loc = Yield->getBeginLoc();
    F.Message = "asynchronous cleanup after this 'co_yield' is skipped when "
                "the caller's body throws: the exception is raised at the "
                "'co_yield'";
    F.Notes.push_back(
        {Cleanup, "this 'co_await' does not run if an exception is raised "
                  "at the 'co_yield'"});
    F.Notes.push_back(
        {F.Loc, "'co_await' is not allowed in a handler: catch (...) into a "
                "std::exception_ptr around the 'co_yield', await the "
                "cleanup, then rethrow it"});
    Findings.push_back(std::move(F));
  }
}

void GeneratorFlow::run(const CFG &Graph, FindingSink &Sink) {
  PostOrderCFGView Order(&Graph);
  FlowState Entry;
  Entry.Variants.push_back({FactSet(), YieldState{NoYield, SourceLocation()}});
  BlockStates<FlowState> States = solveForward(
      Graph, Order, std::move(Entry),
      [&](FlowState &S, const CFGBlock &Block) { transfer(Block, S); },
      [&](FlowState &Into, const FlowState &From) { return join(Into, From); },
      [&](FlowState &S, const CFGBlock &From, unsigned SuccIndex, bool) {
        return edge(S, From, SuccIndex);
      });

  Reporting = true;
  for (const CFGBlock *Block : Order) {
    unsigned ID = Block->getBlockID();
    if (!States.In[ID])
      continue;
    FlowState S = *States.In[ID];
    transfer(*Block, S);
  }
  checkEnds(Graph, States);
  checkUnprotected(Graph);

  llvm::stable_sort(Findings, [&](const Finding &A, const Finding &B) {
    return before(A.Loc, B.Loc);
  });
  for (const Finding &F : Findings)
    Sink.report(F);
}

} // namespace

bool isGeneratorManagerCoroutine(const FunctionDecl &Coroutine,
                                 const ProtocolModel &Model) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Coroutine.getBody());
  if (!Body || !Model.isGeneratorManager(&Coroutine))
    return false;
  YieldCollector Yields;
  Yields.TraverseStmt(Body->getBody());
  return !Yields.Yields.empty();
}

namespace {
bool declaresDeletedAwaitTransform(const CXXRecordDecl *Record,
                                   unsigned Depth = 0) {
  if (!Record || !(Record = Record->getDefinition()) || Depth > 16)
    return false;
  for (const Decl *D : Record->decls()) {
    const auto *Function = dyn_cast<FunctionDecl>(D);
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      Function = Template->getTemplatedDecl();
    if (Function && Function->getIdentifier() &&
        Function->getName() == "await_transform" && Function->isDeleted())
      return true;
  }
  for (const CXXBaseSpecifier &Base : Record->bases())
    if (declaresDeletedAwaitTransform(Base.getType()->getAsCXXRecordDecl(),
                                      Depth + 1))
      return true;
  return false;
}
} // namespace

bool promiseAllowsAwait(const FunctionDecl &Coroutine) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Coroutine.getBody());
  const VarDecl *Promise = Body ? Body->getPromiseDecl() : nullptr;
  if (!Promise)
    return false;
  return !declaresDeletedAwaitTransform(
      Promise->getType()->getAsCXXRecordDecl());
}

void analyzeGeneratorManager(const FunctionDecl &Coroutine,
                             const Stmt *WrittenBody, ASTContext &Context,
                             const BranchFacts &Facts, FindingSink &Sink) {
  YieldCollector Yields;
  Yields.TraverseStmt(const_cast<Stmt *>(WrittenBody));
  if (Yields.Yields.empty())
    return;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(&Coroutine, Coroutine.getBody(), &Context, Options);
  if (!Graph)
    return;
  GeneratorFlow Flow(Coroutine, WrittenBody, Context, Yields, Facts);
  Flow.run(*Graph, Sink);
}

} // namespace acm
