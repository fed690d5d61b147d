//===- YieldSites.cpp -----------------------------------------------------===//

#include "Analysis/Generator/YieldSites.h"
#include "Analysis/Support/BodyVisitor.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace acm {

namespace {

class YieldFinder : public BodyVisitor<YieldFinder> {
public:
  explicit YieldFinder(YieldSites &Out) : Out(Out) {}

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
  bool VisitCoawaitExpr(CoawaitExpr *E) {
    if (!E->isImplicit())
      Out.Awaits.push_back(E);
    return true;
  }
  bool VisitCoyieldExpr(CoyieldExpr *E) {
    Out.Yields.insert(E);
    if (ProtectedDepth > 0)
      Out.Protected.insert(E);
    return true;
  }

private:
  YieldSites &Out;
  unsigned ProtectedDepth = 0;
};

} // namespace

bool YieldSites::isYield(const Stmt *S) const {
  const auto *Y = dyn_cast<CoyieldExpr>(S);
  return Y && Yields.contains(Y);
}

YieldSites findYields(const Stmt *Body) {
  YieldSites Out;
  YieldFinder(Out).TraverseStmt(const_cast<Stmt *>(Body));
  return Out;
}

void keepGraphStatements(const YieldSites &Yields, KeptStmts &Kept) {
  for (const CoyieldExpr *Yield : Yields.Yields)
    Kept.try_emplace(Yield, nullptr);
  for (const CoawaitExpr *Await : Yields.Awaits)
    Kept.try_emplace(Await, nullptr);
}

} // namespace acm
