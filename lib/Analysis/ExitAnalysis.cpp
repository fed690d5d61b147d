//===- ExitAnalysis.cpp ---------------------------------------------------===//
//
// The analysis runs in two steps:
//  1. EffectCollector walks the written body once and records, per statement,
//     what it does to each tracked object (enter, exit, release, ...). This is
//     where the AST is interpreted: which calls are awaited, discarded or
//     stored, and which references move ownership out of the body.
//  2. A forward dataflow over the CFG applies those effects block by block,
//     joins states at merge points, and reports at the points where objects
//     die (CFG lifetime ends, and the function's exit for parameters) and
//     where an exited object is used, exited or entered again.
//
//===----------------------------------------------------------------------===//

#include "Analysis/ExitAnalysis.h"
#include "Analysis/Generator/GeneratorAnalysis.h"
#include "Analysis/Generator/YieldSites.h"
#include "Analysis/Support/BranchFacts.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Analysis/Support/CoroutineFacts.h"
#include "Analysis/Support/ExprUnwrap.h"
#include "Analysis/Support/FlowDriver.h"
#include "Model/NameMatching.h"
#include "Model/ProtocolModel.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/bit.h"
#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <tuple>

using namespace clang;

namespace acm {

namespace {

//===----------------------------------------------------------------------===//
// Tracked objects and what statements do to them
//===----------------------------------------------------------------------===//

struct TrackedObject {
  const VarDecl *Var = nullptr;
  ObjectKind Kind = ObjectKind::None;
  bool IsParam = false;
  /// A local holding the awaitable of an op call (auto aw = r.aexit();).
  bool IsAwaitable = false;
  /// May be entered only once (a generator-based manager).
  bool SingleUse = false;
  /// A default-constructed placeholder of a default-empty type: not entered
  /// until a value is assigned to it.
  bool EmptyAtBirth = false;
  /// Awaiting its exit again is harmless (a profile's idempotent-exit).
  bool IdempotentExit = false;
  /// For a variable bound to what an enter returned (a resource): the
  /// object whose exit ends the resource's life; -1 for other objects.
  int Owner = -1;

  bool isResource() const { return Owner >= 0; }
};

enum class EffectKind {
  Enter,        // enter awaited
  Exit,         // exit awaited
  ExitDeferred, // exit called, its awaitable discarded or stored elsewhere
  Release,      // ownership left the body
  Reassign,     // a new value assigned to the variable
  StackPushed,  // an exit was pushed onto an exit stack
  StackReset,   // pop_all moved a stack's exits elsewhere
  AwaitLocal,   // an awaitable local was awaited
  Use,          // any other reference
  OpObject,     // the object of one of its own ops: judged by the op
  CopyOut,      // copied into something else: a use, then handed off
  ResourceUse,  // a use of a resource (what an enter returned)
  EnterNow,     // a profile's enter: the call enters, awaited or not
  EnterLeave,   // an enter whose entry ends before the object dies
  Leave,        // a profile's leave: undoes an enter
};

struct Effect {
  EffectKind Kind;
  unsigned Object;
  SourceLocation Loc;
};

/// What awaiting an awaitable local does, per op it holds.
struct HeldOp {
  int Object; // -1 when the op's object is not tracked
  OpKind Op;
  const CXXMemberCallExpr *Call;
  /// Held in one arm of a conditional: awaiting the local may or may not
  /// run it.
  bool Conditional = false;
};

/// An op call or awaitable local whose awaitable flows into an awaited (or
/// stored) value.
struct AwaitedItem {
  const CXXMemberCallExpr *Call = nullptr;
  /// The awaitable local, when Call is null.
  unsigned Local = 0;
  /// The call or the reference to the local.
  const Expr *Ref = nullptr;
  /// Inside an arm of a conditional operator: it runs only on that arm's
  /// path, so its effect belongs to the arm, not to the whole await.
  bool InArm = false;
};

/// How a tracked local starts its life at its declaration.
struct DeclInit {
  /// Index of an exit stack whose exits this one takes over (pop_all).
  int InheritFrom = -1;
};

/// The type an expression constructs as written ("T" in "T{}"), if any.
const TypeSourceInfo *writtenType(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Temp = dyn_cast<CXXTemporaryObjectExpr>(E))
      return Temp->getTypeSourceInfo();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      return Cast->getTypeInfoAsWritten();
    E = temporaryOperand(E);
  }
  return nullptr;
}

/// True if a value of type \p T refers to nothing of a manager's: a number,
/// an enumerator, a std::string. A copy of one, taken from what an enter
/// returned, stays valid after the exit.
bool isSelfContainedValue(QualType T) {
  T = T.getCanonicalType();
  if (T->isArithmeticType() || T->isEnumeralType() || T->isNullPtrType())
    return true;
  const auto *Record = T->getAsCXXRecordDecl();
  return Record && Record->getIdentifier() &&
         Record->getName() == "basic_string" && Record->isInStdNamespace();
}

/// How to name the object \p Call is made on in a message.
std::string describeObject(const CXXMemberCallExpr *Call,
                           const ASTContext &Ctx) {
  // A type written in the source ("T{}" in a template) is named as written,
  // so every instantiation says the same.
  const TypeSourceInfo *Written =
      writtenType(Call->getImplicitObjectArgument());
  const Expr *Object = calledObject(Call);
  if (const VarDecl *V = referencedVar(Object))
    return V->getNameAsString();
  if (const auto *ME = dyn_cast<MemberExpr>(Object))
    return ME->getMemberDecl()->getNameAsString();
  // An op of the object itself, in one of its own member functions
  // ("aexit();", "this->aexit();", "(*this).aexit();").
  if (const auto *Deref = dyn_cast<UnaryOperator>(Object))
    if (Deref->getOpcode() == UO_Deref)
      Object = Deref->getSubExpr()->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Object))
    return "*this";
  if (Written) {
    SourceRange Range = Written->getTypeLoc().getSourceRange();
    if (Range.isValid() && !Range.getBegin().isMacroID() &&
        !Range.getEnd().isMacroID()) {
      StringRef Text =
          Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                               Ctx.getSourceManager(), Ctx.getLangOpts());
      if (!Text.empty())
        return Text.str();
    }
  }
  return Object->getType().getUnqualifiedType().getAsString(
      Ctx.getPrintingPolicy());
}

class EffectCollector : public RecursiveASTVisitor<EffectCollector> {
public:
  EffectCollector(ASTContext &Ctx, const ProtocolModel &Model,
                  const FunctionDecl &Function)
      : Ctx(Ctx), Model(Model), Function(Function),
        MayAwait(promiseAllowsAwait(Function)) {}

  std::vector<TrackedObject> Objects;
  llvm::DenseMap<const VarDecl *, unsigned> Index;
  llvm::DenseMap<const Stmt *, llvm::SmallVector<Effect, 1>> Effects;
  llvm::DenseMap<const VarDecl *, DeclInit> DeclInits;
  llvm::DenseMap<unsigned, llvm::SmallVector<HeldOp, 2>> HeldOps;
  /// The resources bound from each object's enters.
  llvm::DenseMap<unsigned, llvm::SmallVector<unsigned, 1>> ResourcesOf;
  /// The calls made by awaiting an exit (the op and the awaiter's
  /// functions), and the objects exited: if one throws, the exit was
  /// attempted, not skipped.
  llvm::DenseMap<const Stmt *, llvm::SmallVector<unsigned, 1>> ExitCalls;
  /// The co_await each call of an awaiter's functions (await_ready,
  /// await_suspend, await_resume) belongs to.
  llvm::DenseMap<const Stmt *, const CoawaitExpr *> AwaiterCalls;
  /// Calls the coroutine machinery makes (the promise's return_void, the
  /// implicit suspends): not the body's own calls.
  llvm::DenseSet<const Stmt *> MachineryCalls;
  /// Findings that do not depend on the flow (discarded ops, temporaries).
  std::vector<Finding> Immediate;

  /// True if the body has compile errors: its AST is a guess, and so would
  /// any finding be.
  bool HasErrors = false;

  /// True if awaitable local \p Obj was folded into another one, which then
  /// owes its exits.
  bool isHeldByOuter(unsigned Obj) const { return HeldByOuter.count(Obj); }

  void collect(Stmt *Body) {
    for (const ParmVarDecl *P : Function.parameters()) {
      HasErrors |= P->isInvalidDecl();
      trackParam(P);
    }
    // First find what is tracked, then what statements do to it.
    FindingObjects = true;
    TraverseStmt(Body);
    FindingObjects = false;
    TraverseStmt(Body);
  }

