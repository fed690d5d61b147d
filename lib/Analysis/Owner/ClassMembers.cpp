//===- ClassMembers.cpp ---------------------------------------------------===//

#include "Analysis/Owner/ClassMembers.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Analysis/Support/CoroutineFacts.h"
#include "Analysis/Support/ExprUnwrap.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace acm {

namespace {

/// True if \p E makes an object with its default constructor, or with
/// nothing: "T()", "T{}", "{}".
bool isDefaultValue(const Expr *E) {
  E = stripWrappers(E);
  if (!E)
    return true;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getConstructor() &&
           Construct->getConstructor()->isDefaultConstructor() &&
           llvm::all_of(Construct->arguments(), [](const Expr *Arg) {
             return isa<CXXDefaultArgExpr>(Arg);
           });
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return List->getNumInits() == 0;
  return isa<ImplicitValueInitExpr>(E);
}

} // namespace

ClassMembers::ClassMembers(const CXXRecordDecl &Class,
                           llvm::ArrayRef<OwnedMember> Owned,
                           const ProtocolModel &Model, ASTContext &Ctx)
    : Class(Class), Model(Model), Ctx(Ctx), Owned(Owned) {
  for (const OwnedMember &Member : Owned) {
    TrackedObject Object;
    Object.Decl = Member.Field;
    Object.Kind = Member.Kind;
    Object.IsMember = true;
    Object.Holder = Member.Holder;
    Object.SingleUse = Model.isSingleUseType(Member.ObjectType);
    Object.IdempotentExit = Model.hasIdempotentExit(Member.ObjectType);
    if (Member.Kind == ObjectKind::Closeable)
      Object.Exit = Model.exitName(Member.ObjectType);
    Members.push_back(Object);
  }
  for (const CXXMethodDecl *Method : Class.methods())
    if (Model.isOwnerExit(Method, Owned))
      OwnerExits.push_back(Method->getCanonicalDecl());
}

const CXXMethodDecl *
ClassMembers::definitionOf(const CXXMethodDecl *Method) const {
  const FunctionDecl *Definition = nullptr;
  if (!Method || !Method->hasBody(Definition) || Definition->isInvalidDecl() ||
      Definition->isDependentContext())
    return nullptr;
  return dyn_cast<CXXMethodDecl>(Definition);
}

ExitFacts *ClassMembers::factsOf(const CXXMethodDecl *Definition) const {
  auto Found = Facts.find(Definition);
  if (Found != Facts.end())
    return Found->second.get();
  const Stmt *Body = isa_and_nonnull<CoroutineBodyStmt>(Definition->getBody())
                         ? writtenBody(*Definition)
                         : Definition->getBody();
  std::unique_ptr<ExitFacts> Read;
  if (Body) {
    InProgress.insert(Definition);
    Read = std::make_unique<ExitFacts>(
        collectExitFacts(*Definition, Body, Model, this));
    InProgress.erase(Definition);
    if (Read->stopped())
      Read.reset();
  }
  return (Facts[Definition] = std::move(Read)).get();
}

