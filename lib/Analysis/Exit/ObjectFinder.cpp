//===- ObjectFinder.cpp ---------------------------------------------------===//

#include "Analysis/Exit/ObjectFinder.h"
#include "Analysis/Exit/AwaitedItems.h"
#include "Analysis/Exit/MemberContext.h"
#include "Analysis/Exit/Ownership.h"
#include "Analysis/Support/ExprUnwrap.h"
#include "Analysis/Support/LocalVars.h"
#include "Model/ProtocolModel.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace acm {

ObjectScan::ObjectScan(const FunctionDecl &Function, const ProtocolModel &Model,
                       const MemberContext *Members, FoundObjects &Out)
    : Model(Model), Out(Out) {
  if (Members)
    for (const TrackedObject &Member : Members->members())
      Out.Objects.add(Member);
  for (const ParmVarDecl *P : Function.parameters())
    trackParam(P);
}

bool ObjectScan::visitExpr(const Expr *E) {
  if (E->containsErrors())
    Out.HasErrors = true;
  return !Out.HasErrors;
}

bool ObjectScan::visitDecl(const Decl *D) {
  if (D->isInvalidDecl())
    Out.HasErrors = true;
  return !Out.HasErrors;
}

void ObjectScan::visitVarDecl(const VarDecl *V, const Expr *Init) {
  trackLocal(V, Init);
  if (Init)
    trackResource(V, stripWrappers(Init));
}

void ObjectScan::trackParam(const ParmVarDecl *P) {
  Out.HasErrors |= P->isInvalidDecl();
  // A copy of a shared handle (seastar::file): the caller holds the
  // original and closes it.
  if (P->getType()->isReferenceType())
    return;
  TypeFacts Facts = factsOf(P->getType());
  if (Facts.SharedHandle)
    return;
  ObjectKind Kind = Facts.Kind;
  if (Kind != ObjectKind::None)
    add(P, Facts, Kind, /*IsParam=*/true, /*IsAwaitable=*/false);
}

void ObjectScan::trackLocal(const VarDecl *V, const Expr *Init) {
  if (!isLocalVarDecl(V) || !hasLocalStorage(V) || V->isExceptionVariable() ||
      V->getType()->isReferenceType() || isa<ParmVarDecl>(V))
    return;
  TypeFacts Facts = factsOf(V->getType());
  ObjectKind Kind = Facts.Kind;
  if (Kind != ObjectKind::None) {
    // A copy of another shared handle is closed through the original.
    if (!(Facts.SharedHandle && isCopyOfObject(V)))
      add(V, Facts, Kind, false, false);
    return;
  }
  // A local holding the awaitable of an op, awaited later (or not).
  if (!Init || !Model.isAwaitableType(V->getType()))
    return;
  llvm::SmallVector<AwaitedItem, 2> Items;
  collectAwaitedItems(Init, Out.Objects, Model, Items);
  if (Items.empty())
    return;
  unsigned Self = add(V, Facts, ObjectKind::None, false, true);
  for (const AwaitedItem &Item : Items) {
    if (Item.Call) {
      Out.StoredCalls.push_back(Item.Call);
      Out.Objects.addHeldOp(Self,
                            {int(Item.Object), Item.Op, Item.Call, Item.InArm});
      continue;
    }
    // An awaitable built from other awaitable locals holds their ops;
    // awaiting it is what the inner local is for, not a use of it.
    Out.HeldLocalRefs.push_back(Item.Ref);
    for (HeldOp Op : Out.Objects.heldOps(Item.Local)) {
      Op.Conditional |= Item.InArm;
      Out.Objects.addHeldOp(Self, Op);
    }
    Out.Objects.setHeldByOuter(Item.Local);
  }
}

/// Records \p V as bound to what an enter returned: "auto &c = co_await
/// pool.aenter();", "auto *p = &co_await ...", or a copy of it, and the
/// resource an exit stack's enter_async_context hands out.
void ObjectScan::trackResource(const VarDecl *V, const Expr *Init) {
  // A copy of the resource is as tied to the manager as the resource.
  if (const auto *Copy = dyn_cast<CXXConstructExpr>(Init))
    if (Copy->getNumArgs() == 1)
      Init = stripWrappers(Copy->getArg(0));
  bool Address = false;
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Init))
    if (AddrOf->getOpcode() == UO_AddrOf) {
      Init = stripWrappers(AddrOf->getSubExpr());
      Address = true;
    }
  const auto *Await = dyn_cast<CoawaitExpr>(Init);
  if (!Await)
    return;
  const auto *Call =
      dyn_cast<CXXMemberCallExpr>(stripWrappers(Await->getOperand()));
  if (!Call)
    return;
  OpKind Op = Model.classifyCall(Call);
  if (Op != OpKind::Enter && Op != OpKind::StackEnterContext)
    return;
  std::optional<unsigned> Owner = Out.Objects.indexOf(calledObject(Call));
  if (!Owner || Out.Objects.indexOf(V))
    return;
  // A copy of a self-contained value ("int slot = co_await
  // limiter.aenter();") is not tied to the manager: the variable holds
  // one, or a reference binds to the copy the enter returned.
  bool HoldsCopy =
      !Address && (!V->getType()->isReferenceType() || Await->isPRValue());
  if (HoldsCopy && isSelfContainedValue(Await->getType()))
    return;
  TrackedObject Resource =
      make(V, factsOf(V->getType()), ObjectKind::None, false, false);
  Resource.Owner = int(*Owner);
  Resource.SingleUse = false;
  unsigned Self = Out.Objects.add(Resource);
  Out.Objects.addResource(*Owner, Self);
}

ObjectScan::TypeFacts ObjectScan::factsOf(QualType T) {
  auto [It, New] = Types.try_emplace(T.getAsOpaquePtr());
  if (New)
    It->second = {Model.classifyType(T), Model.isSharedHandleType(T),
                  Model.isSingleUseType(T), Model.isDefaultEmptyType(T),
                  Model.hasIdempotentExit(T)};
  return It->second;
}

TrackedObject ObjectScan::make(const VarDecl *V, const TypeFacts &Facts,
                               ObjectKind Kind, bool IsParam,
                               bool IsAwaitable) {
  TrackedObject Object;
  Object.Decl = V;
  Object.Kind = Kind;
  Object.IsParam = IsParam;
  Object.IsAwaitable = IsAwaitable;
  Object.SingleUse =
      !IsAwaitable && (Facts.SingleUse || isMadeByGeneratorManager(V, Model));
  Object.EmptyAtBirth =
      !IsParam && !IsAwaitable && Facts.DefaultEmpty && isDefaultConstructed(V);
  Object.IdempotentExit = Facts.IdempotentExit;
  if (Kind == ObjectKind::Closeable)
    Object.Exit = Model.exitName(V->getType().getNonReferenceType());
  return Object;
}

unsigned ObjectScan::add(const VarDecl *V, const TypeFacts &Facts,
                         ObjectKind Kind, bool IsParam, bool IsAwaitable) {
  if (std::optional<unsigned> Known = Out.Objects.indexOf(V))
    return *Known;
  return Out.Objects.add(make(V, Facts, Kind, IsParam, IsAwaitable));
}

} // namespace acm