  // Nested functions are analyzed on their own; only a lambda's captures
  // belong to the enclosing body.
  bool TraverseLambdaExpr(LambdaExpr *L) {
    WalkUpFromLambdaExpr(L);
    for (Expr *Init : L->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseBlockExpr(BlockExpr *) { return true; }
  // Unevaluated operands neither use nor hand off anything.
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *) {
    return true;
  }
  bool TraverseCXXNoexceptExpr(CXXNoexceptExpr *) { return true; }
  bool TraverseRequiresExpr(RequiresExpr *) { return true; }
  bool TraverseCXXTypeidExpr(CXXTypeidExpr *E) {
    if (!E->isPotentiallyEvaluated())
      return true;
    return RecursiveASTVisitor::TraverseCXXTypeidExpr(E);
  }

  bool VisitExpr(Expr *E) {
    if (FindingObjects && E->containsErrors())
      HasErrors = true;
    return true;
  }
  bool VisitDecl(Decl *D) {
    if (FindingObjects && D->isInvalidDecl())
      HasErrors = true;
    return true;
  }
  bool TraverseVarDecl(VarDecl *V) {
    bool Static = !V->hasLocalStorage();
    StaticInitDepth += Static;
    bool Result = RecursiveASTVisitor::TraverseVarDecl(V);
    StaticInitDepth -= Static;
    return Result;
  }
  bool TraverseCXXCatchStmt(CXXCatchStmt *S) {
    ++HandlerDepth;
    bool Result = RecursiveASTVisitor::TraverseCXXCatchStmt(S);
    --HandlerDepth;
    return Result;
  }

  bool VisitVarDecl(VarDecl *V) {
    if (FindingObjects) {
      trackLocal(V);
      return true;
    }
    Expr *Init = V->getInit() ? stripWrappers(V->getInit()) : nullptr;
    if (!Init)
      return true;
    if (V->isLocalVarDecl() && V->hasLocalStorage())
      if (auto *Call = dyn_cast<CXXMemberCallExpr>(Init))
        LocalInitCalls.insert(Call);
    trackResource(V, Init);
    // Binding a reference to a tracked object makes an alias we do not
    // follow; treat the object as handed off. Range-for's hidden reference
    // only iterates.
    if (V->getType()->isReferenceType() && !V->isImplicit())
      if (trackedIndex(Init))
        Roles[Init] = EffectKind::Release;
    auto It = Index.find(V);
    if (It == Index.end())
      return true;
    if (auto *Call = dyn_cast<CXXMemberCallExpr>(Init))
      if (Model.classifyCall(Call) == OpKind::StackPopAll)
        if (auto From = trackedIndex(calledObject(Call))) {
          DeclInits[V].InheritFrom = *From;
          PopAllIntoLocal.insert(Call);
        }
    return true;
  }

  bool VisitCoawaitExpr(CoawaitExpr *E) {
    if (FindingObjects)
      return true;
    if (E->isImplicit()) {
      recordMachinery(E);
      return true;
    }
    AwaitedOperands.insert(stripWrappers(E->getOperand()));
    llvm::SmallVector<AwaitedItem, 2> Items;
    collectAwaited(E->getOperand(), Items);
    recordAwaiterCalls(E, Items);
    for (const AwaitedItem &Item : Items) {
      // An item in an arm of "b ? r.aexit() : s.aexit()" takes effect in
      // that arm's block of the CFG, on that arm's path only.
      const Stmt *Site = Item.InArm ? Item.Ref : E;
      if (!Item.Call) {
        addEffect(Site, EffectKind::AwaitLocal, Item.Local, E->getBeginLoc());
        continue;
      }
      const CXXMemberCallExpr *Call = Item.Call;
      AwaitedCalls.insert(Call);
      OpKind Op = Model.classifyCall(Call);
      Expr *Object = calledObject(Call);
      if (auto Obj = trackedIndex(Object)) {
        if (Op == OpKind::Enter)
          addEffect(Site, EffectKind::Enter, *Obj, E->getBeginLoc());
        else if (Op == OpKind::Exit)
          addEffect(Site, EffectKind::Exit, *Obj, E->getBeginLoc());
        else if (Op == OpKind::StackEnterContext)
          addEffect(Site, EffectKind::StackPushed, *Obj, E->getBeginLoc());
      } else if (Op == OpKind::Enter && Object->isPRValue() &&
                 Object->getType()->isRecordType()) {
        Finding F;
        F.Kind = FindingKind::EnteredTemporary;
        F.Loc = Call->getExprLoc();
        F.Message = "temporary '" + describeObject(Call, Ctx) +
                    "' is entered but its exit can never be awaited; it is "
                    "destroyed at the end of the full-expression";
        Immediate.push_back(std::move(F));
      }
    }
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (FindingObjects)
      return true;
    const FunctionDecl *Callee = Call->getDirectCallee();
    // A call through a function object (a lambda, folly's co_scope_exit)
    // passes its arguments as a function call does; its first argument is
    // the function object itself.
    unsigned First = 0;
    if (auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      // Assignment gives the left side a new value and copies or moves the
      // right side into it; other operators only use their operands.
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
        setRole(Op->getArg(0), EffectKind::Reassign);
        setRole(Op->getArg(1), EffectKind::CopyOut);
      }
      if (Op->getOperator() != OO_Call ||
          !isa_and_nonnull<CXXMethodDecl>(Callee))
        return true;
      First = 1;
    }
    bool MoveLike = isMoveLike(Callee);
    for (unsigned I = First, N = Call->getNumArgs(); I < N; ++I) {
      Expr *Arg = stripWrappers(Call->getArg(I));
      auto Obj = trackedIndex(Arg);
      if (!Obj)
        continue;
      unsigned Param = I - First;
      // The enter is what the call does to the object, not a use of it.
      // Awaited at once (co_await with_gate(g, f)), it waits for what it
      // entered.
      if (Model.entersArgument(Callee, Param)) {
        addEffect(Call,
                  AwaitedOperands.count(Call) ? EffectKind::EnterLeave
                                              : EffectKind::EnterNow,
                  *Obj, Call->getBeginLoc());
        Roles[Arg] = EffectKind::OpObject;
        continue;
      }
      if (MoveLike || !Callee) {
        // std::move(r).cleanup() calls r's own op; the op decides.
        auto Role = Roles.find(Arg);
        if (Role == Roles.end() || Role->second != EffectKind::OpObject)
          Roles[Arg] = EffectKind::Release;
        continue;
      }
      if (Model.takesExit(Callee, Param)) {
        Roles[Arg] = EffectKind::Release;
        continue;
      }
      QualType ParamType = Param < Callee->getNumParams()
                               ? Callee->getParamDecl(Param)->getType()
                               : QualType();
      // An lvalue reference parameter borrows the object; the caller keeps
      // the duty to exit it, unless the callee is seen to take it over.
      // Anything else takes it over.
      if (!ParamType.isNull() && ParamType->isLValueReferenceType() &&
          !takesOverParameter(Callee, Param))
        Roles[Arg] = EffectKind::Use;
      else
        Roles[Arg] = EffectKind::Release;
    }
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (FindingObjects)
      return true;
    OpKind Op = Model.classifyCall(Call);
    if (Op == OpKind::None) {
      Expr *Object = calledObject(Call);
      if (trackedIndex(Object) && !Roles.count(Object))
        Roles[Object] = roleOfCall(Call->getMethodDecl());
      return true;
    }
    Expr *Object = calledObject(Call);
    std::optional<unsigned> Obj = trackedIndex(Object);
    if (Obj)
      Roles[Object] = EffectKind::OpObject;

    if (Op == OpKind::Leave) {
      if (Obj)
        addEffect(Call, EffectKind::Leave, *Obj, Call->getBeginLoc());
      return true;
    }
    if (Op == OpKind::EnterNow) {
      // Awaiting some enters (exec::async_scope::nest) runs the entered work
      // to completion, and a guard (gate::hold) kept in a local or discarded
      // dies before the object: nothing is left for the exit to wait for.
      const CXXMethodDecl *Method = Call->getMethodDecl();
      bool DoneByAwait =
          AwaitedCalls.count(Call) && Model.isDoneWhenAwaited(Method);
      bool GuardStaysHere =
          (DiscardedCalls.count(Call) || LocalInitCalls.count(Call)) &&
          Model.isGuardEnter(Method);
      if (Obj)
        addEffect(Call,
                  DoneByAwait || GuardStaysHere ? EffectKind::EnterLeave
                                                : EffectKind::EnterNow,
                  *Obj, Call->getBeginLoc());
      // An enter that returns an awaitable (sharded::start, co_schedule)
      // does its work only when awaited.
      if (DiscardedCalls.count(Call) && Model.isAwaitableType(Call->getType()))
        reportDiscarded(Call, Op, Object);
      return true;
    }
    switch (Op) {
    case OpKind::StackPush:
    case OpKind::StackEnterContext:
      // The stack takes over the exits of the objects handed to it.
      for (Expr *Arg : Call->arguments())
        setRole(Arg, EffectKind::Release);
      if (Obj && Op == OpKind::StackPush)
        addEffect(Call, EffectKind::StackPushed, *Obj, Call->getBeginLoc());
      break;
    case OpKind::StackPopAll:
      if (Obj && !PopAllIntoLocal.count(Call))
        addEffect(Call, EffectKind::StackReset, *Obj, Call->getBeginLoc());
      break;
    default:
      break;
    }
    if (Op != OpKind::Enter && Op != OpKind::Exit &&
        Op != OpKind::StackEnterContext)
      return true;
    if (AwaitedCalls.count(Call))
      return true;

    if (DiscardedCalls.count(Call)) {
      reportDiscarded(Call, Op, Object);
      if (Obj && Op == OpKind::Exit)
        addEffect(Call, EffectKind::ExitDeferred, *Obj, Call->getBeginLoc());
      return true;
    }
    if (StoredCalls.count(Call)) {
      if (Obj && Op == OpKind::Exit)
        addEffect(Call, EffectKind::ExitDeferred, *Obj, Call->getBeginLoc());
      return true;
    }
    // The awaitable went somewhere we do not follow (returned, passed on,
    // stored in a member): its fate, and the object's, are out of our hands.
    if (Obj)
      addEffect(Call, EffectKind::Release, *Obj, Call->getBeginLoc());
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    if (FindingObjects)
      return true;
    // Copying or moving an object, or handing it to a constructor, passes
    // it on; a copy also reads it.
    bool Copy = E->getConstructor() && E->getConstructor()->isCopyConstructor();
    for (Expr *Arg : E->arguments())
      setRole(Arg, Copy ? EffectKind::CopyOut : EffectKind::Release);
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (!FindingObjects && U->getOpcode() == UO_AddrOf)
      setRole(U->getSubExpr(), EffectKind::Release);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (FindingObjects)
      return true;
    if (B->getOpcode() == BO_Comma)
      markDiscarded(B->getLHS());
    else if (B->getOpcode() == BO_Assign) {
      setRole(B->getLHS(), EffectKind::Reassign);
      setRole(B->getRHS(), EffectKind::Release);
    }
    return true;
  }

