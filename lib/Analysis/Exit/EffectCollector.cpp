//===- EffectCollector.cpp ------------------------------------------------===//

#include "Analysis/Exit/EffectCollector.h"
#include "Analysis/Exit/BodyContexts.h"
#include "Analysis/Exit/MemberContext.h"
#include "Analysis/Exit/ObjectFinder.h"
#include "Analysis/Support/BodyVisitor.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Analysis/Support/CoroutineFacts.h"
#include "Analysis/Support/ExprUnwrap.h"
#include "Model/ProtocolModel.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include <functional>

using namespace clang;

namespace acm {

namespace {

EffectKind effectOf(RefRole Role) {
  switch (Role) {
  case RefRole::Use:
    return EffectKind::Use;
  case RefRole::Release:
    return EffectKind::Release;
  case RefRole::Reassign:
    return EffectKind::Reassign;
  case RefRole::OpObject:
    return EffectKind::OpObject;
  case RefRole::CopyOut:
    return EffectKind::CopyOut;
  }
  return EffectKind::Use;
}

/// Reads the statements of the body it has Visit methods for
/// (collectorReads), in the order the classifying walk visited them
/// (BodyContexts::Visited). It is a RecursiveASTVisitor that never
/// traverses: each statement goes through the visitor's own WalkUpFrom
/// chain, so every Visit method is called on it as a walk would call it,
/// base class first.
class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(const FunctionDecl &Function, const FoundObjects &Found,
            const BodyContexts &Contexts, const ProtocolModel &Model,
            const MemberContext *Members, EffectTable &Out)
      : Function(Function), Objects(Found.Objects), Contexts(Contexts),
        Model(Model), Members(Members), Out(Out),
        MayAwait(promiseAllowsAwait(Function)) {}

  void visit(const VisitedNode &Node) {
    Where = &Node;
    walkUp(Node.Node);
  }

  bool VisitCoroutineSuspendExpr(CoroutineSuspendExpr *E) {
    Out.Graph.Suspends.push_back(E);
    return true;
  }