const MethodSummary *
ClassMembers::summaryOf(const CXXMethodDecl *Method) const {
  const CXXMethodDecl *Definition = definitionOf(Method);
  if (!Definition)
    return nullptr;
  auto Found = Summaries.find(Definition);
  if (Found != Summaries.end())
    return Found->second.get();
  const ExitFacts *Read = factsOf(Definition);
  if (!Read)
    return (Summaries[Definition] = nullptr).get();
  auto Summary = std::make_unique<MethodSummary>();
  unsigned N = Members.size();
  Summary->Of.assign(N, 0);
  Summary->EnteredAt.assign(N, SourceLocation());
  Summary->SettledDirectly.assign(N, false);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Stmt *Site : Read->Effects.sites()) {
    // Calling an owner exit from another method does not make that method
    // one that closes members on its own.
    const auto *Call = dyn_cast<CXXMemberCallExpr>(Site);
    bool OnThis = Call && calledMethod(Call) &&
                  isa_and_nonnull<CXXThisExpr>(calledObject(Call));
    if (OnThis &&
        !llvm::is_contained(Summary->Calls, target(calledMethod(Call))))
      Summary->Calls.push_back(target(calledMethod(Call)));
    for (const Effect &E : Read->Effects.of(Site)) {
      if (E.Object >= N)
        continue;
      uint8_t &Bits = Summary->Of[E.Object];
      switch (E.Kind) {
      case EffectKind::Enter:
      case EffectKind::EnterNow:
      case EffectKind::EnterLeave:
      case EffectKind::TryEnterNow:
      case EffectKind::TryEnterLeave:
      case EffectKind::StackPushed:
        Bits |= MethodSummary::Entered;
        if (SourceLocation &At = Summary->EnteredAt[E.Object];
            At.isInvalid() || locationBefore(SM, E.Loc, At))
          At = E.Loc;
        break;
      case EffectKind::Exit:
      case EffectKind::ExitDeferred:
        Bits |= MethodSummary::Exited;
        Summary->SettledDirectly[E.Object] = true;
        break;
      case EffectKind::Release:
        Bits |= MethodSummary::Settled;
        // What a call of another method settles is that method's: see
        // below.
        if (!OnThis)
          Summary->SettledDirectly[E.Object] = true;
        break;
      case EffectKind::Reassign:
        Bits |= MethodSummary::Assigned;
        break;
      case EffectKind::Use:
      case EffectKind::CopyOut:
      case EffectKind::ResourceUse:
        Bits |= MethodSummary::Used;
        break;
      default:
        break;
      }
    }
  }
  // What the methods it calls exit themselves, but not what a call of an
  // owner exit does, nor what a method that cannot be read might do.
  for (const CXXMethodDecl *Callee : Summary->Calls) {
    if (llvm::is_contained(OwnerExits, Callee))
      continue;
    const CXXMethodDecl *CalleeDefinition = definitionOf(Callee);
    if (!CalleeDefinition || InProgress.count(CalleeDefinition) ||
        CalleeDefinition == Definition)
      continue;
    if (const MethodSummary *Of = summaryOf(CalleeDefinition))
      for (unsigned Obj = 0; Obj < N; ++Obj)
        if (Of->SettledDirectly[Obj])
          Summary->SettledDirectly[Obj] = true;
  }
  return (Summaries[Definition] = std::move(Summary)).get();
}

const CXXMethodDecl *ClassMembers::target(const CXXMethodDecl *Method) const {
  // A virtual call reaches this class's override.
  if (Method->isVirtual())
    if (const CXXMethodDecl *Override =
            Method->getCorrespondingMethodInClass(&Class, /*MayBeBase=*/true))
      return Override->getCanonicalDecl();
  return Method->getCanonicalDecl();
}

llvm::DenseSet<const CXXMethodDecl *>
ClassMembers::ownerExitsAndHelpers() const {
  llvm::DenseSet<const CXXMethodDecl *> Reached(OwnerExits.begin(),
                                                OwnerExits.end());
  llvm::SmallVector<const CXXMethodDecl *, 8> Work(OwnerExits.begin(),
                                                   OwnerExits.end());
  while (!Work.empty()) {
    const MethodSummary *Summary = summaryOf(Work.pop_back_val());
    if (!Summary)
      continue;
    for (const CXXMethodDecl *Callee : Summary->Calls)
      if (Reached.insert(Callee).second)
        Work.push_back(Callee);
  }
  return Reached;
}

MemberCallEffects ClassMembers::callEffects(const CXXMethodDecl *Method) const {
  MemberCallEffects Out;
  const CXXMethodDecl *Target = target(Method);
  const CXXMethodDecl *Definition = definitionOf(Target);
  // Recursion: the caller's own reading covers it.
  if (Definition && InProgress.count(Definition))
    return Out;
  const MethodSummary *Summary = Definition ? summaryOf(Definition) : nullptr;
  for (unsigned Obj = 0; Obj < Members.size(); ++Obj) {
    // A method that cannot be read may do anything to the members.
    if (!Summary) {
      Out.Settled.push_back(Obj);
      continue;
    }
    uint8_t Bits = Summary->Of[Obj];
    if (Bits & MethodSummary::Used)
      Out.Used.push_back(Obj);
    if (Bits & (MethodSummary::Exited | MethodSummary::Settled))
      Out.Settled.push_back(Obj);
  }
  return Out;
}

namespace {

/// True if \p Init copies an object that something else holds
/// (`_file(f)`): a copy of a shared handle such as seastar::file shares what
/// the original's holder closes (iotune's request issuers hold copies of the
/// test file, which the test closes). Moving (`_file(std::move(f))`) hands
/// the object over.
bool copiesHeldObject(const Expr *Init) {
  const auto *Construct = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
  return Construct && Construct->getConstructor()->isCopyConstructor() &&
         Construct->getNumArgs() >= 1 &&
         Construct->getArg(0)->IgnoreParenImpCasts()->isLValue();
}

} // namespace

