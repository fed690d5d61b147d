//===- ExitFlow.cpp -------------------------------------------------------===//

#include "Analysis/Exit/ExitFlow.h"
#include "Analysis/Exit/MemberGuards.h"
#include "Analysis/Exit/TrackedObjects.h"
#include "Analysis/Support/BranchFacts.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Analysis/Support/ExprUnwrap.h"

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include <cassert>

using namespace clang;

namespace acm {

ExitDiagnoser::~ExitDiagnoser() = default;

ExitFlow::ExitFlow(const ObjectTable &Objects, const EffectTable &Effects,
                   const BranchFacts &Facts, const KeptFilter &MaybeKept,
                   const LoopMap &Loops, const SourceManager &SM,
                   const Stmt *WrittenBody, bool IsCoroutine,
                   bool ExceptionPaths, const MemberGuards *Guards)
    : Objects(Objects), Effects(Effects), Facts(Facts), MaybeKept(MaybeKept),
      Loops(Loops), SM(SM), WrittenBody(WrittenBody), IsCoroutine(IsCoroutine),
      ExceptionPaths(ExceptionPaths), Guards(Guards), Lattice(SM) {
  // Most sites are of an enter or an exit, and the lattice lists each:
  // sized once, its table does not rehash them as it grows.
  Lattice.reserve(Effects.numSites() / 2);
}

ExitState ExitFlow::entryState() const {
  ExitState Entry;
  for (unsigned Obj = 0; Obj < Objects.size(); ++Obj) {
    const TrackedObject &Object = Objects[Obj];
    if (Object.IsParam)
      Lattice.set(Entry, Obj, initialState(Object, Object.Decl->getLocation()));
    // A member owes its exit from the start of the owner exit: since its
    // construction, or since another method entered it.
    if (Object.IsMember)
      Lattice.set(Entry, Obj,
                  Object.Owes
                      ? Lattice.entered(Object.EnteredAt.isValid()
                                            ? Object.EnteredAt
                                            : Object.Decl->getLocation())
                      : ExitLattice::without(NotEntered));
  }
  return Entry;
}

ObjectState ExitFlow::initialState(const TrackedObject &Object,
                                   SourceLocation Loc) const {
  // A closeable (and a pending awaitable, and a resource) is live from its
  // birth; the others owe nothing until entered.
  if (Object.Kind == ObjectKind::Closeable || Object.IsAwaitable ||
      Object.isResource())
    return Lattice.entered(Loc);
  return ExitLattice::without(NotEntered);
}

void ExitFlow::forgetResources(unsigned Owner, ExitState &S) const {
  // pop_all moved the exits of what the stack handed out elsewhere.
  for (unsigned Resource : Objects.resourcesOf(Owner))
    Lattice.erase(S, Resource);
}

bool ExitFlow::throwsHere(const CFGBlock &Block) const {
  const auto *Call = dyn_cast_or_null<CallExpr>(lastStmtOf(Block));
  if (!Call)
    return false;
  // Only a graph with exception edges has a call with one, and its flow
  // has the machinery's calls indexed.
  assert(Awaiters && "the calls of awaits and machinery are not indexed");
  bool Machinery = Awaiters && Awaiters->MachineryCalls.count(Call);
  // A test framework's fatal failure throws to end the test: nothing is owed.
  return !Machinery && !Effects.FailurePoints.count(Call) && mayThrow(Call);
}

ExitOutcome ExitFlow::transfer(const CFGBlock &Block, const ExitState &In,
                               ExitDiagnoser *Diagnoser) const {
  ExitOutcome Out{In, std::nullopt};
  // A block that ends with a call that may throw also has an edge for the
  // exception, which leaves before the call's own effects.
  const Stmt *Thrower = nullptr;
  if (hasExceptionEdges() && Block.succ_size() > 1 &&
      !Block.getTerminatorStmt())
    Thrower = dyn_cast_or_null<CallExpr>(lastStmtOf(Block));
  unsigned ID = Block.getBlockID();
  if (ID >= ActiveRanges.size())
    ActiveRanges.resize(Block.getParent()->getNumBlockIDs(), {0, NotListed});
  std::pair<unsigned, unsigned> &Range = ActiveRanges[ID];
  if (Range.second != NotListed) {
    for (unsigned Index :
         llvm::ArrayRef(ActiveIndices).slice(Range.first, Range.second))
      applyElement(Block[Index], Thrower, Out, Diagnoser);
    return Out;
  }
  // The first visit reads every element and lists those that act, for the
  // fixpoint's later visits and the reporting pass: most blocks are
  // visited once, and reading an element is asking what it does.
  Range.first = ActiveIndices.size();
  unsigned Index = 0;
  for (const CFGElement &Element : Block) {
    if (applyElement(Element, Thrower, Out, Diagnoser))
      ActiveIndices.push_back(Index);
    ++Index;
  }
  Range.second = ActiveIndices.size() - Range.first;
  return Out;
}

bool ExitFlow::applyElement(const CFGElement &Element, const Stmt *Thrower,
                            ExitOutcome &Out, ExitDiagnoser *Diagnoser) const {
  ExitState &S = Out.After;
  if (auto StmtElement = Element.getAs<CFGStmt>()) {
    const Stmt *St = StmtElement->getStmt();
    bool Acts = St == Thrower;
    if (Acts)
      Out.BeforeThrow = S;
    if (const auto *DS = dyn_cast<DeclStmt>(St))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D)) {
          if (std::optional<FactUpdate> Update = Facts.atDeclaration(V)) {
            Lattice.applyFactUpdate(S, *Update);
            Acts = true;
          }
          Acts |= declare(V, S);
        }
    // What else a statement can do, it was kept for.
    if (!MaybeKept.mayHold(St))
      return Acts;
    for (const Effect &E : Effects.of(St)) {
      applyEffect(E, S, Diagnoser);
      Acts = true;
    }
    // A test that failed fatally ends here: nothing is owed on its path.
    if (Effects.FailurePoints.count(St)) {
      if (!isa<CallExpr>(St)) {
        S.Variants.clear();
        return true;
      }
      Acts = true;
    }
    for (const FactUpdate &Update : Facts.updatesAt(St)) {
      Lattice.applyFactUpdate(S, Update);
      Acts = true;
    }
    return Acts;
  }
  if (auto Lifetime = Element.getAs<CFGLifetimeEnds>()) {
    const VarDecl *V = Lifetime->getVarDecl();
    // Parameters are handled at the function's exit, where every path
    // ends; the CFG marks their end only on some of them.
    if (isa<ParmVarDecl>(V))
      return false;
    if (std::optional<unsigned> Obj = Objects.indexOf(V)) {
      objectDies(*Obj, S, deathPoint(Lifetime->getTriggerStmt()), Diagnoser);
      return true;
    }
  }
  return false;
}

