//===- ExprWrappers.h - Looking through the AST's temporary wrappers ------===//
//
// Clang wraps the value a programmer wrote in nodes that only say how it is
// materialized and destroyed. The analyses look through them to the
// expression as written.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXPRWRAPPERS_H
#define ACM_ANALYSIS_EXPRWRAPPERS_H

#include "clang/AST/ExprCXX.h"

namespace acm {

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

} // namespace acm

#endif // ACM_ANALYSIS_EXPRWRAPPERS_H
