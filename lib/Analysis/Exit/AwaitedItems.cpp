//===- AwaitedItems.cpp ---------------------------------------------------===//

#include "Analysis/Exit/AwaitedItems.h"
#include "Analysis/Support/AnalysisBounds.h"
#include "Analysis/Support/ExprUnwrap.h"
#include "Model/ProtocolModel.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace acm {

namespace {

void collect(const Expr *E, const ObjectTable &Objects,
             const ProtocolModel &Model,
             llvm::SmallVectorImpl<AwaitedItem> &Items, bool InArm,
             unsigned Depth) {
  if (!E)
    return;
  if (Depth > MaxAwaitedNesting) {
    countBoundReached(Bound::AwaitedNesting);
    return;
  }
  E = stripWrappers(E);
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    if (OpKind Op = Model.classifyCall(Call); Op != OpKind::None) {
      std::optional<unsigned> Obj = Objects.indexOf(calledObject(Call));
      Items.push_back({Call, 0, Call, InArm, Op, Obj ? int32_t(*Obj) : -1});
      return;
    }
  }
  if (referencedVar(E)) {
    std::optional<unsigned> Obj = Objects.indexOf(E);
    if (Obj && Objects[*Obj].IsAwaitable)
      Items.push_back({nullptr, *Obj, E, InArm});
    return;
  }
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(E)) {
    collect(Cond->getTrueExpr(), Objects, Model, Items, true, Depth + 1);
    collect(Cond->getFalseExpr(), Objects, Model, Items, true, Depth + 1);
    return;
  }
  if (!isa<InitListExpr>(E) && !Model.isAwaitableType(E->getType()))
    return;
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      collect(objectArgument(Member), Objects, Model, Items, InArm, Depth + 1);
    for (const Expr *Arg : Call->arguments())
      collect(Arg, Objects, Model, Items, InArm, Depth + 1);
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    for (const Expr *Arg : Construct->arguments())
      collect(Arg, Objects, Model, Items, InArm, Depth + 1);
  } else if (const auto *List = dyn_cast<InitListExpr>(E)) {
    for (const Expr *Init : List->inits())
      collect(Init, Objects, Model, Items, InArm, Depth + 1);
  }
}

} // namespace

void collectAwaitedItems(const Expr *E, const ObjectTable &Objects,
                         const ProtocolModel &Model,
                         llvm::SmallVectorImpl<AwaitedItem> &Items) {
  collect(E, Objects, Model, Items, /*InArm=*/false, /*Depth=*/0);
}

} // namespace acm
