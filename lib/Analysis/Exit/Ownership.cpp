//===- Ownership.cpp ------------------------------------------------------===//

#include "Analysis/Exit/Ownership.h"
#include "Analysis/Support/ExprUnwrap.h"
#include "Model/NameMatching.h"
#include "Model/ProtocolModel.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace acm {

namespace {

/// Looks in a definition for what takes over its subject: the parameter
/// Param, or "this" when Param is null.
class TakeOverFinder : public RecursiveASTVisitor<TakeOverFinder> {
public:
  TakeOverFinder(const ProtocolModel &Model, const ParmVarDecl *Param)
      : Model(Model), Param(Param) {}

  bool Found = false;

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    OpKind Op = Model.classifyCall(Call);
    if (Op == OpKind::Exit && isSubject(calledObject(Call)))
      Found = true;
    if (Param && (Op == OpKind::StackPush || Op == OpKind::StackEnterContext))
      for (Expr *Arg : Call->arguments())
        Found |= isSubject(Arg);
    return !Found;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (Param && isMoveLike(directCallee(Call)) && Call->getNumArgs() == 1 &&
        isSubject(Call->getArg(0)))
      Found = true;
    return !Found;
  }
  // A lambda in a method has its own "this" capture; keep it simple.
  bool TraverseLambdaExpr(LambdaExpr *L) {
    return !Param || RecursiveASTVisitor::TraverseLambdaExpr(L);
  }

private:
  bool isSubject(const Expr *E) const {
    E = stripWrappers(E);
    return Param ? referencedVar(E) == Param : isa_and_nonnull<CXXThisExpr>(E);
  }

  const ProtocolModel &Model;
  const ParmVarDecl *Param;
};

} // namespace

bool OwnershipRules::takesOverParameter(const FunctionDecl *Callee,
                                        unsigned Index) {
  const FunctionDecl *Definition = nullptr;
  if (!Callee->hasBody(Definition) || Index >= Definition->getNumParams())
    return false;
  return definitionTakesOver(Definition, Definition->getParamDecl(Index));
}

bool OwnershipRules::methodTakesOver(const CXXMethodDecl *Method) {
  const FunctionDecl *Definition = nullptr;
  if (!Method || !Method->hasBody(Definition))
    return false;
  return definitionTakesOver(Definition, /*Param=*/nullptr);
}

bool OwnershipRules::definitionTakesOver(const FunctionDecl *Definition,
                                         const ParmVarDecl *Param) {
  auto [Cached, Inserted] = TakesOver.try_emplace({Definition, Param});
  if (!Inserted)
    return Cached->second;
  TakeOverFinder Finder(Model, Param);
  Finder.TraverseStmt(Definition->getBody());
  Cached->second = Finder.Found;
  return Finder.Found;
}

bool isCopyOfObject(const VarDecl *V) {
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(
      V->getInit() ? stripWrappers(V->getInit()) : nullptr);
  return Construct && Construct->getConstructor() &&
         Construct->getConstructor()->isCopyConstructor() &&
         Construct->getNumArgs() >= 1 && Construct->getArg(0)->isGLValue();
}

bool isDefaultConstructed(const VarDecl *V) {
  const auto *Construct =
      dyn_cast_or_null<CXXConstructExpr>(stripWrappers(V->getInit()));
  return Construct && Construct->getConstructor() &&
         Construct->getConstructor()->isDefaultConstructor();
}

bool isSelfContainedValue(QualType T) {
  T = T.getCanonicalType();
  if (T->isArithmeticType() || T->isEnumeralType() || T->isNullPtrType())
    return true;
  const auto *Record = T->getAsCXXRecordDecl();
  return Record && Record->getIdentifier() &&
         Record->getName() == "basic_string" && Record->isInStdNamespace();
}

bool isSingleUseObject(const VarDecl *V, const ProtocolModel &Model) {
  return Model.isSingleUseType(V->getType()) ||
         isMadeByGeneratorManager(V, Model);
}

bool isMadeByGeneratorManager(const VarDecl *V, const ProtocolModel &Model) {
  const auto *Call = dyn_cast_or_null<CallExpr>(stripWrappers(V->getInit()));
  const FunctionDecl *Callee = Call ? directCallee(Call) : nullptr;
  if (!Callee)
    return false;
  if (matchesQualifiedName(Callee->getQualifiedNameAsString(),
                           Model.options().GeneratorManagers))
    return true;
  const FunctionDecl *Definition = nullptr;
  return Callee->hasBody(Definition) &&
         isa_and_nonnull<CoroutineBodyStmt>(Definition->getBody()) &&
         Model.isGeneratorManager(Definition);
}

} // namespace acm