  bool VisitExplicitCastExpr(ExplicitCastExpr *E) {
    if (!FindingObjects && E->getType()->isVoidType())
      markDiscarded(E->getSubExpr());
    return true;
  }

  bool VisitReturnStmt(ReturnStmt *S) {
    if (!FindingObjects && S->getRetValue())
      setRole(S->getRetValue(), EffectKind::Release);
    return true;
  }

  bool VisitCoreturnStmt(CoreturnStmt *S) {
    if (FindingObjects)
      return true;
    if (S->getOperand())
      setRole(S->getOperand(), EffectKind::Release);
    recordMachinery(S->getPromiseCall());
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *L) {
    if (FindingObjects)
      return true;
    // Captured by reference, the object may be exited by the lambda or live
    // on in it; captured by copy, the lambda owns a copy. Either way it is no
    // longer only this body's to exit.
    for (Expr *Init : L->capture_inits())
      if (Init)
        setRole(Init, EffectKind::Release);
    for (const LambdaCapture &Capture : L->captures())
      if (Capture.capturesVariable())
        if (const auto *V = dyn_cast<VarDecl>(Capture.getCapturedVar())) {
          auto It = Index.find(V);
          if (It != Index.end())
            addEffect(L, EffectKind::Release, It->second, L->getBeginLoc());
        }
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (FindingObjects)
      return true;
    auto Obj = trackedIndex(E);
    if (!Obj)
      return true;
    auto It = Roles.find(E);
    EffectKind Role = It == Roles.end() ? EffectKind::Use : It->second;
    if (Objects[*Obj].isResource()) {
      // A new value in a variable that holds the resource (not a reference
      // to it) replaces it; the resource's own protocol ops (a pooled
      // connection's aclose()) are judged as ops; anything else touches
      // the resource.
      if (Role == EffectKind::Reassign &&
          !Objects[*Obj].Var->getType()->isReferenceType())
        Role = EffectKind::Release;
      else if (Role != EffectKind::OpObject)
        Role = EffectKind::ResourceUse;
    }
    addEffect(E, Role, *Obj, E->getBeginLoc());
    return true;
  }

  // Statement positions: an expression there has its value discarded.
  bool VisitCompoundStmt(CompoundStmt *S) {
    if (!FindingObjects)
      for (Stmt *Child : S->body())
        markDiscarded(Child);
    return true;
  }
  bool VisitIfStmt(IfStmt *S) {
    if (!FindingObjects) {
      markDiscarded(S->getInit());
      markDiscarded(S->getThen());
      markDiscarded(S->getElse());
    }
    return true;
  }
  bool VisitForStmt(ForStmt *S) {
    if (!FindingObjects) {
      markDiscarded(S->getInit());
      markDiscarded(S->getInc());
      markDiscarded(S->getBody());
    }
    return true;
  }
  bool VisitWhileStmt(WhileStmt *S) {
    if (!FindingObjects)
      markDiscarded(S->getBody());
    return true;
  }
  bool VisitDoStmt(DoStmt *S) {
    if (!FindingObjects)
      markDiscarded(S->getBody());
    return true;
  }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) {
    if (!FindingObjects) {
      markDiscarded(S->getInit());
      markDiscarded(S->getBody());
    }
    return true;
  }
  bool VisitSwitchCase(SwitchCase *S) {
    if (!FindingObjects)
      markDiscarded(S->getSubStmt());
    return true;
  }
  bool VisitLabelStmt(LabelStmt *S) {
    if (!FindingObjects)
      markDiscarded(S->getSubStmt());
    return true;
  }
  bool VisitAttributedStmt(AttributedStmt *S) {
    if (!FindingObjects)
      markDiscarded(S->getSubStmt());
    return true;
  }

