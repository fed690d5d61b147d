//===- ExitReporter.cpp ---------------------------------------------------===//

#include "Analysis/Exit/ExitReporter.h"
#include "Analysis/Exit/TrackedObjects.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Analysis/Support/ExprUnwrap.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include <optional>
#include <set>

using namespace clang;

namespace acm {

namespace {

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

/// How to name the object \p Call is made on in a message.
std::string describeObject(const CXXMemberCallExpr *Call,
                           const ASTContext &Ctx) {
  // A type written in the source ("T{}" in a template) is named as written,
  // so every instantiation says the same.
  const TypeSourceInfo *Written = writtenType(objectArgument(Call));
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

/// The words for a closeable's exit: "close of 's'", "'s' must be closed",
/// "a method that closes it"; a scope is joined, a generator cleaned up.
struct ExitWords {
  const char *Noun;
  const char *Done;
  const char *Does;
};
ExitWords exitWords(const TrackedObject &Object) {
  if (Object.Kind != ObjectKind::Closeable)
    return {"exit", "exited", "exits"};
  switch (Object.Exit) {
  case ExitName::Close:
    return {"close", "closed", "closes"};
  case ExitName::Join:
    return {"join", "joined", "joins"};
  case ExitName::Cleanup:
    return {"cleanup", "cleaned up", "cleans up"};
  case ExitName::Exit:
    break;
  }
  return {"exit", "exited", "exits"};
}

/// "before 'co_return'", "if 'send' throws".
std::string describeDeath(const DeathPoint &Death) {
  switch (Death.Cause) {
  case DeathCause::EndOfScope:
    return "before the end of its scope";
  case DeathCause::EndOfCoroutine:
    return "before the end of the coroutine";
  case DeathCause::EndOfFunction:
    return "before the end of the function";
  case DeathCause::CoReturn:
    return "before 'co_return'";
  case DeathCause::Return:
    return "before 'return'";
  case DeathCause::Break:
    return "before 'break'";
  case DeathCause::Continue:
    return "before 'continue'";
  case DeathCause::Goto:
    return "before 'goto'";
  case DeathCause::Reassigned:
    return "before it is assigned a new value";
  case DeathCause::Throw:
    return "before 'throw'";
  case DeathCause::Rethrow:
    return "before the exception is rethrown";
  case DeathCause::CallThrows:
    return Death.Callee.empty() ? "if the call throws"
                                : "if '" + Death.Callee + "' throws";
  case DeathCause::AwaitThrows:
    return "if the 'co_await' throws";
  }
  return "before the end of its scope";
}

} // namespace

ExitReporter::ExitReporter(const ObjectTable &Objects, ASTContext &Ctx,
                           bool OnlyMembers)
    : Objects(Objects), Ctx(Ctx), OnlyMembers(OnlyMembers) {}

namespace {

/// "'_out' is a member of 'downloader', declared here".
FindingNote declaredNote(const TrackedObject &Member) {
  const auto *Class = cast<RecordDecl>(Member.Decl->getDeclContext());
  return {Member.Decl->getLocation(),
          "'" + Member.name() + "' is a member of '" +
              Class->getNameAsString() + "', declared here"};
}

/// "'_gate' entered here, in 'fetch'", when another method enters it.
std::optional<FindingNote> enteredNote(const TrackedObject &Member) {
  if (!Member.EnteredIn || Member.EnteredAt.isInvalid())
    return std::nullopt;
  return FindingNote{Member.EnteredAt,
                     "'" + Member.name() + "' entered here, in '" +
                         Member.EnteredIn->getNameAsString() + "'"};
}

} // namespace

Finding ExitReporter::noOwnerExit(const TrackedObject &Member,
                                  const CXXRecordDecl &Class) {
  Finding F;
  F.Kind = FindingKind::NoOwnerExit;
  F.Loc = Member.Decl->getLocation();
  F.Object = Member.name();
  std::string ClassName = Class.getNameAsString();
  if (Member.EnteredIn)
    F.Message =
        "'" + ClassName + "' enters '" + F.Object + "' in '" +
        Member.EnteredIn->getNameAsString() + "' but has no exit method that " +
        (Member.Kind == ObjectKind::ExitStack ? "closes" : "exits") + " it";
  else
    F.Message = "'" + ClassName + "' owns '" + F.Object + "', which must be " +
                exitWords(Member).Done + ", but has no exit method that " +
                exitWords(Member).Does + " it";
  if (std::optional<FindingNote> Entered = enteredNote(Member))
    F.Notes.push_back(*Entered);
  return F;
}

void ExitReporter::afterExit(FindingKind Kind, const Effect &E,
                             const OpSite &Exit) {
  if (OnlyMembers && !Objects[E.Object].IsMember)
    return;
  std::string Name = Objects[E.Object].name();
  // Reached only round a loop: say so, as bugprone-use-after-move does.
  bool LaterIteration = !(Exit.When & Exited);
  Finding F;
  F.Kind = Kind;
  F.Loc = E.Loc;
  F.Object = Name;
  switch (Kind) {
  case FindingKind::DoubleExit:
    F.Message = "exit of '" + Name + "' is awaited again after it was exited";
    F.Notes.push_back({Exit.Loc, "first exit awaited here"});
    if (LaterIteration)
      F.Notes.push_back({E.Loc, "the second exit happens in a later loop "
                                "iteration than the first"});
    break;
  case FindingKind::SingleUseReentered:
    F.Message = "'" + Name +
                "' is a single-use manager and is entered again after its exit";
    F.Notes.push_back({Exit.Loc, "exit awaited here"});
    if (LaterIteration)
      F.Notes.push_back(
          {E.Loc, "the enter happens in a later loop iteration than the exit"});
    break;
  default:
    if (int Owner = Objects[E.Object].Owner; Owner >= 0 && Exit.ByOwner)
      F.Message = "'" + Name + "' is used after the exit of '" +
                  Objects[Owner].name() + "' was awaited";
    else
      F.Message = "'" + Name + "' is used after its exit was awaited";
    F.Notes.push_back({Exit.Loc, "exit awaited here"});
    if (LaterIteration)
      F.Notes.push_back(
          {E.Loc, "the use happens in a later loop iteration than the exit"});
    break;
  }
  add(std::move(F), E.Object, Exit.Loc);
}

void ExitReporter::unexited(unsigned Obj, const OpSite &Enter,
                            const DeathPoint &Death, bool ByException) {
  const TrackedObject &Object = Objects[Obj];
  if (OnlyMembers && !Object.IsMember)
    return;
  std::string Name = Object.name();
  std::string Where = describeDeath(Death);
  if (Object.IsMember) {
    Finding F;
    F.Kind = ByException ? FindingKind::ExceptionSkipsExit
                         : FindingKind::MissingMemberExit;
    F.Loc = Death.Loc;
    F.Object = Name;
    switch (Object.Kind) {
    case ObjectKind::ExitStack:
      F.Message = "exit stack member '" + Name + "' is not closed " + Where;
      break;
    case ObjectKind::Closeable:
      F.Message = std::string(exitWords(Object).Noun) + " of member '" + Name +
                  "' is not awaited " + Where;
      break;
    default:
      F.Message = "exit of member '" + Name + "' is not awaited " + Where;
      break;
    }
    F.Notes.push_back(declaredNote(Object));
    if (std::optional<FindingNote> Entered = enteredNote(Object))
      F.Notes.push_back(*Entered);
    add(std::move(F), Obj, Enter.Loc);
    return;
  }
  FindingKind Kind =
      ByException ? FindingKind::ExceptionSkipsExit : FindingKind::MissingExit;
  Finding F;
  F.Loc = Death.Loc;
  if (Object.IsAwaitable) {
    // Only exits are owed; an unawaited enter is the enter check's job.
    for (const HeldOp &Op : Objects.heldOps(Obj)) {
      if (Op.Op != OpKind::Exit)
        continue;
      std::string Target = describeObject(Op.Call, Ctx);
      Finding Stored = F;
      Stored.Kind = ByException ? Kind : FindingKind::UnawaitedStoredExit;
      Stored.Object = Target;
      Stored.Message = "exit of '" + Target + "' stored in '" + Name +
                       "' is not awaited " + Where;
      Stored.Notes.push_back(
          {Op.Call->getExprLoc(),
           "exit of '" + Target + "' stored in '" + Name + "' here"});
      add(std::move(Stored), Obj, Op.Call->getExprLoc());
    }
    return;
  }
  F.Kind = Kind;
  F.Object = Name;
  switch (Object.Kind) {
  case ObjectKind::ExitStack:
    F.Message = "exit stack '" + Name + "' is not closed " + Where +
                "; its pushed exits never run";
    F.Notes.push_back({Enter.Loc, "exit pushed onto '" + Name + "' here"});
    break;
  case ObjectKind::Closeable:
    F.Message = std::string(exitWords(Object).Noun) + " of '" + Name +
                "' is not awaited " + Where;
    F.Notes.push_back(
        {Enter.Loc, "'" + Name + "' " +
                             (Object.IsParam ? "received" : "created") +
                             " here"});
    break;
  default:
    F.Message = "exit of '" + Name + "' is not awaited " + Where;
    F.Notes.push_back({Enter.Loc, "'" + Name + "' entered here"});
    break;
  }
  add(std::move(F), Obj, Enter.Loc);
}

void ExitReporter::add(Finding F, unsigned Obj, SourceLocation Key) {
  auto K = std::make_tuple(int(F.Kind), Obj, Key.getRawEncoding());
  auto It = Findings.find(K);
  if (It == Findings.end()) {
    Findings.emplace(K, std::move(F));
    return;
  }
  // The earliest place; at the same place, the plainer report (a path that
  // does not go round a loop explains it best).
  const SourceManager &SM = Ctx.getSourceManager();
  if (locationBefore(SM, F.Loc, It->second.Loc) ||
      (F.Loc == It->second.Loc && F.Notes.size() < It->second.Notes.size()))
    It->second = std::move(F);
}

std::vector<Finding>
ExitReporter::immediateFindings(llvm::ArrayRef<ImmediateFinding> Immediate,
                                ASTContext &Ctx) {
  std::vector<Finding> Out;
  for (const ImmediateFinding &I : Immediate) {
    Finding F;
    F.Loc = I.Call->getExprLoc();
    F.Object = describeObject(I.Call, Ctx);
    if (I.Kind == ImmediateFinding::EnteredTemporary) {
      F.Kind = FindingKind::EnteredTemporary;
      F.Message = "temporary '" + F.Object +
                  "' is entered but its exit can never be awaited; it is "
                  "destroyed at the end of the full-expression";
      Out.push_back(std::move(F));
      continue;
    }
    bool IsEnter = I.Op == OpKind::Enter || I.Op == OpKind::StackEnterContext ||
                   I.Op == OpKind::EnterNow;
    F.Kind = IsEnter ? FindingKind::DiscardedEnter : FindingKind::DiscardedExit;
    F.Message = std::string(IsEnter ? "enter" : "exit") + " of '" + F.Object +
                "' is not awaited: the result of '" +
                calledMethod(I.Call)->getNameAsString() + "' is discarded";
    // A macro's text is not ours to change.
    SourceLocation Begin = I.Call->getBeginLoc();
    if (I.AwaitAllowed && Begin.isValid() && !Begin.isMacroID())
      F.Fix = FindingFix{Begin, "co_await "};
    Out.push_back(std::move(F));
  }
  return Out;
}

void ExitReporter::finish(llvm::ArrayRef<ImmediateFinding> Immediate,
                          FindingSink &Sink) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto Before = [&](SourceLocation A, SourceLocation B) {
    return locationBefore(SM, A, B);
  };
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
    return Before(A.Key, B.Key);
  });
  std::set<std::tuple<int, unsigned, unsigned>> Seen;
  std::vector<Finding> All;
  for (const Keyed &Entry : ByKey)
    if (Seen.insert(
                {int(Entry.F->Kind), Entry.Obj, Entry.F->Loc.getRawEncoding()})
            .second)
      All.push_back(std::move(*Entry.F));
  for (Finding &F : immediateFindings(Immediate, Ctx))
    All.push_back(std::move(F));
  llvm::stable_sort(All, [&](const Finding &A, const Finding &B) {
    if (A.Loc != B.Loc)
      return Before(A.Loc, B.Loc);
    return A.Message < B.Message;
  });
  for (const Finding &F : All)
    Sink.report(F);
  Findings.clear();
}

} // namespace acm