bool ExitFlow::edge(ExitState &S, const ExitOutcome &O, const CFGBlock &From,
                    unsigned SuccIndex, bool BackEdge) const {
  bool Changed = false;
  const CFGBlock *Target = *(From.succ_begin() + SuccIndex);
  if (hasExceptionEdges() && Target && isExceptionEdge(From, SuccIndex)) {
    // Without exception paths, only the way out of a try that nothing else
    // leaves is followed.
    if (!ExceptionPaths && !LeftByException->count(dispatchedTry(*Target)))
      return false;
    // A test framework's fatal failure: the test ends, nothing is owed.
    if (!throwsHere(From))
      return false;
    // The call did not complete: its own effects (a push, an enter) did
    // not happen.
    if (O.BeforeThrow)
      S = *O.BeforeThrow;
    // An exit that throws was attempted: its object is settled. Objects
    // the unwinding destroys are reported at the call and gone after it.
    for (unsigned Obj : exitedBy(lastStmtOf(From)))
      Lattice.erase(S, Obj);
    llvm::erase_if(S.Variants, [&](const Variant &V) {
      return unwoundBefore(V.Obj, *Target);
    });
  }
  // An exception no handler of the try catches goes on: to an outer try,
  // or out of the coroutine.
  if (Target && dispatchedTry(From) &&
      !isa_and_nonnull<CXXCatchStmt>(Target->getLabel()))
    llvm::erase_if(S.Variants, [&](const Variant &V) {
      return unwoundBefore(V.Obj, *Target);
    });
  if (std::optional<FactTest> Test = Facts.testAt(From)) {
    // An object left without variants is on no path along this edge.
    if (!followBranch(*Test, SuccIndex, S.Common, S.Variants))
      return false;
    Changed = true;
  }
  if (Guards) {
    // A member found to hold nothing owes nothing on this side.
    if (std::optional<HoldsTest> Test = Guards->testAt(From))
      if ((SuccIndex == 0) != Test->HoldsOnFirst)
        Lattice.erase(S, Test->Obj);
    // The method ran before: its members are settled.
    if (Guards->isAlreadyDoneEdge(From, SuccIndex))
      llvm::erase_if(S.Variants,
                     [&](const Variant &V) { return Objects[V.Obj].IsMember; });
  }
  // Going round a loop, an exit becomes one of an earlier iteration; out
  // of the loop, what follows is no longer in a later iteration.
  uint8_t Old = BackEdge ? Exited : ExitedEarlierIteration;
  uint8_t New = BackEdge ? ExitedEarlierIteration : Exited;
  // Only then are the loops asked for: most states hold no exit to shift.
  bool HasOld = llvm::any_of(
      S.Variants, [&](const Variant &V) { return V.State.Bits & Old; });
  if (HasOld && (BackEdge || (Target && Loops.leavesLoop(From, *Target))))
    for (Variant &V : S.Variants)
      Changed |= Lattice.shiftIterations(V.State, Old, New);
  if (Changed)
    Lattice.normalizeAll(S);
  return true;
}