private:
  void trackParam(const ParmVarDecl *P) {
    // A copy of a shared handle (seastar::file): the caller holds the
    // original and closes it.
    if (P->getType()->isReferenceType() ||
        Model.isSharedHandleType(P->getType()))
      return;
    ObjectKind Kind = Model.classifyType(P->getType());
    if (Kind == ObjectKind::None)
      return;
    addObject(P, Kind, /*IsParam=*/true, /*IsAwaitable=*/false);
  }

  void trackLocal(VarDecl *V) {
    if (!V->isLocalVarDecl() || !V->hasLocalStorage() ||
        V->isExceptionVariable() || V->getType()->isReferenceType() ||
        isa<ParmVarDecl>(V))
      return;
    ObjectKind Kind = Model.classifyType(V->getType());
    if (Kind != ObjectKind::None) {
      // A copy of another shared handle is closed through the original.
      if (!(Model.isSharedHandleType(V->getType()) && isCopyOfObject(V)))
        addObject(V, Kind, false, false);
      return;
    }
    // A local holding the awaitable of an op, awaited later (or not).
    if (!V->getInit() || !Model.isAwaitableType(V->getType()))
      return;
    llvm::SmallVector<AwaitedItem, 2> Items;
    collectAwaited(V->getInit(), Items);
    if (Items.empty())
      return;
    unsigned Self = addObject(V, ObjectKind::None, false, true);
    auto &Held = HeldOps[Self];
    for (const AwaitedItem &Item : Items) {
      if (Item.Call) {
        StoredCalls.insert(Item.Call);
        auto Obj = trackedIndex(calledObject(Item.Call));
        Held.push_back({Obj ? int(*Obj) : -1, Model.classifyCall(Item.Call),
                        Item.Call, Item.InArm});
        continue;
      }
      // An awaitable built from other awaitable locals holds their ops.
      auto Inner = HeldOps.lookup(Item.Local);
      for (HeldOp Op : Inner) {
        Op.Conditional |= Item.InArm;
        Held.push_back(Op);
      }
      HeldByOuter.insert(Item.Local);
    }
  }

  /// Records \p V as bound to what an enter returned: "auto &c = co_await
  /// pool.aenter();", "auto *p = &co_await ...", or a copy of it, and the
  /// resource an exit stack's enter_async_context hands out.
  void trackResource(const VarDecl *V, Expr *Init) {
    // A copy of the resource is as tied to the manager as the resource.
    if (auto *Copy = dyn_cast<CXXConstructExpr>(Init))
      if (Copy->getNumArgs() == 1)
        Init = stripWrappers(Copy->getArg(0));
    bool Address = false;
    if (auto *AddrOf = dyn_cast<UnaryOperator>(Init))
      if (AddrOf->getOpcode() == UO_AddrOf) {
        Init = stripWrappers(AddrOf->getSubExpr());
        Address = true;
      }
    auto *Await = dyn_cast<CoawaitExpr>(Init);
    if (!Await)
      return;
    auto *Call =
        dyn_cast<CXXMemberCallExpr>(stripWrappers(Await->getOperand()));
    if (!Call)
      return;
    OpKind Op = Model.classifyCall(Call);
    if (Op != OpKind::Enter && Op != OpKind::StackEnterContext)
      return;
    auto Owner = trackedIndex(calledObject(Call));
    if (!Owner || Index.count(V))
      return;
    // A copy of a self-contained value ("int slot = co_await
    // limiter.aenter();") is not tied to the manager: the variable holds
    // one, or a reference binds to the copy the enter returned.
    bool HoldsCopy =
        !Address && (!V->getType()->isReferenceType() || Await->isPRValue());
    if (HoldsCopy && isSelfContainedValue(Await->getType()))
      return;
    unsigned Self = addObject(V, ObjectKind::None, false, false);
    Objects[Self].Owner = int(*Owner);
    Objects[Self].SingleUse = false;
    ResourcesOf[*Owner].push_back(Self);
  }

  /// True if the visible definition of \p Callee takes over the object
  /// passed by reference as parameter \p Index: it calls an exit op on it
  /// (a helper such as "task<> close(Conn &c) { co_await c.aclose(); }"),
  /// moves it, or hands it to an exit stack. Whether it does so on every
  /// path is the callee's business; the caller stops following the object.
  bool takesOverParameter(const FunctionDecl *Callee, unsigned Index) {
    const FunctionDecl *Definition = nullptr;
    if (!Callee->hasBody(Definition) || Index >= Definition->getNumParams())
      return false;
    return definitionTakesOver(Definition, Definition->getParamDecl(Index));
  }

  /// What calling \p Method, which is none of the protocol's operations,
  /// does to the object it is called on: it uses it, so after the exit it
  /// is reported. A method whose visible definition exits its own object
  /// ("task<> shutdown() { ...; co_await aexit(); }") takes the exit over.
  /// (Calls a library profile names harmless after the exit, such as
  /// AsyncScope::remaining(), are classified as OpKind::Query by the model
  /// and never get here.)
  EffectKind roleOfCall(const CXXMethodDecl *Method) {
    const FunctionDecl *Definition = nullptr;
    if (!Method || !Method->hasBody(Definition))
      return EffectKind::Use;
    return definitionTakesOver(Definition, /*Param=*/nullptr)
               ? EffectKind::Release
               : EffectKind::Use;
  }

  /// True if the body of \p Definition takes over the object it receives
  /// as \p Param, or, when Param is null, the object it is called on (an
  /// exit op called on "this"). Cached per definition and parameter.
  bool definitionTakesOver(const FunctionDecl *Definition,
                           const ParmVarDecl *Param) {
    auto [Cached, Inserted] = TakesOver.try_emplace({Definition, Param});
    if (!Inserted)
      return Cached->second;
    struct Finder : RecursiveASTVisitor<Finder> {
      const ProtocolModel &Model;
      const ParmVarDecl *Param;
      bool Found = false;
      Finder(const ProtocolModel &Model, const ParmVarDecl *Param)
          : Model(Model), Param(Param) {}
      bool isSubject(const Expr *E) const {
        E = stripWrappers(E);
        return Param ? referencedVar(E) == Param
                     : isa_and_nonnull<CXXThisExpr>(E);
      }
      bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
        OpKind Op = Model.classifyCall(Call);
        if (Op == OpKind::Exit && isSubject(calledObject(Call)))
          Found = true;
        if (Param &&
            (Op == OpKind::StackPush || Op == OpKind::StackEnterContext))
          for (Expr *Arg : Call->arguments())
            Found |= isSubject(Arg);
        return !Found;
      }
      bool VisitCallExpr(CallExpr *Call) {
        if (Param && isMoveLike(Call->getDirectCallee()) &&
            Call->getNumArgs() == 1 && isSubject(Call->getArg(0)))
          Found = true;
        return !Found;
      }
      // A lambda in a method has its own "this" capture; keep it simple.
      bool TraverseLambdaExpr(LambdaExpr *L) {
        return !Param || RecursiveASTVisitor::TraverseLambdaExpr(L);
      }
    } Finder(Model, Param);
    Finder.TraverseStmt(Definition->getBody());
    Cached->second = Finder.Found;
    return Finder.Found;
  }

  static bool isCopyOfObject(const VarDecl *V) {
    const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(
        V->getInit() ? stripWrappers(const_cast<Expr *>(V->getInit()))
                     : nullptr);
    return Construct && Construct->getConstructor() &&
           Construct->getConstructor()->isCopyConstructor() &&
           Construct->getNumArgs() >= 1 && Construct->getArg(0)->isGLValue();
  }

  static bool isDefaultConstructed(const VarDecl *V) {
    const auto *Construct =
        dyn_cast_or_null<CXXConstructExpr>(stripWrappers(V->getInit()));
    return Construct && Construct->getConstructor() &&
           Construct->getConstructor()->isDefaultConstructor();
  }

  bool isSingleUse(const VarDecl *V) const {
    if (Model.isSingleUseType(V->getType()))
      return true;
    // An object made by a generator-based manager coroutine.
    const auto *Call = dyn_cast_or_null<CallExpr>(stripWrappers(V->getInit()));
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
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

  unsigned addObject(const VarDecl *V, ObjectKind Kind, bool IsParam,
                     bool IsAwaitable) {
    auto [It, Inserted] = Index.try_emplace(V, Objects.size());
    if (Inserted) {
      Objects.push_back(
          {V, Kind, IsParam, IsAwaitable, !IsAwaitable && isSingleUse(V)});
      Objects.back().EmptyAtBirth = !IsParam && !IsAwaitable &&
                                    Model.isDefaultEmptyType(V->getType()) &&
                                    isDefaultConstructed(V);
      Objects.back().IdempotentExit = Model.hasIdempotentExit(V->getType());
    }
    return It->second;
  }

  std::optional<unsigned> trackedIndex(const Expr *E) const {
    if (const VarDecl *V = referencedVar(E)) {
      auto It = Index.find(V);
      if (It != Index.end())
        return It->second;
    }
    return std::nullopt;
  }

  void setRole(Expr *E, EffectKind Role) {
    if (!E)
      return;
    Expr *Stripped = stripWrappers(E);
    if (trackedIndex(Stripped))
      Roles[Stripped] = Role;
  }

  void addEffect(const Stmt *S, EffectKind Kind, unsigned Obj,
                 SourceLocation Loc) {
    Effects[S].push_back({Kind, Obj, Loc});
  }

  /// Finds the op calls and awaitable locals whose awaitables flow into the
  /// value of \p E: directly, in an arm of a conditional operator, or as
  /// arguments of combinators (when_all) and adaptors whose result is itself
  /// awaitable.
  void collectAwaited(Expr *E, llvm::SmallVectorImpl<AwaitedItem> &Items,
                      bool InArm = false, unsigned Depth = 0) {
    if (!E || Depth > 8)
      return;
    E = stripWrappers(E);
    if (auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      if (Model.classifyCall(Call) != OpKind::None) {
        Items.push_back({Call, 0, Call, InArm});
        return;
      }
    }
    if (const VarDecl *V = referencedVar(E)) {
      auto It = Index.find(V);
      if (It != Index.end() && Objects[It->second].IsAwaitable) {
        Items.push_back({nullptr, It->second, E, InArm});
        // Awaiting it is what the local is for, not a use of it.
        Roles[E] = EffectKind::OpObject;
      }
      return;
    }
    if (auto *Cond = dyn_cast<AbstractConditionalOperator>(E)) {
      collectAwaited(Cond->getTrueExpr(), Items, true, Depth + 1);
      collectAwaited(Cond->getFalseExpr(), Items, true, Depth + 1);
      return;
    }
    if (!isa<InitListExpr>(E) && !Model.isAwaitableType(E->getType()))
      return;
    if (auto *Call = dyn_cast<CallExpr>(E)) {
      if (auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
        collectAwaited(Member->getImplicitObjectArgument(), Items, InArm,
                       Depth + 1);
      for (Expr *Arg : Call->arguments())
        collectAwaited(Arg, Items, InArm, Depth + 1);
    } else if (auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      for (Expr *Arg : Construct->arguments())
        collectAwaited(Arg, Items, InArm, Depth + 1);
    } else if (auto *List = dyn_cast<InitListExpr>(E)) {
      for (Expr *Init : List->inits())
        collectAwaited(Init, Items, InArm, Depth + 1);
    }
  }

  void recordMachinery(const Stmt *S) {
    if (!S)
      return;
    if (isa<CallExpr>(S))
      MachineryCalls.insert(S);
    for (const Stmt *Child : S->children())
      recordMachinery(Child);
  }

  /// Records the calls \p Await makes, for the paths on which they throw.
  void recordAwaiterCalls(const CoawaitExpr *Await,
                          llvm::ArrayRef<AwaitedItem> Items) {
    llvm::SmallVector<unsigned, 2> Exited;
    for (const AwaitedItem &Item : Items) {
      if (Item.Call) {
        auto Obj = trackedIndex(calledObject(Item.Call));
        if (Obj && Model.classifyCall(Item.Call) == OpKind::Exit)
          Exited.push_back(*Obj);
        continue;
      }
      for (const HeldOp &Op : HeldOps.lookup(Item.Local))
        if (Op.Object >= 0 && Op.Op == OpKind::Exit)
          Exited.push_back(unsigned(Op.Object));
    }
    auto Record = [&](const Stmt *S, bool Implicit, auto &Self) -> void {
      if (!S || isa<LambdaExpr>(S) || (isa<CoawaitExpr>(S) && S != Await))
        return;
      if (isa<CallExpr>(S)) {
        if (!Exited.empty())
          ExitCalls[S].append(Exited.begin(), Exited.end());
        if (Implicit)
          AwaiterCalls.try_emplace(S, Await);
      }
      for (const Stmt *Child : S->children())
        Self(Child, Implicit, Self);
    };
    Record(Await->getOperand(), false, Record);
    for (const Expr *Part : {Await->getReadyExpr(), Await->getSuspendExpr(),
                             Await->getResumeExpr()})
      Record(Part, true, Record);
  }

  /// Marks the calls whose value \p S discards. \p FixCertain is false
  /// inside the arms of a conditional operator: "co_await " before one arm
  /// changes that arm's type, and the result may not compile.
  void markDiscarded(Stmt *S, bool FixCertain = true) {
    auto *E = dyn_cast_or_null<Expr>(S);
    if (!E)
      return;
    E = stripDiscard(E);
    if (auto *Cond = dyn_cast<ConditionalOperator>(E)) {
      markDiscarded(Cond->getTrueExpr(), /*FixCertain=*/false);
      markDiscarded(Cond->getFalseExpr(), /*FixCertain=*/false);
      return;
    }
    if (auto *Comma = dyn_cast<BinaryOperator>(E);
        Comma && Comma->isCommaOp()) {
      // The left side is discarded wherever the comma stands (see
      // VisitBinaryOperator); the right side only if the whole is.
      markDiscarded(Comma->getRHS(), FixCertain);
      return;
    }
    if (auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      DiscardedCalls.insert(Call);
      if (!FixCertain)
        UncertainFixCalls.insert(Call);
    }
  }

  void reportDiscarded(const CXXMemberCallExpr *Call, OpKind Op,
                       const Expr *Object) {
    bool IsEnter = Op == OpKind::Enter || Op == OpKind::StackEnterContext ||
                   Op == OpKind::EnterNow;
    const CXXMethodDecl *Method = Call->getMethodDecl();
    Finding F;
    F.Kind = IsEnter ? FindingKind::DiscardedEnter : FindingKind::DiscardedExit;
    F.Loc = Call->getExprLoc();
    F.Message = std::string(IsEnter ? "enter" : "exit") + " of '" +
                describeObject(Call, Ctx) +
                "' is not awaited: the result of '" +
                Method->getNameAsString() + "' is discarded";
    SourceLocation Begin = Call->getBeginLoc();
    // co_await is not allowed in a handler, in the initializer of a static
    // or thread_local variable, or in a coroutine whose promise deletes
    // await_transform, and a macro's text is not ours to change: only then
    // is the fix not certain.
    if (HandlerDepth == 0 && StaticInitDepth == 0 && MayAwait &&
        !UncertainFixCalls.count(Call) && Begin.isValid() && !Begin.isMacroID())
      F.Fix = FindingFix{Begin, "co_await "};
    Immediate.push_back(std::move(F));
  }

  ASTContext &Ctx;
  const ProtocolModel &Model;
  const FunctionDecl &Function;
  bool FindingObjects = true;
  unsigned HandlerDepth = 0;
  unsigned StaticInitDepth = 0;
  bool MayAwait;
  llvm::DenseMap<const Expr *, EffectKind> Roles;
  llvm::DenseSet<const CXXMemberCallExpr *> AwaitedCalls;
  llvm::DenseSet<const CXXMemberCallExpr *> StoredCalls;
  llvm::DenseSet<const CXXMemberCallExpr *> DiscardedCalls;
  llvm::DenseSet<const CXXMemberCallExpr *> UncertainFixCalls;
  /// Calls whose result initializes a local variable.
  llvm::DenseSet<const CXXMemberCallExpr *> LocalInitCalls;
  /// The operands of explicit co_awaits, as stripWrappers leaves them.
  llvm::DenseSet<const Expr *> AwaitedOperands;
  llvm::DenseSet<const CXXMemberCallExpr *> PopAllIntoLocal;
  llvm::DenseSet<unsigned> HeldByOuter;
  llvm::DenseMap<std::pair<const FunctionDecl *, const ParmVarDecl *>, bool>
      TakesOver;
};

//===----------------------------------------------------------------------===//
// Dataflow
//===----------------------------------------------------------------------===//

enum StateBits : uint8_t {
  NotEntered = 1,
  Entered = 2,
  /// Exited, on a path that has not gone round a loop since the exit.
  Exited = 4,
  ExitDeferred = 8,
  /// Exited, on a path that went back round a loop since the exit: what
  /// follows runs in a later iteration than the exit.
  ExitedEarlierIteration = 16,
};
constexpr uint8_t AnyExited = Exited | ExitedEarlierIteration;

struct ObjectState {
  uint8_t Bits = 0;
  /// Where the object was (first) entered on the paths in Bits & Entered.
  SourceLocation EnterLoc;
  /// Where its exit was (first) awaited on the paths in Bits & AnyExited.
  SourceLocation ExitLoc;
  /// For a resource: the exit at ExitLoc is its owner's, which ended the
  /// resource's life, rather than an exit of the resource itself.
  bool ByOwner = false;

  friend bool operator==(const ObjectState &A, const ObjectState &B) {
    return A.Bits == B.Bits && A.EnterLoc == B.EnterLoc &&
           A.ExitLoc == B.ExitLoc && A.ByOwner == B.ByOwner;
  }
};

/// An object's state on the paths on which the facts hold.
struct Variant {
  unsigned Obj;
  FactSet Facts;
  ObjectState State;

  friend bool operator==(const Variant &A, const Variant &B) {
    return A.Obj == B.Obj && A.Facts == B.Facts && A.State == B.State;
  }
};

struct FlowState {
  /// Facts every path reaching this point knows; objects born here start
  /// with them.
  FactSet Common;
  /// The states of the objects, sorted by object index then facts. An
  /// object has one variant per set of paths that know different facts and
  /// see it in different states: usually one. An object without variants
  /// is not this body's to exit at this point: not yet declared, dead, or
  /// handed off. Keeping only live objects keeps states small in long
  /// functions.
  llvm::SmallVector<Variant, 4> Variants;

  friend bool operator==(const FlowState &A, const FlowState &B) {
    return A.Common == B.Common && A.Variants == B.Variants;
  }
};

using VariantList = llvm::SmallVector<Variant, 4>;

class Dataflow {
public:
  Dataflow(const Stmt *WrittenBody, ASTContext &Ctx,
           const EffectCollector &Effects, const BranchFacts &Facts,
           bool ExceptionPaths)
      : WrittenBody(WrittenBody), Ctx(Ctx), SM(Ctx.getSourceManager()),
        C(Effects), Facts(Facts), ExceptionPaths(ExceptionPaths) {}

  void run(const CFG &Graph, FindingSink &Sink);

private:
  bool before(SourceLocation A, SourceLocation B) const {
    return locationBefore(SM, A, B);
  }

  /// The index range of \p Obj's variants in \p S.
  std::pair<unsigned, unsigned> range(const FlowState &S, unsigned Obj) const {
    auto Begin =
        llvm::lower_bound(S.Variants, Obj, [](const Variant &V, unsigned O) {
          return V.Obj < O;
        });
    auto End = std::find_if(Begin, S.Variants.end(),
                            [&](const Variant &V) { return V.Obj != Obj; });
    return {unsigned(Begin - S.Variants.begin()),
            unsigned(End - S.Variants.begin())};
  }
  llvm::MutableArrayRef<Variant> variantsOf(FlowState &S, unsigned Obj) const {
    auto [Begin, End] = range(S, Obj);
    return llvm::MutableArrayRef<Variant>(S.Variants).slice(Begin, End - Begin);
  }
  /// Gives \p Obj state \p State on every path.
  void set(FlowState &S, unsigned Obj, ObjectState State) const {
    auto [Begin, End] = range(S, Obj);
    if (Begin == End) {
      S.Variants.insert(S.Variants.begin() + Begin, {Obj, S.Common, State});
      return;
    }
    for (unsigned I = Begin; I < End; ++I)
      S.Variants[I].State = State;
    normalizeObject(S, Obj);
  }
  void erase(FlowState &S, unsigned Obj) const {
    auto [Begin, End] = range(S, Obj);
    S.Variants.erase(S.Variants.begin() + Begin, S.Variants.begin() + End);
  }

  /// Stops following the resources of \p Owner: pop_all moved their exits
  /// to another stack.
  void forgetResources(unsigned Owner, FlowState &S) const {
    for (unsigned Resource : C.ResourcesOf.lookup(Owner))
      erase(S, Resource);
  }

  void joinState(ObjectState &Into, const ObjectState &From) const;
  /// Brings the variants of one object into their canonical form (see
  /// FlowState).
  void normalize(VariantList &Vs) const;
  void normalizeObject(FlowState &S, unsigned Obj) const;
  void normalizeAll(FlowState &S) const;
  /// Joins \p From into \p Into; returns true if \p Into changed.
  bool join(FlowState &Into, const FlowState &From) const;
  void applyFactUpdate(FlowState &S, const FactUpdate &Update) const;
  bool edge(FlowState &S, const CFGBlock &From, unsigned SuccIndex,
            bool BackEdge);
  /// True if \p Obj is destroyed when an exception reaches \p Target (the
  /// exit, or a try's dispatch).
  bool diesByException(unsigned Obj, const CFGBlock &Target) const;
  /// True if the call that ends \p Block is one of the body's own and may
  /// throw.
  bool throwsHere(const CFGBlock &Block) const {
    const auto *Call = dyn_cast_or_null<CallExpr>(lastStmtOf(Block));
    return Call && !C.MachineryCalls.count(Call) && mayThrow(Call);
  }
  void reportExceptions(const CFGBlock &Block, const FlowState &AfterBlock);
  void transfer(const CFGBlock &Block, FlowState &S);
  void applyEffect(const Effect &E, FlowState &S);
  void reportAfterExit(FindingKind Kind, const Effect &E,
                       const ObjectState &State);
  void declare(const VarDecl *V, FlowState &S);
  ObjectState initialState(const TrackedObject &Object,
                           SourceLocation Loc) const;
  void objectDies(unsigned Obj, FlowState &S, SourceLocation Loc,
                  StringRef Reason);
  void reportMissingExit(unsigned Obj, const ObjectState &State,
                         SourceLocation Loc, StringRef Reason,
                         FindingKind Kind = FindingKind::MissingExit);
  void reportAtFunctionExit(const CFG &Graph,
                            const BlockStates<FlowState> &States);
  std::pair<SourceLocation, std::string> deathPoint(const Stmt *Trigger) const;

  void addFinding(Finding F, unsigned Obj, SourceLocation Key);

  const Stmt *WrittenBody;
  ASTContext &Ctx;
  const SourceManager &SM;
  const EffectCollector &C;
  const BranchFacts &Facts;
  /// Follow the paths on which calls throw (the CFG has their edges).
  bool ExceptionPaths;
  /// Set for the last pass over the final states: only it reports.
  bool Reporting = false;
  /// The state before the last call of block BeforeThrowBlock, the one
  /// transfer saw last: what an exception from that call leaves behind.
  FlowState BeforeThrow;
  unsigned BeforeThrowBlock = ~0u;
  /// The loops each block belongs to, by the block IDs of their headers.
  std::optional<LoopMap> Loops;
  /// One finding per (kind, object, enter or exit site): the earliest is
  /// kept.
  std::map<std::tuple<int, unsigned, unsigned>, Finding> Findings;
};

void Dataflow::joinState(ObjectState &Into, const ObjectState &From) const {
  if ((From.Bits & Entered) &&
      (!(Into.Bits & Entered) || before(From.EnterLoc, Into.EnterLoc)))
    Into.EnterLoc = From.EnterLoc;
  if ((From.Bits & AnyExited) &&
      (!(Into.Bits & AnyExited) || before(From.ExitLoc, Into.ExitLoc))) {
    Into.ExitLoc = From.ExitLoc;
    Into.ByOwner = From.ByOwner;
  }
  Into.Bits |= From.Bits;
}

void Dataflow::normalize(VariantList &Vs) const {
  normalizeVariants(
      Vs, [](const Variant &A, const Variant &B) { return A.State == B.State; },
      [&](Variant &Into, const Variant &From) {
        joinState(Into.State, From.State);
      });
}

void Dataflow::normalizeObject(FlowState &S, unsigned Obj) const {
  auto [Begin, End] = range(S, Obj);
  if (End - Begin <= 1)
    return;
  VariantList Vs(S.Variants.begin() + Begin, S.Variants.begin() + End);
  normalize(Vs);
  // Normalizing only ever merges variants: write them back in place and
  // close the gap, without moving the rest of the state twice.
  std::copy(Vs.begin(), Vs.end(), S.Variants.begin() + Begin);
  S.Variants.erase(S.Variants.begin() + Begin + Vs.size(),
                   S.Variants.begin() + End);
}

void Dataflow::normalizeAll(FlowState &S) const {
  // Usually every object has one variant, and there is nothing to merge.
  if (llvm::adjacent_find(S.Variants, [](const Variant &A, const Variant &B) {
        return A.Obj == B.Obj;
      }) == S.Variants.end())
    return;
  // One pass that rebuilds the list: normalizing object by object in place
  // would move the variants after each one, quadratic in live objects.
  llvm::SmallVector<Variant, 4> Result;
  Result.reserve(S.Variants.size());
  for (auto It = S.Variants.begin(), End = S.Variants.end(); It != End;) {
    auto Next = std::find_if(
        It, End, [&](const Variant &V) { return V.Obj != It->Obj; });
    if (Next - It == 1) {
      Result.push_back(*It);
    } else {
      VariantList Vs(It, Next);
      normalize(Vs);
      Result.append(Vs.begin(), Vs.end());
    }
    It = Next;
  }
  S.Variants = std::move(Result);
}

bool Dataflow::join(FlowState &Into, const FlowState &From) const {
  FlowState Result;
  Result.Common = FactSet::common(Into.Common, From.Common);
  Result.Variants.reserve(Into.Variants.size() + From.Variants.size());
  auto A = Into.Variants.begin(), AE = Into.Variants.end();
  auto B = From.Variants.begin(), BE = From.Variants.end();
  auto GroupEnd = [](auto It, auto End) {
    return std::find_if(It, End,
                        [&](const Variant &V) { return V.Obj != It->Obj; });
  };
  while (A != AE || B != BE) {
    if (B == BE || (A != AE && A->Obj < B->Obj)) {
      auto Next = GroupEnd(A, AE);
      Result.Variants.append(A, Next);
      A = Next;
    } else if (A == AE || B->Obj < A->Obj) {
      auto Next = GroupEnd(B, BE);
      Result.Variants.append(B, Next);
      B = Next;
    } else {
      auto NextA = GroupEnd(A, AE);
      auto NextB = GroupEnd(B, BE);
      if (std::equal(A, NextA, B, NextB)) {
        Result.Variants.append(A, NextA);
      } else {
        VariantList Merged(A, NextA);
        Merged.append(B, NextB);
        normalize(Merged);
        Result.Variants.append(Merged.begin(), Merged.end());
      }
      A = NextA;
      B = NextB;
    }
  }
  if (Result == Into)
    return false;
  Into = std::move(Result);
  return true;
}

void Dataflow::applyFactUpdate(FlowState &S, const FactUpdate &Update) const {
  S.Common.set(Update.Var, Update.Value);
  for (Variant &V : S.Variants)
    V.Facts.set(Update.Var, Update.Value);
  normalizeAll(S);
}

bool Dataflow::edge(FlowState &S, const CFGBlock &From, unsigned SuccIndex,
                    bool BackEdge) {
  bool Changed = false;
  const CFGBlock *Target = *(From.succ_begin() + SuccIndex);
  if (ExceptionPaths && Target && isExceptionEdge(From, SuccIndex)) {
    if (!throwsHere(From))
      return false;
    // The call did not complete: its own effects (a push, an enter) did
    // not happen.
    if (BeforeThrowBlock == From.getBlockID())
      S = BeforeThrow;
    // An exit that throws was attempted: its object is settled. Objects
    // the unwinding destroys are reported at the call and gone after it.
    for (unsigned Obj : C.ExitCalls.lookup(lastStmtOf(From)))
      erase(S, Obj);
    llvm::erase_if(S.Variants, [&](const Variant &V) {
      return diesByException(V.Obj, *Target);
    });
  }
  if (std::optional<FactTest> Test = Facts.testAt(From)) {
    // An object left without variants is on no path along this edge.
    if (!followBranch(*Test, SuccIndex, S.Common, S.Variants))
      return false;
    Changed = true;
  }
  // Going round a loop, an exit becomes one of an earlier iteration; out
  // of the loop, what follows is no longer in a later iteration.
  uint8_t Old = BackEdge ? Exited : ExitedEarlierIteration;
  uint8_t New = BackEdge ? ExitedEarlierIteration : Exited;
  if (BackEdge || (Target && Loops->leavesLoop(From, *Target)))
    for (Variant &V : S.Variants)
      if (V.State.Bits & Old) {
        V.State.Bits &= ~Old;
        V.State.Bits |= New;
        Changed = true;
      }
  if (Changed)
    normalizeAll(S);
  return true;
}

bool Dataflow::diesByException(unsigned Obj, const CFGBlock &Target) const {
  const CXXTryStmt *Try = dispatchedTry(Target);
  if (!Try)
    return true; // the exit: the exception leaves the coroutine
  // Unwinding to the handlers destroys what the try block declared.
  const VarDecl *V = C.Objects[Obj].Var;
  SourceRange Block = Try->getTryBlock()->getSourceRange();
  SourceLocation Loc = V->getLocation();
  if (!isa<ParmVarDecl>(V) && !before(Loc, Block.getBegin()) &&
      !before(Block.getEnd(), Loc))
    return true;
  // Without a catch (...), the exception may go on to an outer try, or
  // leave the coroutine.
  for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
    if (!Try->getHandler(I)->getExceptionDecl())
      return false;
  for (const CFGBlock *Next : Target.succs())
    if (Next && !isa_and_nonnull<CXXCatchStmt>(Next->getLabel()))
      return diesByException(Obj, *Next);
  return false;
}

void Dataflow::reportExceptions(const CFGBlock &Block,
                                const FlowState &AfterBlock) {
  const Stmt *Last = lastStmtOf(Block);
  const auto *Throw = dyn_cast_or_null<CXXThrowExpr>(Last);
  unsigned Index = 0;
  for (const CFGBlock *Target : Block.succs()) {
    unsigned SuccIndex = Index++;
    if (!Target)
      continue;
    bool ByCall = isExceptionEdge(Block, SuccIndex);
    if (ByCall && !throwsHere(Block))
      continue;
    if (!ByCall && !(Throw && (Target->getBlockID() ==
                                   Block.getParent()->getExit().getBlockID() ||
                               dispatchedTry(*Target))))
      continue;
    // Where the exception comes from, and how to say it.
    SourceLocation Loc;
    std::string Reason;
    if (Throw) {
      Loc = Throw->getThrowLoc();
      Reason = Throw->getSubExpr() ? "before 'throw'"
                                   : "before the exception is rethrown";
    } else {
      const auto *Call = cast<CallExpr>(Last);
      const Expr *Site = Call;
      if (const CoawaitExpr *Await = C.AwaiterCalls.lookup(Call)) {
        Site = Await;
        if (auto *Operand = dyn_cast<CallExpr>(
                stripWrappers(const_cast<Expr *>(Await->getOperand()))))
          Site = Operand;
      }
      const auto *SiteCall = dyn_cast<CallExpr>(Site);
      const FunctionDecl *Callee =
          SiteCall ? SiteCall->getDirectCallee() : nullptr;
      Loc = SiteCall ? SiteCall->getExprLoc() : Site->getBeginLoc();
      if (Callee && Callee->getDeclName().isIdentifier())
        Reason = "if '" + Callee->getName().str() + "' throws";
      else if (SiteCall)
        Reason = "if the call throws";
      else
        Reason = "if the 'co_await' throws";
    }
    llvm::ArrayRef<unsigned> Attempted;
    if (ByCall)
      if (auto It = C.ExitCalls.find(Last); It != C.ExitCalls.end())
        Attempted = It->second;
    const FlowState &S = ByCall && BeforeThrowBlock == Block.getBlockID()
                             ? BeforeThrow
                             : AfterBlock;
    for (const Variant &V : S.Variants) {
      if (llvm::is_contained(Attempted, V.Obj) ||
          !diesByException(V.Obj, *Target))
        continue;
      reportMissingExit(V.Obj, V.State, Loc, Reason,
                        FindingKind::ExceptionSkipsExit);
    }
  }
}

ObjectState Dataflow::initialState(const TrackedObject &Object,
                                   SourceLocation Loc) const {
  // A closeable (and a pending awaitable, and a resource) is live from its
  // birth; the others owe nothing until entered.
  if (Object.Kind == ObjectKind::Closeable || Object.IsAwaitable ||
      Object.isResource())
    return {Entered, Loc, SourceLocation()};
  return {NotEntered, SourceLocation(), SourceLocation()};
}

void Dataflow::declare(const VarDecl *V, FlowState &S) {
  auto It = C.Index.find(V);
  if (It == C.Index.end())
    return;
  unsigned Obj = It->second;
  const TrackedObject &Object = C.Objects[Obj];
  SourceLocation Loc = V->getLocation();
  if (Object.IsAwaitable) {
    auto Held = C.HeldOps.find(Obj);
    if (Held != C.HeldOps.end() && !Held->second.empty())
      Loc = Held->second.front().Call->getExprLoc();
  }
  erase(S, Obj);
  // A default-constructed placeholder of a default-empty type owes nothing
  // until a value is assigned to it.
  ObjectState Birth =
      Object.EmptyAtBirth
          ? ObjectState{NotEntered, SourceLocation(), SourceLocation()}
          : initialState(Object, Loc);
  auto Init = C.DeclInits.find(V);
  if (Init == C.DeclInits.end() || Init->second.InheritFrom < 0) {
    set(S, Obj, Birth);
    return;
  }
  // pop_all: the new stack takes over the old one's exits.
  unsigned From = Init->second.InheritFrom;
  VariantList Taken(variantsOf(S, From));
  for (Variant &Source : variantsOf(S, From))
    Source.State.Bits = NotEntered;
  normalizeObject(S, From);
  forgetResources(From, S);
  if (Taken.empty()) {
    set(S, Obj, Birth);
    return;
  }
  for (Variant &T : Taken)
    T.Obj = Obj;
  unsigned At = range(S, Obj).first;
  S.Variants.insert(S.Variants.begin() + At, Taken.begin(), Taken.end());
}

void Dataflow::applyEffect(const Effect &E, FlowState &S) {
  const TrackedObject &Object = C.Objects[E.Object];
  llvm::MutableArrayRef<Variant> Vs = variantsOf(S, E.Object);
  switch (E.Kind) {
  case EffectKind::Enter:
    if (Object.SingleUse)
      for (const Variant &V : Vs)
        if (V.State.Bits & AnyExited)
          reportAfterExit(FindingKind::SingleUseReentered, E, V.State);
    set(S, E.Object, {Entered, E.Loc, SourceLocation()});
    return;
  case EffectKind::Exit:
    for (Variant &V : Vs) {
      // A resource that died with its owner's exit was reported as used
      // at the reference to it (OpObject). Exits that may be awaited again
      // are never double.
      if ((V.State.Bits & AnyExited) && !V.State.ByOwner &&
          !Object.IdempotentExit)
        reportAfterExit(FindingKind::DoubleExit, E, V.State);
      V.State = {Exited, V.State.EnterLoc, E.Loc, /*ByOwner=*/false};
    }
    normalizeObject(S, E.Object);
    // What the object's enters handed out dies with the exit, whatever
    // became of the object itself.
    for (unsigned Resource : C.ResourcesOf.lookup(E.Object)) {
      for (Variant &V : variantsOf(S, Resource))
        V.State = {Exited, V.State.EnterLoc, E.Loc, /*ByOwner=*/true};
      normalizeObject(S, Resource);
    }
    return;
  case EffectKind::ExitDeferred:
    for (Variant &V : Vs)
      V.State.Bits = ExitDeferred;
    normalizeObject(S, E.Object);
    return;
  case EffectKind::Release:
    erase(S, E.Object);
    return;
  case EffectKind::Reassign:
    if (Object.IsAwaitable) {
      erase(S, E.Object);
      return;
    }
    objectDies(E.Object, S, E.Loc, "it is assigned a new value");
    set(S, E.Object, initialState(Object, E.Loc));
    return;
  case EffectKind::StackPushed:
  case EffectKind::EnterNow:
    if (Vs.empty()) {
      set(S, E.Object, {Entered, E.Loc, SourceLocation()});
      return;
    }
    for (Variant &V : Vs) {
      if (E.Kind == EffectKind::EnterNow && Object.SingleUse &&
          (V.State.Bits & AnyExited))
        reportAfterExit(FindingKind::SingleUseReentered, E, V.State);
      // Further pushes or enters keep the first one's site.
      if (V.State.Bits != Entered)
        V.State = {Entered, E.Loc, SourceLocation()};
    }
    normalizeObject(S, E.Object);
    return;
  case EffectKind::EnterLeave:
    // Only entering after the exit matters; the state is as it was.
    if (Object.SingleUse)
      for (const Variant &V : Vs)
        if (V.State.Bits & AnyExited)
          reportAfterExit(FindingKind::SingleUseReentered, E, V.State);
    return;
  case EffectKind::Leave:
    for (Variant &V : Vs)
      if (V.State.Bits == Entered)
        V.State.Bits = NotEntered;
    normalizeObject(S, E.Object);
    return;
  case EffectKind::StackReset:
    for (Variant &V : Vs)
      V.State.Bits = NotEntered;
    normalizeObject(S, E.Object);
    forgetResources(E.Object, S);
    return;
  case EffectKind::AwaitLocal: {
    for (Variant &V : Vs)
      V.State = {Exited, V.State.EnterLoc, E.Loc, /*ByOwner=*/false};
    normalizeObject(S, E.Object);
    auto Held = C.HeldOps.find(E.Object);
    if (Held == C.HeldOps.end())
      return;
    for (const HeldOp &Op : Held->second) {
      if (Op.Object < 0)
        continue;
      // Which arm ran is not known here: the object's fate is settled by
      // this await either way, so stop following it.
      if (Op.Conditional) {
        erase(S, unsigned(Op.Object));
        continue;
      }
      if (Op.Op == OpKind::Enter)
        applyEffect({EffectKind::Enter, unsigned(Op.Object), E.Loc}, S);
      else if (Op.Op == OpKind::Exit)
        applyEffect({EffectKind::Exit, unsigned(Op.Object), E.Loc}, S);
      else if (Op.Op == OpKind::StackEnterContext)
        applyEffect({EffectKind::StackPushed, unsigned(Op.Object), E.Loc}, S);
    }
    return;
  }
  case EffectKind::Use:
  case EffectKind::ResourceUse:
  case EffectKind::CopyOut:
    for (const Variant &V : Vs)
      if (V.State.Bits & AnyExited)
        reportAfterExit(FindingKind::UseAfterExit, E, V.State);
    if (E.Kind == EffectKind::CopyOut)
      erase(S, E.Object);
    return;
  case EffectKind::OpObject:
    // The op judges its object; but a resource that died with its owner is
    // gone, and any op on it is a use.
    if (Object.isResource())
      for (const Variant &V : Vs)
        if ((V.State.Bits & AnyExited) && V.State.ByOwner)
          reportAfterExit(FindingKind::UseAfterExit, E, V.State);
    return;
  }
}

void Dataflow::reportAfterExit(FindingKind Kind, const Effect &E,
                               const ObjectState &State) {
  if (!Reporting)
    return;
  std::string Name = C.Objects[E.Object].Var->getNameAsString();
  // Reached only round a loop: say so, as bugprone-use-after-move does.
  bool LaterIteration = !(State.Bits & Exited);
  Finding F;
  F.Kind = Kind;
  F.Loc = E.Loc;
  switch (Kind) {
  case FindingKind::DoubleExit:
    F.Message = "exit of '" + Name + "' is awaited again after it was exited";
    F.Notes.push_back({State.ExitLoc, "first exit awaited here"});
    if (LaterIteration)
      F.Notes.push_back({E.Loc, "the second exit happens in a later loop "
                                "iteration than the first"});
    break;
  case FindingKind::SingleUseReentered:
    F.Message = "'" + Name +
                "' is a single-use manager and is entered again after its exit";
    F.Notes.push_back({State.ExitLoc, "exit awaited here"});
    if (LaterIteration)
      F.Notes.push_back(
          {E.Loc, "the enter happens in a later loop iteration than the exit"});
    break;
  default:
    if (int Owner = C.Objects[E.Object].Owner; Owner >= 0 && State.ByOwner)
      F.Message = "'" + Name + "' is used after the exit of '" +
                  C.Objects[Owner].Var->getNameAsString() + "' was awaited";
    else
      F.Message = "'" + Name + "' is used after its exit was awaited";
    F.Notes.push_back({State.ExitLoc, "exit awaited here"});
    if (LaterIteration)
      F.Notes.push_back(
          {E.Loc, "the use happens in a later loop iteration than the exit"});
    break;
  }
  addFinding(std::move(F), E.Object, State.ExitLoc);
}

void Dataflow::transfer(const CFGBlock &Block, FlowState &S) {
  // A block that ends with a call that may throw also has an edge for the
  // exception, which leaves before the call's own effects.
  const Stmt *Thrower = nullptr;
  if (ExceptionPaths && Block.succ_size() > 1 && !Block.getTerminatorStmt())
    Thrower = dyn_cast_or_null<CallExpr>(lastStmtOf(Block));
  for (const CFGElement &Element : Block) {
    if (auto StmtElement = Element.getAs<CFGStmt>()) {
      const Stmt *St = StmtElement->getStmt();
      if (St == Thrower) {
        BeforeThrow = S;
        BeforeThrowBlock = Block.getBlockID();
      }
      if (const auto *DS = dyn_cast<DeclStmt>(St))
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D)) {
            if (std::optional<FactUpdate> Update = Facts.atDeclaration(V))
              applyFactUpdate(S, *Update);
            declare(V, S);
          }
      auto It = C.Effects.find(St);
      if (It != C.Effects.end())
        for (const Effect &E : It->second)
          applyEffect(E, S);
      for (const FactUpdate &Update : Facts.updatesAt(St))
        applyFactUpdate(S, Update);
      continue;
    }
    if (auto Lifetime = Element.getAs<CFGLifetimeEnds>()) {
      const VarDecl *V = Lifetime->getVarDecl();
      // Parameters are handled at the function's exit, where every path
      // ends; the CFG marks their end only on some of them.
      if (isa<ParmVarDecl>(V))
        continue;
      auto It = C.Index.find(V);
      if (It == C.Index.end())
        continue;
      auto [Loc, Reason] = deathPoint(Lifetime->getTriggerStmt());
      objectDies(It->second, S, Loc, Reason);
    }
  }
}