  bool VisitCoawaitExpr(CoawaitExpr *E) {
    if (E->isImplicit()) {
      Out.Machinery.push_back(E);
      return true;
    }
    if (!Where->AwaitedSpan)
      return true;
    llvm::ArrayRef<AwaitedItem> Items = Contexts.awaitedBy(*Where);
    recordAwaitOfOp(E, Items);
    for (const AwaitedItem &Item : Items) {
      // An item in an arm of "b ? r.aexit() : s.aexit()" takes effect in
      // that arm's block of the CFG, on that arm's path only.
      const Stmt *Site = Item.InArm ? Item.Ref : E;
      if (!Item.Call) {
        addEffect(Site, EffectKind::AwaitLocal, Item.Local, E->getBeginLoc());
        continue;
      }
      const CXXMemberCallExpr *Call = Item.Call;
      OpKind Op = Item.Op;
      if (Item.Object >= 0) {
        unsigned Obj = Item.Object;
        if (Op == OpKind::Enter)
          addEffect(Site, EffectKind::Enter, Obj, E->getBeginLoc());
        else if (Op == OpKind::Exit)
          addEffect(Site, EffectKind::Exit, Obj, E->getBeginLoc());
        else if (Op == OpKind::StackEnterContext)
          addEffect(Site, EffectKind::StackPushed, Obj, E->getBeginLoc());
      } else if (const Expr *Object = calledObject(Call);
                 Op == OpKind::Enter && Object->isPRValue() &&
                 Object->getType()->isRecordType()) {
        Out.Immediate.push_back(
            {ImmediateFinding::EnteredTemporary, Call, Op, false});
      }
    }
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    recordFailurePoint(Call);
    enteredArguments(Call);
    if (auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      memberCall(Member);
    return true;
  }

  bool VisitCoreturnStmt(CoreturnStmt *S) {
    if (const Stmt *PromiseCall = S->getPromiseCall())
      Out.Machinery.push_back(PromiseCall);
    if (!S->isImplicit())
      recordFailurePoint(S);
    return true;
  }

  bool VisitReturnStmt(ReturnStmt *S) {
    recordFailurePoint(S);
    return true;
  }

  bool VisitCXXThrowExpr(CXXThrowExpr *E) {
    recordFailurePoint(E);
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *L) {
    for (unsigned I = 0; I < L->capture_size(); ++I) {
      const LambdaCapture &Capture = L->capture_begin()[I];
      if (Capture.capturesVariable())
        if (const auto *V = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          if (std::optional<unsigned> Obj = Objects.indexOf(V))
            captured(L, Capture, L->capture_init_begin()[I], V, *Obj);
    }
    // A continuation that mentions a member runs later, in code the flow
    // does not follow: the member is settled here.
    if (Members && capturesThis(L)) {
      llvm::SmallVector<unsigned, 4> Mentioned;
      membersMentioned(L->getBody(), Mentioned);
      for (unsigned Obj : Mentioned)
        addEffect(L, EffectKind::Release, Obj, L->getBeginLoc());
    }
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    // The walk records only the names of tracked objects, with the object.
    reference(E, unsigned(Where->Object));
    return true;
  }

  bool VisitMemberExpr(MemberExpr *E) {
    if (Members && Objects.referenceOf(E) == E)
      if (std::optional<unsigned> Obj = Objects.indexOf(E))
        reference(E, *Obj);
    return true;
  }

private:
  /// Calls the Visit methods a walk would call on \p S.
  void walkUp(Stmt *S) {
    switch (S->getStmtClass()) {
    case Stmt::NoStmtClass:
      break;
#define ABSTRACT_STMT(STMT)
#define STMT(CLASS, PARENT)                                                    \
  case Stmt::CLASS##Class:                                                     \
    WalkUpFrom##CLASS(static_cast<CLASS *>(S));                                \
    break;
#include "clang/AST/StmtNodes.inc"
    }
  }

  bool inLambdaBody() const { return Where->InLambdaBody; }
  bool inHandler() const { return Where->InHandler; }
  bool inStaticInit() const { return Where->InStaticInit; }

  /// A reference to tracked object \p Obj: its role in the expression
  /// that consumes it decides its effect.
  void reference(const Expr *E, unsigned Obj) {
    if (SpawnCaptures.count(E))
      return;
    EffectKind Kind = effectOf(Contexts.roleOf(E));
    const TrackedObject &Object = Objects[Obj];
    if (Object.isResource()) {
      // A new value in a variable that holds the resource (not a reference
      // to it) replaces it; the resource's own protocol ops (a pooled
      // connection's aclose()) are judged as ops; anything else touches
      // the resource.
      if (Kind == EffectKind::Reassign &&
          !Object.Decl->getType()->isReferenceType())
        Kind = EffectKind::Release;
      else if (Kind != EffectKind::OpObject)
        Kind = EffectKind::ResourceUse;
    }
    // The new value arrives at the assignment, after its right-hand side.
    const Stmt *At = E;
    if (Kind == EffectKind::Reassign)
      if (const Expr *Assignment = Contexts.Assignments.lookup(E))
        At = Assignment;
    addEffect(At, Kind, Obj, beginOf(E));
  }

  /// The tracked members \p S mentions, each once, in the order found.
  void membersMentioned(const Stmt *S,
                        llvm::SmallVectorImpl<unsigned> &Out) const {
    if (!S)
      return;
    if (const auto *Member = dyn_cast<MemberExpr>(S))
      if (std::optional<unsigned> Obj = Objects.indexOf(Member))
        if (Objects[*Obj].IsMember && !llvm::is_contained(Out, *Obj))
          Out.push_back(*Obj);
    for (const Stmt *Child : S->children())
      membersMentioned(Child, Out);
  }

  /// Arguments a profile's enter function enters (seastar::with_gate).
  /// Awaited at once, it waits for what it entered.
  void enteredArguments(CallExpr *Call) {
    const FunctionDecl *Callee = directCallee(Call);
    unsigned First = 0;
    if (auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      if (Op->getOperator() != OO_Call ||
          !isa_and_nonnull<CXXMethodDecl>(Callee))
        return;
      First = 1;
    }
    for (unsigned I = First, N = Call->getNumArgs(); I < N; ++I) {
      std::optional<unsigned> Obj =
          Objects.indexOf(stripWrappers(Call->getArg(I)));
      if (!Obj)
        continue;
      switch (Model.entersArgument(Callee, I - First)) {
      case ArgumentEnter::None:
        break;
      case ArgumentEnter::Enters:
        addEffect(Call,
                  Contexts.isAwaitOperand(Call) ? EffectKind::EnterLeave
                                                : EffectKind::EnterNow,
                  *Obj, Call->getBeginLoc());
        break;
      case ArgumentEnter::Tries:
        addEffect(Call,
                  Contexts.isAwaitOperand(Call) ? EffectKind::TryEnterLeave
                                                : EffectKind::TryEnterNow,
                  *Obj, Call->getBeginLoc());
        break;
      }
    }
  }

  void memberCall(CXXMemberCallExpr *Call) {
    // What the classifying walk found of the call (VisitedNode).
    OpKind Op = Where->Op;
    if (Op == OpKind::None) {
      thisCall(Call);
      return;
    }
    std::optional<unsigned> Obj;
    if (Where->Object >= 0)
      Obj = unsigned(Where->Object);
    CallContext Context = Contexts.callContext(Call);
    // Where the call begins, asked only for an effect: most ops, awaited,
    // have theirs at the await.
    auto Loc = [Call] { return beginOf(Call); };

    if (Op == OpKind::Leave) {
      if (Obj)
        addEffect(Call, EffectKind::Leave, *Obj, Loc());
      return;
    }
    if (Op == OpKind::EnterNow) {
      // Awaiting some enters (exec::async_scope::nest) runs the entered work
      // to completion, and a guard (gate::hold) kept in a local or discarded
      // dies before the object: nothing is left for the exit to wait for.
      const CXXMethodDecl *Method = calledMethod(Call);
      bool DoneByAwait = Context.Awaited && Model.isDoneWhenAwaited(Method);
      bool GuardStaysHere = (Context.Discarded || Context.LocalInit) &&
                            Model.isGuardEnter(Method);
      if (Obj)
        addEffect(Call,
                  DoneByAwait || GuardStaysHere ? EffectKind::EnterLeave
                                                : EffectKind::EnterNow,
                  *Obj, Loc());
      // An enter that returns an awaitable (sharded::start, co_schedule)
      // does its work only when awaited.
      if (Context.Discarded && Model.isAwaitableType(Call->getType()))
        discarded(Call, Op, Context);
      return;
    }
    if (Obj && Op == OpKind::StackPush)
      addEffect(Call, EffectKind::StackPushed, *Obj, Loc());
    if (Obj && Op == OpKind::StackPopAll && !Context.PopAllIntoLocal)
      addEffect(Call, EffectKind::StackReset, *Obj, Loc());
    if (Op != OpKind::Enter && Op != OpKind::Exit &&
        Op != OpKind::StackEnterContext)
      return;
    if (Context.Awaited)
      return;
    if (Context.Discarded) {
      discarded(Call, Op, Context);
      if (Obj && Op == OpKind::Exit)
        addEffect(Call, EffectKind::ExitDeferred, *Obj, Loc());
      return;
    }
    if (Context.Stored) {
      if (Obj && Op == OpKind::Exit)
        addEffect(Call, EffectKind::ExitDeferred, *Obj, Loc());
      return;
    }
    // The awaitable went somewhere we do not follow (returned, passed on,
    // stored in a member): its fate, and the object's, are out of our hands.
    if (Obj)
      addEffect(Call, EffectKind::Release, *Obj, Loc());
  }

  /// A call of one of the class's own methods on "this": what the class
  /// says it does to the members.
  void thisCall(const CXXMemberCallExpr *Call) {
    if (!Members || !isa_and_nonnull<CXXThisExpr>(calledObject(Call)) ||
        !calledMethod(Call))
      return;
    MemberCallEffects Effects = Members->callEffects(calledMethod(Call));
    for (unsigned Obj : Effects.Used)
      addEffect(Call, EffectKind::Use, Obj, Call->getBeginLoc());
    for (unsigned Obj : Effects.Settled)
      addEffect(Call, EffectKind::Release, Obj, Call->getBeginLoc());
  }

  void discarded(const CXXMemberCallExpr *Call, OpKind Op,
                 const CallContext &Context) {
    // co_await is not allowed in a handler, in the initializer of a static
    // or thread_local variable, or in a coroutine whose promise deletes
    // await_transform.
    bool AwaitAllowed =
        !inHandler() && !inStaticInit() && MayAwait && !Context.FixUncertain;
    Out.Immediate.push_back(
        {ImmediateFinding::DiscardedOp, Call, Op, AwaitAllowed});
  }

  void addEffect(const Stmt *S, EffectKind Kind, unsigned Obj,
                 SourceLocation Loc) {
    Out.add(S, {Kind, Obj, Loc});
  }

  /// \p V, tracked object \p Obj, is captured by lambda \p L. By copy, or
  /// by a lambda that may exit it or pass it on, it is handed off. By
  /// reference into a lambda that only spawns work into it and asks it
  /// things (`[&] { scope.add(work()); }`, the usual way to fill a scope),
  /// the body still owes its exit; each spawn enters it.
  void captured(const LambdaExpr *L, const LambdaCapture &Capture,
                const Expr *Init, const VarDecl *V, unsigned Obj) {
    const TrackedObject &Object = Objects[Obj];
    llvm::SmallVector<std::pair<const Expr *, EffectKind>, 2> Enters;
    if (Capture.getCaptureKind() != LCK_ByRef || Object.isResource() ||
        Object.IsAwaitable || !onlySpawnsInto(L->getBody(), V, Enters)) {
      addEffect(L, EffectKind::Release, Obj, L->getBeginLoc());
      return;
    }
    for (const auto &[Enter, Kind] : Enters)
      addEffect(L, Kind, Obj, Enter->getBeginLoc());
    // The capture itself (its initialiser, which the contexts read as a
    // hand-off) is no hand-off then.
    if (Init)
      SpawnCaptures.insert(stripWrappers(Init));
  }

  /// True if every mention of \p V in \p Body is the object of a call of
  /// one of its enters-now ops or of a method that is no op of the protocol
  /// or a query, or the argument a profile's enter function enters
  /// (`spawn_detached(work(), scope)`); the enters are collected in
  /// \p Enters. Lambdas inside that capture \p V by reference are read the
  /// same way.
  bool onlySpawnsInto(
      const Stmt *Body, const VarDecl *V,
      llvm::SmallVectorImpl<std::pair<const Expr *, EffectKind>> &Enters) {
    unsigned Mentions = 0, Allowed = 0;
    auto Mentioned = [&](const Expr *E) {
      const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripWrappers(E));
      return Ref && Ref->getDecl() == V;
    };
    std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
      if (!S)
        return;
      if (const auto *Inner = dyn_cast<LambdaExpr>(S)) {
        for (unsigned I = 0; I < Inner->capture_size(); ++I) {
          const LambdaCapture &Capture = Inner->capture_begin()[I];
          const Expr *Init = Inner->capture_init_begin()[I];
          if (Capture.capturesVariable() && Capture.getCapturedVar() == V &&
              Capture.getCaptureKind() == LCK_ByRef)
            continue; // Read through the body.
          Walk(Init);
        }
        Walk(Inner->getBody());
        return;
      }
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == V)
        ++Mentions;
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
          Call && Mentioned(objectArgument(Call))) {
        OpKind Op = Model.classifyCall(Call);
        if (Op == OpKind::EnterNow)
          Enters.push_back({Call, EffectKind::EnterNow});
        if (Op == OpKind::EnterNow || Op == OpKind::Query || Op == OpKind::None)
          ++Allowed;
      } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
        for (unsigned I = 0, N = Call->getNumArgs(); I < N; ++I) {
          if (!Mentioned(Call->getArg(I)))
            continue;
          ArgumentEnter Enter = Model.callEntersArgument(Call, I);
          if (Enter == ArgumentEnter::None)
            continue;
          Enters.push_back({Call, Enter == ArgumentEnter::Tries
                                      ? EffectKind::TryEnterNow
                                      : EffectKind::EnterNow});
          ++Allowed;
        }
      }
      for (const Stmt *Child : S->children())
        Walk(Child);
    };
    Walk(Body);
    return Mentions == Allowed;
  }

  /// \p S is a fatal failure of a test framework's assertion if one of the
  /// FatalFailureMacros wrote it.
  void recordFailurePoint(const Stmt *S) {
    SourceLocation Loc = beginOf(S);
    if (!Loc.isMacroID())
      return;
    const ASTContext &Ctx = Function.getASTContext();
    if (writtenByMacro(Loc, Ctx.getSourceManager(), Ctx.getLangOpts(),
                       [&](StringRef Name) {
                         return Model.isFatalFailureMacro(Name);
                       }))
      Out.FailurePoints.insert(S);
  }

  /// Notes the objects \p Await exits, for indexAwaiterCalls.
  void recordAwaitOfOp(const CoawaitExpr *Await,
                       llvm::ArrayRef<AwaitedItem> Items) {
    EffectTable::AwaitOfOp Entry{Await, {}};
    for (const AwaitedItem &Item : Items) {
      if (Item.Call) {
        if (Item.Object >= 0 && Item.Op == OpKind::Exit)
          Entry.Exited.push_back(unsigned(Item.Object));
        continue;
      }
      for (const HeldOp &Op : Objects.heldOps(Item.Local))
        if (Op.Object >= 0 && Op.Op == OpKind::Exit)
          Entry.Exited.push_back(unsigned(Op.Object));
    }
    Out.AwaitsOfOps.push_back(std::move(Entry));
  }

  const FunctionDecl &Function;
  const ObjectTable &Objects;
  const BodyContexts &Contexts;
  const ProtocolModel &Model;
  const MemberContext *Members;
  EffectTable &Out;
  bool MayAwait;
  /// The captures by reference of lambdas that only spawn into the object
  /// and ask it things.
  llvm::DenseSet<const Expr *> SpawnCaptures;
  /// The node being read.
  const VisitedNode *Where = nullptr;
};

} // namespace

