//===- LocalVars.h - Which variables are a body's locals ------------------===//
//
// Every pass asks of each variable whether it is a local with automatic
// storage. Clang's VarDecl::hasLocalStorage and isLocalVarDecl find the
// variable's context through the out-of-line getRedeclContext, which walks
// up past transparent contexts. The usual variable of a body, declared in
// the function itself with no storage class, is answered here at once; the
// rest ask clang. A unit test compares the two.
//
// Support room: protocol-agnostic; clang's AST only.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_SUPPORT_LOCALVARS_H
#define ACM_ANALYSIS_SUPPORT_LOCALVARS_H

#include "clang/AST/Decl.h"

namespace acm {

/// True if \p V is written directly in a function's parameters or body: a
/// function is its own redeclaration context, so clang's walk would stop
/// there at once.
inline bool declaredInFunction(const clang::VarDecl *V) {
  return llvm::isa<clang::FunctionDecl>(V->getLexicalDeclContext());
}

/// VarDecl::hasLocalStorage.
inline bool hasLocalStorage(const clang::VarDecl *V) {
  // With no storage class, a variable of a function that no class holds
  // is neither a file variable nor a static data member: it is local
  // unless it is thread_local or in OpenCL's constant address space.
  if (V->getStorageClass() == clang::SC_None &&
      V->getTSCSpec() == clang::TSCS_unspecified && declaredInFunction(V) &&
      !V->getDeclContext()->isRecord() &&
      V->getType().getAddressSpace() != clang::LangAS::opencl_constant)
    return true;
  return V->hasLocalStorage();
}

/// VarDecl::isLocalVarDecl.
inline bool isLocalVarDecl(const clang::VarDecl *V) {
  if (V->getKind() == clang::Decl::Var && declaredInFunction(V))
    return true;
  return V->isLocalVarDecl();
}

} // namespace acm

#endif // ACM_ANALYSIS_SUPPORT_LOCALVARS_H