std::pair<SourceLocation, std::string>
Dataflow::deathPoint(const Stmt *Trigger) const {
  if (!Trigger)
    return {SourceLocation(), "the end of its scope"};
  if (isa<CoreturnStmt>(Trigger))
    return {Trigger->getBeginLoc(), "'co_return'"};
  if (isa<ReturnStmt>(Trigger))
    return {Trigger->getBeginLoc(), "'return'"};
  if (isa<BreakStmt>(Trigger))
    return {Trigger->getBeginLoc(), "'break'"};
  if (isa<ContinueStmt>(Trigger))
    return {Trigger->getBeginLoc(), "'continue'"};
  if (isa<GotoStmt>(Trigger) || isa<IndirectGotoStmt>(Trigger))
    return {Trigger->getBeginLoc(), "'goto'"};
  if (const auto *CS = dyn_cast<CompoundStmt>(Trigger)) {
    if (CS == WrittenBody)
      return {CS->getRBracLoc(), "the end of the coroutine"};
    return {CS->getRBracLoc(), "the end of its scope"};
  }
  return {Trigger->getEndLoc(), "the end of its scope"};
}

void Dataflow::objectDies(unsigned Obj, FlowState &S, SourceLocation Loc,
                          StringRef Reason) {
  for (const Variant &V : variantsOf(S, Obj))
    reportMissingExit(Obj, V.State, Loc, Reason);
  erase(S, Obj);
}

