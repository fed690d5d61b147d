//===- FlowGraph.cpp ------------------------------------------------------===//

#include "Analysis/Support/FlowGraph.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Analysis/Support/ExprUnwrap.h"
#include "Analysis/Support/GraphBuilder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <vector>

using namespace clang;

namespace acm {

namespace {

/// How many calls deep a known value is looked for: dummy_cond() is one,
/// gtest's AlwaysFalse() (`return !AlwaysTrue();`) two.
constexpr unsigned MaxCallDepth = 4;

/// Functions defined out of line whose value their framework documents.
struct KnownFunction {
  llvm::StringLiteral Name;
  bool Value;
};
constexpr KnownFunction KnownFunctions[] = {
    // gtest/internal/gtest-internal.h: "always returns true"; it hides
    // constant conditions from compilers' warnings.
    {"testing::internal::AlwaysTrue", true},
};

std::optional<bool> valueOf(const Expr *E, ASTContext &Ctx, unsigned Depth);

/// The value every call of \p Callee returns, if known.
std::optional<bool> returnedValue(const FunctionDecl *Callee, ASTContext &Ctx,
                                  unsigned Depth) {
  if (!Callee || Depth == MaxCallDepth)
    return std::nullopt;
  // An override may return anything.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
      Method && Method->isVirtual())
    return std::nullopt;
  if (Callee->getIdentifier() || isa<CXXConversionDecl>(Callee)) {
    std::string Name = Callee->getQualifiedNameAsString();
    for (const KnownFunction &Known : KnownFunctions)
      if (Name == Known.Name)
        return Known.Value;
  }
  const FunctionDecl *Definition = nullptr;
  const auto *Body =
      dyn_cast_or_null<CompoundStmt>(Callee->getBody(Definition));
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Return || !Return->getRetValue())
    return std::nullopt;
  return valueOf(Return->getRetValue(), Ctx, Depth + 1);
}

std::optional<bool> valueOf(const Expr *E, ASTContext &Ctx, unsigned Depth) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(E)) {
    if (Not->getOpcode() != UO_LNot)
      return std::nullopt;
    std::optional<bool> Operand = valueOf(Not->getSubExpr(), Ctx, Depth);
    return Operand ? std::optional<bool>(!*Operand) : std::nullopt;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return returnedValue(directCallee(Call), Ctx, Depth);
  // Inside a called function: its returned expression. At the branch
  // itself clang's builder has already folded what can be folded.
  bool Result = false;
  if (Depth > 0 && E->EvaluateAsBooleanCondition(Result, Ctx))
    return Result;
  return std::nullopt;
}

/// Marks the edge from \p From to its successor \p SuccIndex unreachable,
/// as clang's builder does for a constant condition.
void markUnreachable(CFGBlock &From, unsigned SuccIndex) {
  CFGBlock::AdjacentBlock &Edge = *(From.succ_begin() + SuccIndex);
  CFGBlock *To = Edge.getReachableBlock();
  if (!To)
    return;
  Edge = CFGBlock::AdjacentBlock(To, /*IsReachable=*/false);
  for (CFGBlock::AdjacentBlock &Back : To->preds())
    if (Back.getReachableBlock() == &From) {
      Back = CFGBlock::AdjacentBlock(&From, /*IsReachable=*/false);
      break;
    }
}

} // namespace

std::optional<bool> knownConditionValue(const Expr *Condition,
                                        ASTContext &Ctx) {
  return valueOf(Condition, Ctx, 0);
}

