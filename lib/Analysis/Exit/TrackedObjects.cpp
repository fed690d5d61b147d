//===- TrackedObjects.cpp -------------------------------------------------===//

#include "Analysis/Exit/TrackedObjects.h"
#include "Analysis/Support/ExprUnwrap.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace acm {

const VarDecl *TrackedObject::var() const { return dyn_cast<VarDecl>(Decl); }

std::string TrackedObject::name() const { return Decl->getNameAsString(); }

namespace {

/// True if \p E is "this", or "*this".
bool isThis(const Expr *E) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  if (const auto *Deref = dyn_cast_or_null<UnaryOperator>(E))
    if (Deref->getOpcode() == UO_Deref)
      E = Deref->getSubExpr()->IgnoreParenImpCasts();
  return isa_and_nonnull<CXXThisExpr>(E);
}

/// A method of std::optional or std::unique_ptr that gives the object held.
bool accessesHeld(const CXXMethodDecl *Method) {
  if (!Method || !Method->getParent()->isInStdNamespace())
    return false;
  if (Method->getOverloadedOperator() == OO_Arrow ||
      Method->getOverloadedOperator() == OO_Star)
    return true;
  return Method->getIdentifier() && Method->getName() == "value";
}

} // namespace

const Expr *ObjectTable::referenceOf(const Expr *E) const {
  E = stripWrappers(E);
  if (!E)
    return nullptr;
  if (const VarDecl *V = referencedVar(E))
    return Index.count(V) ? E : nullptr;
  if (!HasMembers)
    return nullptr;
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (isThis(Member->getBase()) && Index.count(Member->getMemberDecl()))
      return Member;
    return nullptr;
  }
  // m->op(), (*m).op(), m.value().op() for a member held through
  // std::optional or std::unique_ptr.
  const Expr *Holder = nullptr;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getNumArgs() == 1 &&
        accessesHeld(dyn_cast_or_null<CXXMethodDecl>(Op->getCalleeDecl())))
      Holder = Op->getArg(0);
  } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    if (accessesHeld(calledMethod(Call)))
      Holder = objectArgument(Call);
  }
  const auto *Member = dyn_cast_or_null<MemberExpr>(stripWrappers(Holder));
  if (!Member || !isThis(Member->getBase()))
    return nullptr;
  std::optional<unsigned> Obj = indexOf(Member->getMemberDecl());
  if (!Obj || Objects[*Obj].Holder == MemberHolder::Direct)
    return nullptr;
  return Member;
}

std::optional<unsigned> ObjectTable::indexOfWrapped(const Expr *E) const {
  const Expr *Ref = referenceOf(E);
  if (!Ref)
    return std::nullopt;
  if (const VarDecl *V = referencedVar(Ref))
    return indexOf(V);
  return indexOf(cast<MemberExpr>(Ref)->getMemberDecl());
}

llvm::ArrayRef<HeldOp> ObjectTable::heldOps(unsigned Obj) const {
  auto It = HeldOps.find(Obj);
  if (It == HeldOps.end())
    return {};
  return It->second;
}

llvm::ArrayRef<unsigned> ObjectTable::resourcesOf(unsigned Owner) const {
  auto It = ResourcesOf.find(Owner);
  if (It == ResourcesOf.end())
    return {};
  return It->second;
}

unsigned ObjectTable::add(TrackedObject Object) {
  auto [It, Inserted] = Index.try_emplace(Object.Decl, Objects.size());
  if (Inserted) {
    HasMembers |= Object.IsMember;
    Objects.push_back(Object);
  }
  return It->second;
}

} // namespace acm