void Dataflow::reportMissingExit(unsigned Obj, const ObjectState &State,
                                 SourceLocation Loc, StringRef Reason,
                                 FindingKind Kind) {
  const TrackedObject &Object = C.Objects[Obj];
  if (!Reporting || !(State.Bits & Entered) || Loc.isInvalid() ||
      Object.isResource())
    return;
  std::string Name = Object.Var->getNameAsString();
  // Deaths are "before 'co_return'"; exceptions say how they happen.
  std::string Where = Kind == FindingKind::ExceptionSkipsExit
                          ? Reason.str()
                          : "before " + Reason.str();
  Finding F;
  F.Loc = Loc;
  if (Object.IsAwaitable) {
    // Only exits are owed; an unawaited enter is the enter check's job.
    auto Held = C.HeldOps.find(Obj);
    if (Held == C.HeldOps.end() || C.isHeldByOuter(Obj))
      return;
    for (const HeldOp &Op : Held->second) {
      if (Op.Op != OpKind::Exit)
        continue;
      std::string Target = describeObject(Op.Call, Ctx);
      Finding Stored = F;
      if (Kind == FindingKind::MissingExit)
        Stored.Kind = FindingKind::UnawaitedStoredExit;
      else
        Stored.Kind = Kind;
      Stored.Message = "exit of '" + Target + "' stored in '" + Name +
                       "' is not awaited " + Where;
      Stored.Notes.push_back(
          {Op.Call->getExprLoc(),
           "exit of '" + Target + "' stored in '" + Name + "' here"});
      addFinding(std::move(Stored), Obj, Op.Call->getExprLoc());
    }
    return;
  }
  F.Kind = Kind;
  switch (Object.Kind) {
  case ObjectKind::ExitStack:
    F.Message = "exit stack '" + Name + "' is not closed " + Where +
                "; its pushed exits never run";
    F.Notes.push_back({State.EnterLoc, "exit pushed onto '" + Name + "' here"});
    break;
  case ObjectKind::Closeable:
    F.Message = "close of '" + Name + "' is not awaited " + Where;
    F.Notes.push_back(
        {State.EnterLoc, "'" + Name + "' " +
                             (Object.IsParam ? "received" : "created") +
                             " here"});
    break;
  default:
    F.Message = "exit of '" + Name + "' is not awaited " + Where;
    F.Notes.push_back({State.EnterLoc, "'" + Name + "' entered here"});
    break;
  }
  addFinding(std::move(F), Obj, State.EnterLoc);
}

