//===- CoroutineFacts.cpp -------------------------------------------------===//

#include "Analysis/Support/CoroutineFacts.h"
#include "Analysis/Support/AnalysisBounds.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace acm {

namespace {

bool declaresDeletedAwaitTransform(const CXXRecordDecl *Record,
                                   unsigned Depth = 0) {
  if (!Record || !(Record = Record->getDefinition()))
    return false;
  if (Depth > MaxBaseClassDepth) {
    countBoundReached(Bound::BaseClassDepth);
    return false;
  }
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

Stmt *writtenBody(const FunctionDecl &Function) {
  auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Function.getBody());
  return Coroutine ? Coroutine->getBody() : nullptr;
}

bool promiseAllowsAwait(const FunctionDecl &Coroutine) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Coroutine.getBody());
  const VarDecl *Promise = Body ? Body->getPromiseDecl() : nullptr;
  if (!Promise)
    return false;
  return !declaresDeletedAwaitTransform(
      Promise->getType()->getAsCXXRecordDecl());
}

} // namespace acm