EffectTable collectEffects(const FunctionDecl &Function,
                           const FoundObjects &Found,
                           const BodyContexts &Contexts,
                           const ProtocolModel &Model,
                           const MemberContext *Members) {
  EffectTable Out;
  // Most statements the collector reads are references and calls, and
  // about half of them have an effect.
  Out.reserve(Contexts.Visited.size() / 2);
  // One entry at most for each explicit co_await.
  Out.AwaitsOfOps.reserve(Contexts.AwaitedSpans.size());
  Out.PopAllFrom = Contexts.PopAllFrom;
  Collector C(Function, Found, Contexts, Model, Members, Out);
  for (const VisitedNode &Node : Contexts.Visited)
    C.visit(Node);
  Out.Graph.NoKnownConditions = !Contexts.MayHaveKnownCondition;
  Out.shrinkToFit();
  return Out;
}

AwaiterCalls indexAwaiterCalls(const EffectTable &Effects) {
  AwaiterCalls Index;
  for (const EffectTable::AwaitOfOp &Entry : Effects.AwaitsOfOps) {
    const CoawaitExpr *Await = Entry.Await;
    auto Record = [&](const Stmt *S, bool Implicit, auto &Self) -> void {
      if (!S || isa<LambdaExpr>(S) || (isa<CoawaitExpr>(S) && S != Await))
        return;
      if (isa<CallExpr>(S)) {
        if (!Entry.Exited.empty())
          Index.ExitCalls[S].append(Entry.Exited.begin(), Entry.Exited.end());
        if (Implicit)
          Index.AwaitOf.try_emplace(S, Await);
      }
      for (const Stmt *Child : S->children())
        Self(Child, Implicit, Self);
    };
    Record(Await->getOperand(), false, Record);
    for (const Expr *Part : {Await->getReadyExpr(), Await->getSuspendExpr(),
                             Await->getResumeExpr()})
      Record(Part, true, Record);
  }
  auto RecordMachinery = [&](const Stmt *S, auto &Self) -> void {
    if (!S)
      return;
    if (isa<CallExpr>(S))
      Index.MachineryCalls.insert(S);
    for (const Stmt *Child : S->children())
      Self(Child, Self);
  };
  for (const Stmt *Root : Effects.Machinery)
    RecordMachinery(Root, RecordMachinery);
  return Index;
}

} // namespace acm