void Dataflow::addFinding(Finding F, unsigned Obj, SourceLocation Key) {
  auto K = std::make_tuple(int(F.Kind), Obj, Key.getRawEncoding());
  auto It = Findings.find(K);
  if (It == Findings.end()) {
    Findings.emplace(K, std::move(F));
    return;
  }
  // The earliest place; at the same place, the plainer report (a path that
  // does not go round a loop explains it best).
  if (before(F.Loc, It->second.Loc) ||
      (F.Loc == It->second.Loc && F.Notes.size() < It->second.Notes.size()))
    It->second = std::move(F);
}

void Dataflow::reportAtFunctionExit(const CFG &Graph,
                                    const BlockStates<FlowState> &States) {
  SourceLocation EndLoc;
  if (const auto *CS = dyn_cast<CompoundStmt>(WrittenBody))
    EndLoc = CS->getRBracLoc();
  else
    EndLoc = WrittenBody->getEndLoc();
  forEachNormalReturn(
      Graph, [&](unsigned ID) { return States.reached(ID); },
      [&](const CFGBlock &Pred, const Stmt *Written) {
        auto [Loc, Reason] =
            Written ? deathPoint(Written)
                    : std::make_pair(EndLoc,
                                     std::string("the end of the coroutine"));
        FlowState S = *States.Out[Pred.getBlockID()];
        for (unsigned Obj = 0; Obj < C.Objects.size(); ++Obj)
          if (C.Objects[Obj].IsParam)
            objectDies(Obj, S, Loc, Reason);
      });
}