bool ExitFlow::unwoundBefore(unsigned Obj, const CFGBlock &Target) const {
  const CXXTryStmt *Try = dispatchedTry(Target);
  if (!Try)
    return true; // the exit: the exception leaves the coroutine
  // Unwinding to the handlers destroys what the try block declared.
  const VarDecl *V = Objects[Obj].var();
  SourceRange Block = Try->getTryBlock()->getSourceRange();
  return V && !isa<ParmVarDecl>(V) &&
         !locationBefore(SM, V->getLocation(), Block.getBegin()) &&
         !locationBefore(SM, Block.getEnd(), V->getLocation());
}

bool ExitFlow::diesByException(unsigned Obj, const CFGBlock &Target) const {
  if (unwoundBefore(Obj, Target))
    return true;
  const CXXTryStmt *Try = dispatchedTry(Target);
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

void ExitFlow::diagnoseExceptions(const CFGBlock &Block, const ExitOutcome &O,
                                  ExitDiagnoser &Diagnoser) const {
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
    // Where the exception comes from.
    DeathPoint Death;
    if (Throw) {
      Death.Loc = Throw->getThrowLoc();
      Death.Cause =
          Throw->getSubExpr() ? DeathCause::Throw : DeathCause::Rethrow;
    } else {
      const auto *Call = cast<CallExpr>(Last);
      const Expr *Site = Call;
      if (const CoawaitExpr *Await =
              Awaiters ? Awaiters->AwaitOf.lookup(Call) : nullptr) {
        Site = Await;
        if (const auto *Operand =
                dyn_cast<CallExpr>(stripWrappers(Await->getOperand())))
          Site = Operand;
      }
      const auto *SiteCall = dyn_cast<CallExpr>(Site);
      const FunctionDecl *Callee = SiteCall ? directCallee(SiteCall) : nullptr;
      Death.Loc = SiteCall ? SiteCall->getExprLoc() : Site->getBeginLoc();
      Death.Cause = SiteCall ? DeathCause::CallThrows : DeathCause::AwaitThrows;
      if (Callee && Callee->getDeclName().isIdentifier())
        Death.Callee = Callee->getName().str();
    }
    llvm::ArrayRef<unsigned> Attempted;
    if (ByCall)
      Attempted = exitedBy(Last);
    const ExitState &S = ByCall && O.BeforeThrow ? *O.BeforeThrow : O.After;
    for (const Variant &V : S.Variants) {
      if (llvm::is_contained(Attempted, V.Obj) ||
          !diesByException(V.Obj, *Target))
        continue;
      reportUnexited(V.Obj, V.State, Death, &Diagnoser, /*ByException=*/true);
    }
  }
}

