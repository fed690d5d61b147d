//===- FlowGraph.cpp ------------------------------------------------------===//

#include "Analysis/Support/FlowGraph.h"
#include "Analysis/Support/CfgHelpers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/StringRef.h"

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
    return returnedValue(Call->getDirectCallee(), Ctx, Depth);
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

std::unique_ptr<CFG> buildFlowGraph(const Decl *D, Stmt *Body,
                                    ASTContext &Ctx, bool ExceptionEdges) {
  CFG::BuildOptions Options;
  Options.AddLifetime = true;
  Options.AddEHEdges = ExceptionEdges;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph = CFG::buildCFG(D, Body, &Ctx, Options);
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

} // namespace acm