namespace {

/// Where \p Block's code is written: its first statement, else its
/// terminator; invalid for a block that holds neither (a join, the ends of
/// lifetimes), which only passes control on.
SourceLocation codeLocation(const CFGBlock &Block, const SourceManager &SM) {
  for (const CFGElement &Element : Block)
    if (auto S = Element.getAs<CFGStmt>())
      return SM.getExpansionLoc(S->getStmt()->getBeginLoc());
  if (const Stmt *Terminator = Block.getTerminatorStmt())
    return SM.getExpansionLoc(Terminator->getBeginLoc());
  return SourceLocation();
}

/// The tries of \p Graph, built without exception edges, that the entry
/// reaches but no path leaves normally. A try whose handlers are reached (a
/// written throw) is not among them: the graph already has its paths.
TrySet findTriesLeftByException(const CFG &Graph, const SourceManager &SM) {
  TrySet Tries;
  if (Graph.try_blocks_begin() == Graph.try_blocks_end())
    return Tries;
  std::vector<bool> Reached(Graph.getNumBlockIDs(), false);
  llvm::SmallVector<const CFGBlock *, 16> Work{&Graph.getEntry()};
  Reached[Graph.getEntry().getBlockID()] = true;
  while (!Work.empty())
    for (const CFGBlock *Succ : Work.pop_back_val()->succs())
      if (Succ && !Reached[Succ->getBlockID()]) {
        Reached[Succ->getBlockID()] = true;
        Work.push_back(Succ);
      }

  for (const CFGBlock *Dispatch : Graph.try_blocks()) {
    const auto *Try = dyn_cast_or_null<CXXTryStmt>(
        Dispatch ? Dispatch->getTerminatorStmt() : nullptr);
    if (!Try || Reached[Dispatch->getBlockID()])
      continue;
    SourceRange Range = Try->getTryBlock()->getSourceRange();
    SourceLocation Begin = SM.getExpansionLoc(Range.getBegin());
    SourceLocation End = SM.getExpansionLoc(Range.getEnd());
    auto Inside = [&](SourceLocation Loc) {
      return !SM.isBeforeInTranslationUnit(Loc, Begin) &&
             !SM.isBeforeInTranslationUnit(End, Loc);
    };
    // Whether control goes from a block of the try block to code outside
    // it, or to the exit, through blocks that hold no code.
    std::vector<bool> Seen(Graph.getNumBlockIDs(), false);
    auto LeavesThrough = [&](const CFGBlock *Succ) {
      llvm::SmallVector<const CFGBlock *, 8> Pending{Succ};
      while (!Pending.empty()) {
        const CFGBlock *Next = Pending.pop_back_val();
        if (!Next || Seen[Next->getBlockID()])
          continue;
        Seen[Next->getBlockID()] = true;
        if (Next == &Graph.getExit())
          return true;
        SourceLocation Loc = codeLocation(*Next, SM);
        if (Loc.isValid()) {
          if (!Inside(Loc))
            return true;
          continue;
        }
        for (const CFGBlock *After : Next->succs())
          Pending.push_back(After);
      }
      return false;
    };
    bool Entered = false, Leaves = false;
    for (const CFGBlock *Block : Graph) {
      if (!Reached[Block->getBlockID()])
        continue;
      SourceLocation Loc = codeLocation(*Block, SM);
      if (Loc.isInvalid() || !Inside(Loc))
        continue;
      Entered = true;
      for (const CFGBlock *Succ : Block->succs())
        if (LeavesThrough(Succ)) {
          Leaves = true;
          break;
        }
      if (Leaves)
        break;
    }
    if (Entered && !Leaves)
      Tries.insert(Try);
  }
  return Tries;
}

/// Hides from clang's builder, while it lives, the awaiter calls of every
/// co_await and co_yield of a body (await_ready, await_suspend,
/// await_resume): the builder visits every node of them and adds nothing a
/// flow without exception edges reads. Each is replaced with the await's
/// opaque value, which the builder skips, and put back on destruction.
class HiddenAwaiterCalls {
public:
  /// Hides the awaiter calls of \p Suspends, and of the suspends the
  /// coroutine body \p Body adds itself.
  HiddenAwaiterCalls(Stmt *Body,
                     const std::vector<CoroutineSuspendExpr *> &Suspends) {
    // Three parts each, and those of the initial and final suspends.
    HiddenParts.reserve(3 * (Suspends.size() + 2));
    for (CoroutineSuspendExpr *E : Suspends)
      hide(*E);
    if (auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
      for (Stmt *S :
           {Coroutine->getInitSuspendStmt(), Coroutine->getFinalSuspendStmt()})
        if (auto *E = dyn_cast_or_null<Expr>(S))
          if (auto *Suspend =
                  dyn_cast<CoroutineSuspendExpr>(E->IgnoreImplicit()))
            hide(*Suspend);
  }
  /// Hides the awaiter calls of every await in \p Body.
  explicit HiddenAwaiterCalls(Stmt *Body) {
    // A walk of the children is cheaper than a RecursiveASTVisitor's, and
    // the order in which the awaits are found does not matter.
    llvm::SmallVector<Stmt *, 32> Work{Body};
    while (!Work.empty()) {
      Stmt *S = Work.pop_back_val();
      if (auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S)) {
        hide(*Suspend);
        // Only the operand holds written code, and awaits nested in it.
        if (Expr *Operand = Suspend->getOperand())
          Work.push_back(Operand);
        continue;
      }
      // A lambda's body is a function of its own, with its own graph.
      if (auto *Lambda = dyn_cast<LambdaExpr>(S)) {
        for (Expr *Init : Lambda->capture_inits())
          if (Init)
            Work.push_back(Init);
        continue;
      }
      for (Stmt *Child : S->children())
        if (Child)
          Work.push_back(Child);
    }
  }
  ~HiddenAwaiterCalls() {
    // Last hidden, first put back: a part is hidden once, but in reverse
    // order even a second hiding would leave the AST as it was.
    for (const Hidden &H : llvm::reverse(HiddenParts))
      *H.Slot = H.Part;
  }
  HiddenAwaiterCalls(const HiddenAwaiterCalls &) = delete;
  HiddenAwaiterCalls &operator=(const HiddenAwaiterCalls &) = delete;

private:
  void hide(CoroutineSuspendExpr &E) {
    OpaqueValueExpr *Opaque = E.getOpaqueValue();
    if (!Opaque)
      return;
    const Expr *Parts[] = {E.getReadyExpr(), E.getSuspendExpr(),
                           E.getResumeExpr()};
    // The slots are found by what they hold: which children they are
    // differs between clang's versions.
    for (Stmt *&Slot : E.children()) {
      const auto *Part = dyn_cast_or_null<Expr>(Slot);
      if (!Part || Part == Opaque || !llvm::is_contained(Parts, Part) ||
          Part == E.getCommonExpr() || Part == E.getOperand() ||
          awaiterCallMayEndBlock(Part))
        continue;
      HiddenParts.push_back({&Slot, Slot});
      Slot = Opaque;
    }
  }