bool ClassMembers::initialisedWithValue(const OwnedMember &Member) const {
  if (const Expr *Init = Member.Field->getInClassInitializer())
    if (!isDefaultValue(Init))
      return true;
  for (const CXXConstructorDecl *Ctor : Class.ctors()) {
    const FunctionDecl *Definition = nullptr;
    if (!Ctor->hasBody(Definition))
      continue;
    for (const CXXCtorInitializer *Init :
         cast<CXXConstructorDecl>(Definition)->inits())
      if (Init->getMember() == Member.Field && Init->isWritten() &&
          !isDefaultValue(Init->getInit()) && !copiesHeldObject(Init->getInit()))
        return true;
  }
  return false;
}

void ClassMembers::decideObligations() {
  Unexited.clear();
  // What the owner exits and their helpers do is what is checked; what
  // the class's other methods do exempts a member.
  llvm::DenseSet<const CXXMethodDecl *> Checked = ownerExitsAndHelpers();
  // A private method that no method calls is dead: what it exits exempts
  // nothing.
  llvm::DenseSet<const CXXMethodDecl *> Called;
  for (const CXXMethodDecl *Method : Class.methods())
    if (const MethodSummary *Summary = summaryOf(Method))
      for (const CXXMethodDecl *Callee : Summary->Calls)
        if (Callee != Method->getCanonicalDecl())
          Called.insert(Callee);
  for (const CXXMethodDecl *Method : Class.methods())
    if (Method->getAccess() == AS_private &&
        !Called.count(Method->getCanonicalDecl()) &&
        !isa<CXXConstructorDecl>(Method) && !isa<CXXDestructorDecl>(Method))
      Checked.insert(Method->getCanonicalDecl());
  for (unsigned Obj = 0; Obj < Members.size(); ++Obj) {
    const OwnedMember &Member = Owned[Obj];
    bool Entered = false, Assigned = initialisedWithValue(Member),
         SettledElsewhere = false;
    SourceLocation EnteredAt;
    const CXXMethodDecl *EnteredIn = nullptr;
    for (const CXXMethodDecl *Method : Class.methods()) {
      if (Checked.count(Method->getCanonicalDecl()))
        continue;
      const MethodSummary *Summary = summaryOf(Method);
      if (!Summary)
        continue;
      uint8_t Bits = Summary->Of[Obj];
      if ((Bits & MethodSummary::Entered) && !Entered) {
        Entered = true;
        EnteredAt = Summary->EnteredAt[Obj];
        EnteredIn = Method;
      }
      Assigned |= bool(Bits & MethodSummary::Assigned);
      SettledElsewhere |= Summary->SettledDirectly[Obj];
    }
    bool Owes = false;
    // Whoever holds the class may close a public member; a member whose
    // type needs no close, or that another method exits or hands off, is
    // not the owner exit's.
    if (Member.Field->getAccess() != AS_public && !SettledElsewhere &&
        !Model.isMemberCloseOptional(Member.ObjectType)) {
      if (Member.Kind == ObjectKind::Closeable)
        Owes = Assigned || (Member.Holder == MemberHolder::Direct &&
                            !Model.isDefaultEmptyType(Member.ObjectType));
      else
        Owes = Entered;
    }
    bool EnteredElsewhere = Member.Kind != ObjectKind::Closeable && Entered;
    Members[Obj].Owes = Owes;
    Members[Obj].EnteredAt = EnteredElsewhere ? EnteredAt : SourceLocation();
    Members[Obj].EnteredIn = EnteredElsewhere ? EnteredIn : nullptr;
    if (Owes)
      Unexited.push_back(Obj);
  }
}

bool ClassMembers::allMethodsVisible() const {
  for (const CXXMethodDecl *Method : Class.methods()) {
    if (Method->isImplicit() || Method->isDefaulted() || Method->isDeleted() ||
        Method->isPureVirtual())
      continue;
    if (!definitionOf(Method))
      return false;
  }
  return true;
}

void ClassMembers::dump(llvm::raw_ostream &OS) const {
  OS << "  owner exits:";
  if (OwnerExits.empty())
    OS << " none";
  for (const CXXMethodDecl *Exit : OwnerExits)
    OS << " '" << Exit->getNameAsString() << "'"
       << (definitionOf(Exit) ? "" : " (no visible body)");
  OS << "\n";
  for (const TrackedObject &Member : Members) {
    OS << "   member '" << Member.name() << "' (" << objectKindName(Member.Kind)
       << "): " << (Member.Owes ? "owes its exit" : "owes nothing");
    if (Member.EnteredIn)
      OS << ", entered in '" << Member.EnteredIn->getNameAsString() << "' at "
         << Member.EnteredAt.printToString(Ctx.getSourceManager());
    OS << "\n";
  }
}

} // namespace acm