bool ExitFlow::declare(const VarDecl *V, ExitState &S) const {
  std::optional<unsigned> Found = Objects.indexOf(V);
  if (!Found)
    return false;
  unsigned Obj = *Found;
  const TrackedObject &Object = Objects[Obj];
  SourceLocation Loc = V->getLocation();
  if (Object.IsAwaitable) {
    llvm::ArrayRef<HeldOp> Held = Objects.heldOps(Obj);
    if (!Held.empty())
      Loc = Held.front().Call->getExprLoc();
  }
  Lattice.erase(S, Obj);
  // A default-constructed placeholder of a default-empty type owes nothing
  // until a value is assigned to it.
  ObjectState Birth =
      Object.EmptyAtBirth
          ? ExitLattice::without(NotEntered)
          : initialState(Object, Loc);
  auto Init = Effects.PopAllFrom.find(V);
  if (Init == Effects.PopAllFrom.end()) {
    Lattice.set(S, Obj, Birth);
    return true;
  }
  // pop_all: the new stack takes over the old one's exits.
  unsigned From = Init->second;
  VariantList Taken(Lattice.variantsOf(S, From));
  for (Variant &Source : Lattice.variantsOf(S, From))
    Source.State = ExitLattice::without(NotEntered);
  Lattice.normalizeObject(S, From);
  forgetResources(From, S);
  if (Taken.empty()) {
    Lattice.set(S, Obj, Birth);
    return true;
  }
  Lattice.adopt(S, Obj, std::move(Taken));
  return true;
}