  struct Hidden {
    Stmt **Slot;
    Stmt *Part;
  };
  llvm::SmallVector<Hidden, 0> HiddenParts;
};

/// Clang's CFG of \p Body, without the marking of branches whose
/// condition has a known value. Without exception edges the awaiter calls
/// of \p Suspends, or if null of every await of the body, are hidden.
std::unique_ptr<CFG>
buildWithClang(const Decl *D, Stmt *Body, ASTContext &Ctx, bool ExceptionEdges,
               KeptStmts *Kept, bool EvaluateConditions,
               const std::vector<CoroutineSuspendExpr *> *Suspends) {
  CFG::BuildOptions Options;
  Options.AddLifetime = true;
  Options.AddEHEdges = ExceptionEdges;
  // Trying to evaluate conditions none of which has a known value changes
  // nothing in the graph.
  Options.PruneTriviallyFalseEdges = EvaluateConditions;
  // The builder reads the kept statements through a pointer to the map.
  KeptStmts *KeptMap = Kept;
  if (Kept)
    Options.forcedBlkExprs = &KeptMap;
  else
    Options.setAllAlwaysAdd();
  if (ExceptionEdges)
    return CFG::buildCFG(D, Body, &Ctx, Options);
  std::optional<HiddenAwaiterCalls> Hidden;
  if (Suspends)
    Hidden.emplace(Body, *Suspends);
  else
    Hidden.emplace(Body);
  return CFG::buildCFG(D, Body, &Ctx, Options);
}

std::unique_ptr<CFG> buildGraph(const Decl *D, Stmt *Body, ASTContext &Ctx,
                                bool ExceptionEdges, KeptStmts *Kept,
                                const GraphHints *Hints,
                                const KeptFilter *Filter) {
  bool NoKnownConditions = Hints && Hints->NoKnownConditions;
  std::unique_ptr<CFG> Graph;
  // The common bodies are built for a fraction of what clang's builder
  // costs, and with nothing to hide: the same graph, block for block
  // (GraphBuilder.h).
  if (!ExceptionEdges && Kept && NoKnownConditions)
    Graph = buildSupportedGraph(D, Body, Ctx, *Kept, &Hints->Suspends, Filter);
  if (!Graph)
    Graph = buildWithClang(D, Body, Ctx, ExceptionEdges, Kept,
                           /*EvaluateConditions=*/!NoKnownConditions,
                           Hints ? &Hints->Suspends : nullptr);
  if (!Graph)
    return nullptr;
  for (CFGBlock *Block : *Graph) {
    // A two-way branch on a truth value: the true side first.
    const Expr *Condition = branchCondition(*Block);
    if (!Condition)
      continue;
    if (std::optional<bool> Value = knownConditionValue(Condition, Ctx))
      markUnreachable(*Block, *Value ? 1 : 0);
  }
  return Graph;
}

} // namespace

std::unique_ptr<CFG> buildFlowGraph(const Decl *D, Stmt *Body, ASTContext &Ctx,
                                    bool ExceptionEdges,
                                    TrySet *LeftByException, KeptStmts *Kept,
                                    const GraphHints *Hints,
                                    const KeptFilter *Filter) {
  std::unique_ptr<CFG> Graph =
      buildGraph(D, Body, Ctx, ExceptionEdges, Kept, Hints, Filter);
  if (!Graph || ExceptionEdges || !LeftByException)
    return Graph;
  *LeftByException = findTriesLeftByException(*Graph, Ctx.getSourceManager());
  if (LeftByException->empty())
    return Graph;
  if (Kept)
    for (auto &Entry : *Kept)
      Entry.second = nullptr;
  return buildGraph(D, Body, Ctx, /*ExceptionEdges=*/true, Kept, Hints, Filter);
}

std::unique_ptr<CFG> buildClangGraph(const Decl *D, Stmt *Body, ASTContext &Ctx,
                                     KeptStmts &Kept) {
  return buildWithClang(D, Body, Ctx, /*ExceptionEdges=*/false, &Kept,
                        /*EvaluateConditions=*/false, /*Suspends=*/nullptr);
}

} // namespace acm
