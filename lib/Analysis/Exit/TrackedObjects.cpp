//===- TrackedObjects.cpp -------------------------------------------------===//

#include "Analysis/Exit/TrackedObjects.h"
#include "Analysis/Support/ExprUnwrap.h"

namespace acm {

std::optional<unsigned> ObjectTable::indexOf(const clang::VarDecl *V) const {
  auto It = Index.find(V);
  if (It == Index.end())
    return std::nullopt;
  return It->second;
}

std::optional<unsigned> ObjectTable::indexOf(const clang::Expr *E) const {
  if (const clang::VarDecl *V = referencedVar(E))
    return indexOf(V);
  return std::nullopt;
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
  auto [It, Inserted] = Index.try_emplace(Object.Var, Objects.size());
  if (Inserted)
    Objects.push_back(Object);
  return It->second;
}

} // namespace acm
