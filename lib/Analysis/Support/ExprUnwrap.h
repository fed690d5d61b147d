//===- ExprUnwrap.h - Looking through the AST's wrappers ------------------===//
//
// Clang wraps the value a programmer wrote in nodes that only say how it is
// materialized, converted or destroyed. The analyses look through them to
// the expression as written, as clang's IgnoreExprNodes does. What they ask
// of every node (the function a call names, the method and object of a
// member call, where a call or a name begins) is read here at once for the
// usual shapes, and from clang's out-of-line getters for the rest; a unit
// test compares the two.
//
// Support room: protocol-agnostic; clang's AST only.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_SUPPORT_EXPRUNWRAP_H
#define ACM_ANALYSIS_SUPPORT_EXPRUNWRAP_H

#include "clang/AST/ExprCXX.h"
#include "clang/AST/IgnoreExpr.h"

namespace acm {

/// The method \p Call calls: CXXMemberCallExpr::getMethodDecl, which is out
/// of line and looks through parentheses first. The passes ask it of every
/// member call several times; the usual callee, a member expression as
/// written, is read here at once.
inline clang::CXXMethodDecl *
calledMethod(const clang::CXXMemberCallExpr *Call) {
  if (const auto *Member = llvm::dyn_cast<clang::MemberExpr>(Call->getCallee()))
    return llvm::cast<clang::CXXMethodDecl>(Member->getMemberDecl());
  return Call->getMethodDecl();
}

/// The function \p Call names: CallExpr::getDirectCallee, which asks the
/// callee out of line. The usual callees, a member expression and a name
/// decayed to a pointer, are read here at once.
inline const clang::FunctionDecl *directCallee(const clang::CallExpr *Call) {
  const clang::Expr *Callee = Call->getCallee();
  if (const auto *Member = llvm::dyn_cast<clang::MemberExpr>(Callee))
    return llvm::dyn_cast<clang::FunctionDecl>(Member->getMemberDecl());
  if (const auto *Decay = llvm::dyn_cast<clang::ImplicitCastExpr>(Callee))
    if (const auto *Ref =
            llvm::dyn_cast<clang::DeclRefExpr>(Decay->getSubExpr()))
      return llvm::dyn_cast<clang::FunctionDecl>(Ref->getDecl());
  return Call->getDirectCallee();
}

/// The object \p Call calls its method on, before any conversion:
/// CXXMemberCallExpr::getImplicitObjectArgument, read as calledMethod reads
/// the method.
inline clang::Expr *objectArgument(const clang::CXXMemberCallExpr *Call) {
  if (const auto *Member = llvm::dyn_cast<clang::MemberExpr>(Call->getCallee()))
    return Member->getBase();
  return Call->getImplicitObjectArgument();
}

/// Where \p Call begins, as Call->getBeginLoc() says. That is out of line
/// twice over for a member call (the member access, then its object); the
/// usual "variable.method(...)" is read here at once.
inline clang::SourceLocation beginOf(const clang::CXXMemberCallExpr *Call) {
  // An object named by a DeclRefExpr is no implicit "this": the member
  // access begins where the name does.
  if (!Call->usesMemberSyntax())
    if (const auto *Member =
            llvm::dyn_cast<clang::MemberExpr>(Call->getCallee()))
      if (const auto *Ref =
              llvm::dyn_cast<clang::DeclRefExpr>(Member->getBase());
          Ref && !Ref->hasQualifier() && Ref->getLocation().isValid())
        return Ref->getLocation();
  return Call->getBeginLoc();
}

/// Where \p S begins: Stmt::getBeginLoc, sooner for a member call
/// (beginOf) and for a plain name.
inline clang::SourceLocation beginOf(const clang::Stmt *S) {
  if (const auto *Call = llvm::dyn_cast<clang::CXXMemberCallExpr>(S))
    return beginOf(Call);
  if (const auto *Ref = llvm::dyn_cast<clang::DeclRefExpr>(S);
      Ref && !Ref->hasQualifier())
    return Ref->getLocation();
  return S->getBeginLoc();
}

/// The expression \p E wraps if it is a full-expression, a materialized
/// temporary or a bound temporary; null otherwise.
inline clang::Expr *temporaryOperand(clang::Expr *E) {
  if (auto *Full = llvm::dyn_cast<clang::FullExpr>(E))
    return Full->getSubExpr();
  if (auto *Temp = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(E))
    return Temp->getSubExpr();
  if (auto *Bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(E))
    return Bind->getSubExpr();
  return nullptr;
}

inline const clang::Expr *temporaryOperand(const clang::Expr *E) {
  return temporaryOperand(const_cast<clang::Expr *>(E));
}

/// Expr::IgnoreParens, which is out of line, asked only of the classes it
/// can look through: most nodes are none of them.
inline const clang::Expr *ignoreParens(const clang::Expr *E) {
  switch (E->getStmtClass()) {
  case clang::Stmt::ParenExprClass:
  case clang::Stmt::UnaryOperatorClass:
  case clang::Stmt::GenericSelectionExprClass:
  case clang::Stmt::ChooseExprClass:
  case clang::Stmt::PredefinedExprClass:
    return E->IgnoreParens();
  default:
    return E;
  }
}
inline clang::Expr *ignoreParens(clang::Expr *E) {
  return const_cast<clang::Expr *>(
      ignoreParens(static_cast<const clang::Expr *>(E)));
}

/// \p E without parentheses, implicit conversions, temporaries, and the
/// explicit casts that name the same object (static_cast<T&&>(r), a cast to
/// a base class): the object or value as written.
inline clang::Expr *stripWrappers(clang::Expr *E) {
  if (!E)
    return nullptr;
  // The usual wrappers are peeled in one switch per node rather than four
  // tries: each is a node one of the steps below strips from the outside,
  // so what is left is what the steps would leave.
  while (true) {
    switch (E->getStmtClass()) {
    case clang::Stmt::ImplicitCastExprClass:
      E = llvm::cast<clang::ImplicitCastExpr>(E)->getSubExpr();
      continue;
    case clang::Stmt::ExprWithCleanupsClass:
    case clang::Stmt::ConstantExprClass:
      E = llvm::cast<clang::FullExpr>(E)->getSubExpr();
      continue;
    case clang::Stmt::MaterializeTemporaryExprClass:
      E = llvm::cast<clang::MaterializeTemporaryExpr>(E)->getSubExpr();
      continue;
    case clang::Stmt::CXXBindTemporaryExprClass:
      E = llvm::cast<clang::CXXBindTemporaryExpr>(E)->getSubExpr();
      continue;
    case clang::Stmt::ParenExprClass:
      E = llvm::cast<clang::ParenExpr>(E)->getSubExpr();
      continue;
    default:
      // The other classes some step may strip; no step changes any other
      // node (a reference, a call, an await).
      if (llvm::isa<clang::CastExpr, clang::UnaryOperator,
                    clang::GenericSelectionExpr, clang::ChooseExpr,
                    clang::PredefinedExpr, clang::SubstNonTypeTemplateParmExpr>(
              E))
        return clang::IgnoreExprNodes(E, clang::IgnoreParensSingleStep,
                                      clang::IgnoreImplicitCastsExtraSingleStep,
                                      clang::IgnoreImplicitSingleStep,
                                      clang::IgnoreBaseCastsSingleStep);
      return E;
    }
  }
}

inline const clang::Expr *stripWrappers(const clang::Expr *E) {
  return stripWrappers(const_cast<clang::Expr *>(E));
}

/// stripWrappers, and casts to void as well: "(void)r.aexit()" discards
/// like "r.aexit()".
inline clang::Expr *stripDiscard(clang::Expr *E) {
  E = stripWrappers(E);
  while (auto *Cast = llvm::dyn_cast_or_null<clang::ExplicitCastExpr>(E)) {
    if (!Cast->getType()->isVoidType())
      break;
    E = stripWrappers(Cast->getSubExpr());
  }
  return E;
}

/// The variable \p E names, if it is a reference to one.
inline const clang::VarDecl *referencedVar(const clang::Expr *E) {
  if (const auto *DRE = llvm::dyn_cast_or_null<clang::DeclRefExpr>(E))
    return llvm::dyn_cast<clang::VarDecl>(DRE->getDecl());
  return nullptr;
}

/// True if \p F is std::move, std::forward or a relative: a call of it
/// names its argument's object.
inline bool isMoveLike(const clang::FunctionDecl *F) {
  if (!F || !F->getIdentifier())
    return false;
  llvm::StringRef Name = F->getName();
  if (Name != "move" && Name != "forward" && Name != "move_if_noexcept" &&
      Name != "exchange" && Name != "forward_like")
    return false;
  return F->isInStdNamespace();
}

/// The object \p Call is made on: "r" in "r.aexit()", and also in
/// "std::move(r).cleanup()" (rvalue-qualified ops such as folly's).
inline clang::Expr *calledObject(const clang::CXXMemberCallExpr *Call) {
  clang::Expr *Object = stripWrappers(objectArgument(Call));
  if (auto *Move = llvm::dyn_cast_or_null<clang::CallExpr>(Object))
    if (Move->getNumArgs() == 1 && isMoveLike(directCallee(Move)))
      return stripWrappers(Move->getArg(0));
  return Object;
}

} // namespace acm

#endif // ACM_ANALYSIS_SUPPORT_EXPRUNWRAP_H
