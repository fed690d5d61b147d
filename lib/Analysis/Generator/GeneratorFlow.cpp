//===- GeneratorFlow.cpp --------------------------------------------------===//

#include "Analysis/Generator/GeneratorFlow.h"
#include "Analysis/Generator/YieldSites.h"
#include "Analysis/Support/BranchFacts.h"
#include "Analysis/Support/CfgHelpers.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace acm {

GeneratorDiagnoser::~GeneratorDiagnoser() = default;

namespace {

/// The first explicit co_await in \p Block at or after element \p From.
SourceLocation firstAwaitIn(const CFGBlock &Block, unsigned From) {
  for (unsigned I = From; I < Block.size(); ++I)
    if (auto S = Block[I].getAs<CFGStmt>())
      if (const auto *Await = dyn_cast<CoawaitExpr>(S->getStmt()))
        if (!Await->isImplicit())
          return Await->getBeginLoc();
  return SourceLocation();
}

/// The earliest co_await reachable from the start of each block, following
/// normal edges only, in the blocks the forward flow reaches: a co_await no
/// path runs is no cleanup.
struct CleanupReach {
  using Value = SourceLocation;
  const GeneratorLattice &Lattice;
  const BlockStates<GeneratorState> &States;

  template <typename Fn>
  SourceLocation transfer(const CFGBlock &Block, Fn ValueAt) const {
    if (!States.reached(Block.getBlockID()))
      return SourceLocation();
    SourceLocation Found = firstAwaitIn(Block, 0);
    if (Found.isValid())
      return Found;
    unsigned Index = 0;
    for (const CFGBlock *Succ : Block.succs()) {
      unsigned SuccIndex = Index++;
      if (Succ && !isExceptionEdge(Block, SuccIndex))
        Found = Lattice.earlier(Found, ValueAt(*Succ));
    }
    return Found;
  }
};

} // namespace

GeneratorFlow::GeneratorFlow(const YieldSites &Yields, const BranchFacts &Facts,
                             const SourceManager &SM, const Stmt *WrittenBody)
    : Yields(Yields), Facts(Facts), WrittenBody(WrittenBody), Lattice(SM) {}

GeneratorState GeneratorFlow::entryState() const {
  GeneratorState Entry;
  Entry.Variants.push_back({FactSet(), YieldState{NoYield, SourceLocation()}});
  return Entry;
}

bool GeneratorFlow::edge(GeneratorState &S, const Outcome &,
                         const CFGBlock &From, unsigned SuccIndex, bool) const {
  if (isExceptionEdge(From, SuccIndex))
    return false;
  std::optional<FactTest> Test = Facts.testAt(From);
  if (!Test)
    return true;
  if (!followBranch(*Test, SuccIndex, S.Common, S.Variants))
    return false;
  Lattice.normalize(S);
  return !S.Variants.empty();
}

void GeneratorFlow::passYield(const Stmt *Yield, GeneratorState &S,
                              GeneratorDiagnoser *Diagnoser) const {
  SourceLocation Loc = Yield->getBeginLoc();
  // The earliest yield passed before this one, on the paths that have one.
  bool Again = false;
  SourceLocation FirstYield;
  for (const YieldVariant &V : S.Variants)
    if (V.State.Bits & (OneYield | ManyYields)) {
      FirstYield = Again ? Lattice.earlier(FirstYield, V.State.FirstYield)
                         : V.State.FirstYield;
      Again = true;
    }
  if (Diagnoser && Again)
    Diagnoser->yieldsAgain(Yield, FirstYield);
  for (YieldVariant &V : S.Variants) {
    YieldState &Y = V.State;
    uint8_t Bits = 0;
    if (Y.Bits & (NoYield | NoYieldCaught))
      Bits |= OneYield;
    if (Y.Bits & (OneYield | ManyYields))
      Bits |= ManyYields;
    if (Y.Bits & (NoYield | NoYieldCaught))
      Y.FirstYield = Lattice.earlier(Y.FirstYield, Loc);
    Y.Bits = Bits;
  }
  Lattice.normalize(S);
}