void ExitFlow::applyEffect(const Effect &E, ExitState &S,
                           ExitDiagnoser *Diagnoser) const {
  const TrackedObject &Object = Objects[E.Object];
  llvm::MutableArrayRef<Variant> Vs = Lattice.variantsOf(S, E.Object);
  // Each exit the object is in is reported on its own. \p ByOwner filters
  // on whose exit it was: the object's own, or its owner's.
  auto AfterExit = [&](FindingKind Kind, const ObjectState &State,
                       std::optional<bool> ByOwner = std::nullopt) {
    if (Diagnoser)
      for (const OpSite &Site : Lattice.sites(State.Exits))
        if (!ByOwner || Site.ByOwner == *ByOwner)
          Diagnoser->afterExit(Kind, E, Site);
  };
  // \p Now, joined with the paths of \p Before that exited the object.
  auto KeepingExits = [&](const ObjectState &Before, ObjectState Now) {
    if (Before.Bits & AnyExited)
      Lattice.joinState(
          Now, {uint8_t(Before.Bits & AnyExited), {}, Before.Exits});
    return Now;
  };
  switch (E.Kind) {
  case EffectKind::Enter:
    if (!Object.SingleUse || Vs.empty()) {
      Lattice.set(S, E.Object, Lattice.entered(E.Loc));
      return;
    }
    // Entering a single-use object again fails (a closed gate throws): the
    // paths that exited it stay exited, and owe no second exit.
    for (Variant &V : Vs) {
      if (V.State.Bits & AnyExited)
        AfterExit(FindingKind::SingleUseReentered, V.State);
      if (!(V.State.Bits & ~AnyExited))
        continue;
      V.State = KeepingExits(V.State, Lattice.entered(E.Loc));
    }
    Lattice.normalizeObject(S, E.Object);
    return;
  case EffectKind::Exit:
    for (Variant &V : Vs) {
      // A resource that died with its owner's exit was reported as used
      // at the reference to it (OpObject). Exits that may be awaited again
      // are never double.
      if (!Object.IdempotentExit)
        AfterExit(FindingKind::DoubleExit, V.State, /*ByOwner=*/false);
      V.State = Lattice.exitedAt(E.Loc, /*ByOwner=*/false);
    }
    Lattice.normalizeObject(S, E.Object);
    // What the object's enters handed out dies with the exit, whatever
    // became of the object itself.
    for (unsigned Resource : Objects.resourcesOf(E.Object)) {
      for (Variant &V : Lattice.variantsOf(S, Resource))
        V.State = Lattice.exitedAt(E.Loc, /*ByOwner=*/true);
      Lattice.normalizeObject(S, Resource);
    }
    return;
  case EffectKind::ExitDeferred:
    for (Variant &V : Vs)
      V.State = ExitLattice::without(ExitDeferred);
    Lattice.normalizeObject(S, E.Object);
    return;
  case EffectKind::Release:
    Lattice.erase(S, E.Object);
    return;
  case EffectKind::Reassign:
    if (Object.IsAwaitable) {
      Lattice.erase(S, E.Object);
      return;
    }
    // A member given a new value is a new object, which another method
    // (the next start()) enters and exits; the old one dies here.
    if (Object.IsMember) {
      objectDies(E.Object, S, {E.Loc, DeathCause::Reassigned, "", nullptr},
                 Diagnoser);
      return;
    }
    objectDies(E.Object, S, {E.Loc, DeathCause::Reassigned, ""}, Diagnoser);
    Lattice.set(S, E.Object, initialState(Object, E.Loc));
    return;
  case EffectKind::StackPushed:
  case EffectKind::EnterNow:
  case EffectKind::TryEnterNow: {
    if (Vs.empty()) {
      Lattice.set(S, E.Object, Lattice.entered(E.Loc));
      return;
    }
    // An enter that fails on an exited object (a single-use one's, or a
    // trying enter) leaves the paths that exited it exited.
    bool Fails = E.Kind == EffectKind::TryEnterNow ||
                 (E.Kind == EffectKind::EnterNow && Object.SingleUse);
    for (Variant &V : Vs) {
      if (E.Kind == EffectKind::EnterNow && Object.SingleUse &&
          (V.State.Bits & AnyExited))
        AfterExit(FindingKind::SingleUseReentered, V.State);
      // Further pushes or enters keep the first one's site: the paths
      // already entered keep theirs, the others are entered here.
      if (V.State.Bits == Entered)
        continue;
      if (Fails && !(V.State.Bits & ~AnyExited))
        continue;
      ObjectState Now = Lattice.entered(E.Loc);
      if (V.State.Bits & Entered)
        Lattice.joinState(Now, {Entered, V.State.Enters, {}});
      V.State = Fails ? KeepingExits(V.State, Now) : Now;
    }
    Lattice.normalizeObject(S, E.Object);
    return;
  }
  case EffectKind::TryEnterLeave:
    return;
  case EffectKind::EnterLeave:
    // Only entering after the exit matters; the state is as it was.
    if (Object.SingleUse)
      for (const Variant &V : Vs)
        if (V.State.Bits & AnyExited)
          AfterExit(FindingKind::SingleUseReentered, V.State);
    return;
  case EffectKind::Leave:
    for (Variant &V : Vs)
      if (V.State.Bits == Entered)
        V.State = ExitLattice::without(NotEntered);
    Lattice.normalizeObject(S, E.Object);
    return;
  case EffectKind::StackReset:
    for (Variant &V : Vs)
      V.State = ExitLattice::without(NotEntered);
    Lattice.normalizeObject(S, E.Object);
    forgetResources(E.Object, S);
    return;
  case EffectKind::AwaitLocal: {
    for (Variant &V : Vs)
      V.State = Lattice.exitedAt(E.Loc, /*ByOwner=*/false);
    Lattice.normalizeObject(S, E.Object);
    for (const HeldOp &Op : Objects.heldOps(E.Object)) {
      if (Op.Object < 0)
        continue;
      // Which arm ran is not known here: the object's fate is settled by
      // this await either way, so stop following it.
      if (Op.Conditional) {
        Lattice.erase(S, unsigned(Op.Object));
        continue;
      }
      if (Op.Op == OpKind::Enter)
        applyEffect({EffectKind::Enter, unsigned(Op.Object), E.Loc}, S,
                    Diagnoser);
      else if (Op.Op == OpKind::Exit)
        applyEffect({EffectKind::Exit, unsigned(Op.Object), E.Loc}, S,
                    Diagnoser);
      else if (Op.Op == OpKind::StackEnterContext)
        applyEffect({EffectKind::StackPushed, unsigned(Op.Object), E.Loc}, S,
                    Diagnoser);
    }
    return;
  }
  case EffectKind::Use:
  case EffectKind::ResourceUse:
  case EffectKind::CopyOut:
    for (const Variant &V : Vs)
      if (V.State.Bits & AnyExited)
        AfterExit(FindingKind::UseAfterExit, V.State);
    if (E.Kind == EffectKind::CopyOut)
      Lattice.erase(S, E.Object);
    return;
  case EffectKind::OpObject:
    // The op judges its object; but a resource that died with its owner is
    // gone, and any op on it is a use.
    if (Object.isResource())
      for (const Variant &V : Vs)
        AfterExit(FindingKind::UseAfterExit, V.State, /*ByOwner=*/true);
    return;
  }
}