void Dataflow::run(const CFG &Graph, FindingSink &Sink) {
  FlowState Entry;
  for (unsigned Obj = 0; Obj < C.Objects.size(); ++Obj)
    if (C.Objects[Obj].IsParam)
      set(Entry, Obj,
          initialState(C.Objects[Obj], C.Objects[Obj].Var->getLocation()));

  PostOrderCFGView Order(&Graph);
  Loops.emplace(Graph, Order);
  // The flow driver asks for a block's edges right after its transfer, so
  // BeforeThrow still holds that block's state before its last call.
  struct Problem {
    using State = FlowState;
    using Outcome = FlowState;
    Dataflow &Flow;
    FlowState transfer(const CFGBlock &Block, const FlowState &In) const {
      FlowState S = In;
      Flow.transfer(Block, S);
      return S;
    }
    FlowState &after(FlowState &O) const { return O; }
    bool edge(FlowState &S, const FlowState &, const CFGBlock &From,
              unsigned SuccIndex, bool BackEdge) const {
      return Flow.edge(S, From, SuccIndex, BackEdge);
    }
    bool join(FlowState &Into, const FlowState &From) const {
      return Flow.join(Into, From);
    }
  };
  FlowStats Stats;
  BlockStates<FlowState> States =
      solveForward(Graph, Order, Problem{*this}, std::move(Entry), Stats);

  // Report from the final states only, so nothing is reported twice.
  Reporting = true;
  for (const CFGBlock *Block : Order) {
    unsigned ID = Block->getBlockID();
    if (!States.In[ID])
      continue;
    FlowState S = *States.In[ID];
    transfer(*Block, S);
    if (ExceptionPaths)
      reportExceptions(*Block, S);
  }
  reportAtFunctionExit(Graph, States);

  // Paths kept apart can each find the same bug, seen from different
  // enters or exits: report each (kind, object, place) once, with the
  // earliest enter or exit.
  struct Keyed {
    unsigned Obj;
    SourceLocation Key;
    Finding *F;
  };
  std::vector<Keyed> ByKey;
  for (auto &[K, F] : Findings)
    ByKey.push_back({std::get<1>(K),
                     SourceLocation::getFromRawEncoding(std::get<2>(K)), &F});
  llvm::stable_sort(ByKey, [&](const Keyed &A, const Keyed &B) {
    return before(A.Key, B.Key);
  });
  std::set<std::tuple<int, unsigned, unsigned>> Seen;
  std::vector<Finding> All;
  for (const Keyed &Entry : ByKey)
    if (Seen.insert(
                {int(Entry.F->Kind), Entry.Obj, Entry.F->Loc.getRawEncoding()})
            .second)
      All.push_back(std::move(*Entry.F));
  for (const Finding &F : C.Immediate)
    All.push_back(F);
  llvm::stable_sort(All, [&](const Finding &A, const Finding &B) {
    if (A.Loc != B.Loc)
      return before(A.Loc, B.Loc);
    return A.Message < B.Message;
  });
  for (const Finding &F : All)
    Sink.report(F);
}

} // namespace

bool isAnalyzableCoroutine(const FunctionDecl &Function) {
  if (Function.isInvalidDecl() || Function.isDependentContext() ||
      !Function.doesThisDeclarationHaveABody())
    return false;
  return isa_and_nonnull<CoroutineBodyStmt>(Function.getBody());
}

void analyzeCoroutine(const FunctionDecl &Function, ASTContext &Context,
                      const ProtocolModel &Model, FindingSink &Sink) {
  if (!isAnalyzableCoroutine(Function))
    return;
  auto *Coroutine = cast<CoroutineBodyStmt>(Function.getBody());
  Stmt *WrittenBody = Coroutine->getBody();
  if (!WrittenBody)
    return;

  EffectCollector Collector(Context, Model, Function);
  Collector.collect(WrittenBody);
  if (Collector.HasErrors)
    return;

  // Both analyses follow the same condition variables: find them once.
  std::optional<BranchFacts> Facts;
  auto FactsOfBody = [&]() -> const BranchFacts & {
    if (!Facts)
      Facts.emplace(Function, WrittenBody);
    return *Facts;
  };
  if (mayBeGeneratorManager(Function, Model)) {
    YieldSites Yields = findYields(WrittenBody);
    CFG::BuildOptions GeneratorOptions;
    GeneratorOptions.setAllAlwaysAdd();
    std::unique_ptr<CFG> GeneratorGraph = Yields.empty()
        ? nullptr
        : CFG::buildCFG(&Function, Function.getBody(), &Context,
                        GeneratorOptions);
    if (GeneratorGraph) {
      PostOrderCFGView Order(GeneratorGraph.get());
      runGeneratorAnalysis(Function, Yields, *GeneratorGraph, Order,
                           WrittenBody, FactsOfBody(),
                           Context.getSourceManager(), Sink, nullptr);
    }
  }
  if (Collector.Objects.empty()) {
    // Nothing to follow through the flow; report what needs no flow.
    for (const Finding &F : Collector.Immediate)
      Sink.report(F);
    return;
  }

  // With exception paths, a call that may throw also branches to the
  // handlers of the try around it, or to the exit.
  bool ExceptionPaths = Model.options().CheckExceptionPaths &&
                        Context.getLangOpts().CXXExceptions;
  CFG::BuildOptions Options;
  Options.AddLifetime = true;
  Options.AddEHEdges = ExceptionPaths;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(&Function, Function.getBody(), &Context, Options);
  if (!Graph)
    return;
  Dataflow Flow(WrittenBody, Context, Collector, FactsOfBody(), ExceptionPaths);
  Flow.run(*Graph, Sink);
}

} // namespace acm