GeneratorState GeneratorFlow::transfer(const CFGBlock &Block,
                                       const GeneratorState &In,
                                       GeneratorDiagnoser *Diagnoser) const {
  GeneratorState S = In;
  if (isa_and_nonnull<CXXCatchStmt>(Block.getLabel())) {
    for (YieldVariant &V : S.Variants)
      if (V.State.Bits & NoYield)
        V.State.Bits = (V.State.Bits & ~NoYield) | NoYieldCaught;
    Lattice.normalize(S);
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
            Lattice.applyFactUpdate(S, *Update);
    if (Yields.isYield(St))
      passYield(St, S, Diagnoser);
    for (const FactUpdate &Update : Facts.updatesAt(St))
      Lattice.applyFactUpdate(S, Update);
  }
  return S;
}

void GeneratorFlow::diagnoseEnds(
    const CFG &Graph, const BlockStates<GeneratorState> &States,
    const llvm::DenseSet<const Stmt *> &FailedTestEnds,
    GeneratorDiagnoser &Diagnoser) const {
  // The first place, in source order, where a path without a yield ends.
  // Throwing is how a manager refuses to enter: forEachNormalReturn skips
  // those paths.
  bool Found = false;
  SourceLocation FirstEnd;
  forEachNormalReturn(
      Graph, [&](unsigned ID) { return States.reached(ID); },
      [&](const CFGBlock &Pred, const Stmt *Written) {
        // A test whose assertion failed fatally has ended.
        if (Written && FailedTestEnds.count(Written))
          return;
        const GeneratorState *Out = States.out(Pred.getBlockID());
        if (!Out || llvm::none_of(Out->Variants, [](const YieldVariant &V) {
              return V.State.Bits & NoYield;
            }))
          return;
        SourceLocation End =
            Written ? Written->getBeginLoc() : endOfBody(WrittenBody);
        FirstEnd = Found ? Lattice.earlier(FirstEnd, End) : End;
        Found = true;
      });
  if (Found)
    Diagnoser.finishesWithoutYield(FirstEnd);
}

void GeneratorFlow::diagnoseUnprotected(
    const CFG &Graph, const BlockOrder &Order,
    const BlockStates<GeneratorState> &States, FlowStats &Stats,
    GeneratorDiagnoser &Diagnoser) const {
  std::vector<SourceLocation> AwaitFrom =
      solveBackward(Graph, Order, CleanupReach{Lattice, States}, Stats);
  // Where each yield is.
  llvm::DenseMap<const Stmt *, std::pair<const CFGBlock *, unsigned>> Where;
  for (const CFGBlock *Block : Graph)
    for (unsigned I = 0; I < Block->size(); ++I)
      if (auto S = (*Block)[I].getAs<CFGStmt>())
        if (Yields.isYield(S->getStmt()))
          Where[S->getStmt()] = {Block, I};
  for (const CoyieldExpr *Yield : Yields.Yields) {
    if (Yields.Protected.count(Yield))
      continue;
    auto It = Where.find(Yield);
    if (It == Where.end())
      continue;
    auto [Block, Index] = It->second;
    // A co_yield no path reaches never runs (after a co_return, or in a
    // loop that a co_return and a continue leave): nothing to protect.
    if (!States.reached(Block->getBlockID()))
      continue;
    SourceLocation Cleanup = firstAwaitIn(*Block, Index + 1);
    if (Cleanup.isInvalid()) {
      unsigned SuccIndex = 0;
      for (const CFGBlock *Succ : Block->succs()) {
        if (Succ && !isExceptionEdge(*Block, SuccIndex))
          Cleanup = Lattice.earlier(Cleanup, AwaitFrom[Succ->getBlockID()]);
        ++SuccIndex;
      }
    }
    if (Cleanup.isValid())
      Diagnoser.unprotectedYield(Yield, Cleanup);
  }
}

} // namespace acm