DeathPoint ExitFlow::deathPoint(const Stmt *Trigger) const {
  if (!Trigger)
    return {SourceLocation(), DeathCause::EndOfScope, "", nullptr};
  auto At = [&](SourceLocation Loc, DeathCause Cause) {
    return DeathPoint{Loc, Cause, "", Trigger};
  };
  if (isa<CoreturnStmt>(Trigger))
    return At(Trigger->getBeginLoc(), DeathCause::CoReturn);
  if (isa<ReturnStmt>(Trigger))
    return At(Trigger->getBeginLoc(), DeathCause::Return);
  if (isa<BreakStmt>(Trigger))
    return At(Trigger->getBeginLoc(), DeathCause::Break);
  if (isa<ContinueStmt>(Trigger))
    return At(Trigger->getBeginLoc(), DeathCause::Continue);
  if (isa<GotoStmt>(Trigger) || isa<IndirectGotoStmt>(Trigger))
    return At(Trigger->getBeginLoc(), DeathCause::Goto);
  if (const auto *CS = dyn_cast<CompoundStmt>(Trigger))
    return At(CS->getRBracLoc(), CS != WrittenBody ? DeathCause::EndOfScope
                                 : IsCoroutine     ? DeathCause::EndOfCoroutine
                                                   : DeathCause::EndOfFunction);
  return At(Trigger->getEndLoc(), DeathCause::EndOfScope);
}

void ExitFlow::objectDies(unsigned Obj, ExitState &S, const DeathPoint &Death,
                          ExitDiagnoser *Diagnoser, bool ByException) const {
  if (Diagnoser)
    for (const Variant &V : Lattice.variantsOf(S, Obj))
      reportUnexited(Obj, V.State, Death, Diagnoser, ByException);
  Lattice.erase(S, Obj);
}

void ExitFlow::reportUnexited(unsigned Obj, const ObjectState &State,
                              const DeathPoint &Death, ExitDiagnoser *Diagnoser,
                              bool ByException) const {
  const TrackedObject &Object = Objects[Obj];
  // What an enter handed out is not exited itself; an awaitable folded
  // into another one is owed by that one.
  if (!Diagnoser || !(State.Bits & Entered) || Death.Loc.isInvalid() ||
      Object.isResource() || (Object.IsAwaitable && Objects.isHeldByOuter(Obj)))
    return;
  // An early return under a test of the class's state leaves its members
  // to whoever stopped them before.
  if (Object.IsMember && Guards && Death.At &&
      Guards->isGuardedReturn(Death.At))
    return;
  for (const OpSite &Enter : Lattice.sites(State.Enters))
    Diagnoser->unexited(Obj, Enter, Death, ByException);
}

void ExitFlow::diagnoseReturns(const CFG &Graph,
                               const BlockStates<ExitState> &States,
                               ExitDiagnoser &Diagnoser) const {
  // Locals die where their scope ends; only these are left at a return.
  llvm::SmallVector<unsigned, 4> DieAtExit;
  for (unsigned Obj = 0; Obj < Objects.size(); ++Obj)
    if (Objects[Obj].diesAtExit())
      DieAtExit.push_back(Obj);
  if (DieAtExit.empty())
    return;
  SourceLocation EndLoc = endOfBody(WrittenBody);
  forEachNormalReturn(
      Graph, [&](unsigned ID) { return States.reached(ID); },
      [&](const CFGBlock &Pred, const Stmt *Written) {
        DeathPoint Death =
            Written ? deathPoint(Written)
                    : DeathPoint{EndLoc,
                                 IsCoroutine ? DeathCause::EndOfCoroutine
                                             : DeathCause::EndOfFunction,
                                 "", nullptr};
        const ExitState *Out = States.out(Pred.getBlockID());
        if (!Out)
          return;
        ExitState S = *Out;
        for (unsigned Obj : DieAtExit)
          objectDies(Obj, S, Death, &Diagnoser);
      });
}

namespace {

/// Stands in for a diagnoser while the fixpoint is computed: remembers
/// only that something would have been told.
class ReportProbe final : public ExitDiagnoser {
public:
  bool Told = false;

  void afterExit(FindingKind, const Effect &, const OpSite &) override {
    Told = true;
  }
  void unexited(unsigned, const OpSite &, const DeathPoint &, bool) override {
    Told = true;
  }
};

} // namespace

ProbedExitFlow::ProbedExitFlow(const ExitFlow &Flow, const CFG &Graph)
    : Flow(Flow), Silent(Graph.getNumBlockIDs(), false) {}

ExitOutcome ProbedExitFlow::transfer(const CFGBlock &Block,
                                     const ExitState &In) const {
  ReportProbe Probe;
  ExitOutcome Out = Flow.transfer(Block, In, &Probe);
  Silent[Block.getBlockID()] = !Probe.Told;
  return Out;
}

} // namespace acm
