//===- ConstantConditions.cpp ---------------------------------------------===//

#include "Analysis/Support/ConstantConditions.h"
#include "Analysis/Support/ExprUnwrap.h"
#include "Analysis/Support/LocalVars.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace acm {

namespace {

/// The variable \p E reads, if it is a read of a local variable or by-value
/// parameter that is not const (under conversions between scalars): no
/// constant evaluation knows its value.
const VarDecl *unknownRead(const Expr *E) {
  bool Read = false;
  while (true) {
    E = ignoreParens(E);
    const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
    if (!Cast)
      break;
    switch (Cast->getCastKind()) {
    case CK_LValueToRValue:
      Read = true;
      break;
    case CK_IntegralToBoolean:
    case CK_PointerToBoolean:
    case CK_IntegralCast:
    case CK_NoOp:
      if (Read)
        return nullptr;
      break;
    default:
      return nullptr;
    }
    E = Cast->getSubExpr();
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  // A parameter always has local storage; hasLocalStorage looks for the
  // function's context.
  if (!Read || !V || (!isa<ParmVarDecl>(V) && !hasLocalStorage(V)) ||
      V->isConstexpr())
    return nullptr;
  QualType T = V->getType();
  if (T->isReferenceType() || T.isConstQualified() ||
      !(T->isIntegralOrEnumerationType() || T->isPointerType()))
    return nullptr;
  return V;
}

/// True if \p E calls a function that is neither constexpr nor a builtin:
/// the evaluation stops there, whatever the arguments.
bool callsRuntimeFunction(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? directCallee(Call) : nullptr;
  return Callee && !Callee->isConstexpr() && Callee->getBuiltinID() == 0;
}

/// An operand of a comparison that cannot make clang's builder decide it
/// by its shape: a read as above of a variable that is not a bool, an
/// integer literal, an enumerator.
bool isPlainComparisonOperand(const Expr *E, bool &Reads) {
  if (const VarDecl *V = unknownRead(E)) {
    Reads = true;
    return !V->getType()->isBooleanType();
  }
  // A literal is most often written bare; IgnoreParenImpCasts is a call.
  if (!isa<IntegerLiteral>(E))
    E = E->IgnoreParenImpCasts();
  if (isa<IntegerLiteral>(E))
    return true;
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref && isa<EnumConstantDecl>(Ref->getDecl());
}

bool isComparison(const Expr *E) {
  const auto *B = dyn_cast<BinaryOperator>(ignoreParens(E));
  return B && B->isComparisonOp();
}

/// True if neither clang's builder nor the constant evaluator can know the
/// value of condition \p E. A && or || is vouched for where the walk visits
/// it (logicalUnknown): each is checked once, and a long chain of them
/// costs no more than its length.
bool certainlyUnknown(const Expr *E) {
  if (!E)
    return false;
  if (const auto *Full = dyn_cast<ExprWithCleanups>(E))
    E = Full->getSubExpr();
  if (unknownRead(E))
    return true;
  // A truth value of something unknown is unknown.
  while (true) {
    E = ignoreParens(E);
    const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
    if (!Cast || (Cast->getCastKind() != CK_IntegralToBoolean &&
                  Cast->getCastKind() != CK_PointerToBoolean))
      break;
    E = Cast->getSubExpr();
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return U->getOpcode() == UO_LNot && certainlyUnknown(U->getSubExpr());
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    if (B->isComparisonOp()) {
      bool Reads = false;
      return isPlainComparisonOperand(B->getLHS(), Reads) &&
             isPlainComparisonOperand(B->getRHS(), Reads) && Reads;
    }
    return B->isLogicalOp();
  }
  return callsRuntimeFunction(E);
}

/// True if clang's builder can know the value of neither operand of the &&
/// or || \p B, nor of \p B from their shape. The builder evaluates each
/// operand on its own and combines what it knows.
bool logicalUnknown(const BinaryOperator *B) {
  // The builder decides `x || !x` and `x < 3 && x > 5` by their shape.
  const Expr *LHS = B->getLHS(), *RHS = B->getRHS();
  for (const Expr *Side : {LHS, RHS})
    if (const auto *Not = dyn_cast<UnaryOperator>(Side->IgnoreParenImpCasts());
        Not && Not->getOpcode() == UO_LNot)
      return false;
  if (isComparison(LHS) && isComparison(RHS))
    return false;
  return certainlyUnknown(LHS) && certainlyUnknown(RHS);
}

/// True if clang's builder would evaluate something inside \p S: it holds
/// a branch, a && or ||, a conditional operator or a switch.
bool containsBranch(const Stmt *S) {
  if (!S)
    return false;
  if (isa<IfStmt, WhileStmt, ForStmt, DoStmt, CXXForRangeStmt, SwitchStmt,
          AbstractConditionalOperator>(S))
    return true;
  if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->isLogicalOp())
    return true;
  for (const Stmt *Child : S->children())
    if (containsBranch(Child))
      return true;
  return false;
}

/// True if the conditions clang's builder evaluates at \p S certainly have
/// no known value.
bool conditionsUnknownAt(const Stmt *S) {
  switch (S->getStmtClass()) {
  case Stmt::IfStmtClass: {
    const auto *If = cast<IfStmt>(S);
    return If->isConsteval() || certainlyUnknown(If->getCond());
  }
  case Stmt::WhileStmtClass:
    return certainlyUnknown(cast<WhileStmt>(S)->getCond());
  case Stmt::ForStmtClass: {
    // Without a condition the loop is endless in either case.
    const Expr *Cond = cast<ForStmt>(S)->getCond();
    return !Cond || certainlyUnknown(Cond);
  }
  case Stmt::DoStmtClass:
    return certainlyUnknown(cast<DoStmt>(S)->getCond());
  case Stmt::CXXForRangeStmtClass:
    return certainlyUnknown(cast<CXXForRangeStmt>(S)->getCond());
  case Stmt::ConditionalOperatorClass:
    return certainlyUnknown(cast<ConditionalOperator>(S)->getCond());
  case Stmt::BinaryConditionalOperatorClass:
    return false;
  case Stmt::SwitchStmtClass: {
    const Expr *Cond = cast<SwitchStmt>(S)->getCond();
    if (!Cond)
      return false;
    if (const auto *Full = dyn_cast<ExprWithCleanups>(Cond))
      Cond = Full->getSubExpr();
    return unknownRead(Cond) ||
           callsRuntimeFunction(Cond->IgnoreParenImpCasts());
  }
  case Stmt::BinaryOperatorClass: {
    const auto *B = cast<BinaryOperator>(S);
    return !B->isLogicalOp() || logicalUnknown(B);
  }
  case Stmt::AttributedStmtClass:
    // The builder visits an assumption; the passes may not.
    for (const Attr *A : cast<AttributedStmt>(S)->getAttrs())
      if (const auto *Assume = dyn_cast<CXXAssumeAttr>(A))
        if (containsBranch(Assume->getAssumption()))
          return false;
    return true;
  default:
    return true;
  }
}

} // namespace

void ConstantConditionScan::visitEvaluated(const Stmt *S) {
  if (!conditionsUnknownAt(S))
    MayHaveKnown = true;
}

void ConstantConditionScan::visitUnevaluated(const Stmt *S) {
  // Clang's builder visits the operand of noexcept and the size of a
  // variable-length array in sizeof.
  if (!MayHaveKnown && containsBranch(S))
    MayHaveKnown = true;
}

} // namespace acm
