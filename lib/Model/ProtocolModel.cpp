//===- ProtocolModel.cpp --------------------------------------------------===//

#include "Model/ProtocolModel.h"
#include "Model/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include <optional>

using namespace clang;

namespace acm {

namespace {

constexpr llvm::StringLiteral EnterNames[] = {"aenter", "async_enter"};
constexpr llvm::StringLiteral ExitNames[] = {"aexit", "async_exit"};
constexpr llvm::StringLiteral CloseNames[] = {"aclose", "async_close"};
constexpr llvm::StringLiteral StackMarker = "enter_async_context";

bool isOneOf(StringRef Name, llvm::ArrayRef<llvm::StringLiteral> Names) {
  return llvm::is_contained(Names, Name);
}

StringRef identifierOf(const NamedDecl *D) {
  if (const IdentifierInfo *II = D->getIdentifier())
    return II->getName();
  return {};
}

/// True if the free operator co_await \p D may take an object of
/// \p Record: its parameter is that class or a base of it, a specialization
/// of the same class template (operator co_await(future<T>)), or any type
/// (a template parameter).
bool coawaitOperatorTakes(const NamedDecl *D, const CXXRecordDecl *Record) {
  const FunctionDecl *Operator = D->getAsFunction();
  if (!Operator || Operator->getNumParams() != 1)
    return false;
  QualType Param = Operator->getParamDecl(0)
                       ->getType()
                       .getNonReferenceType()
                       .getUnqualifiedType();
  if (const auto *Specialization = Param->getAs<TemplateSpecializationType>()) {
    const TemplateDecl *Template =
        Specialization->getTemplateName().getAsTemplateDecl();
    const ClassTemplateDecl *Own = Record->getDescribedClassTemplate();
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
      Own = Spec->getSpecializedTemplate();
    if (Template && Own &&
        Template->getCanonicalDecl() == Own->getCanonicalDecl())
      return true;
  }
  if (Param->isTemplateTypeParmType())
    return true;
  const CXXRecordDecl *Taken = Param->getAsCXXRecordDecl();
  if (!Taken || !(Taken = Taken->getDefinition()))
    return false;
  return Taken->getCanonicalDecl() == Record->getCanonicalDecl() ||
         Record->isDerivedFrom(Taken);
}

/// The operation a profile or user entry lists the member \p Name as, or
/// None.
OpKind listedOpKind(const TypeSpec &Spec, StringRef Name) {
  if (llvm::is_contained(Spec.EnterOps, Name))
    return OpKind::EnterNow;
  if (llvm::is_contained(Spec.ExitOps, Name))
    return OpKind::Exit;
  if (llvm::is_contained(Spec.LeaveOps, Name))
    return OpKind::Leave;
  return OpKind::None;
}

/// What an entry makes of \p Method, whose own kind (from its name or
/// annotation) is \p Own: the op the entry lists it as, else a query the
/// entry names, else Own.
OpKind entryOpKind(const TypeSpec &Spec, const CXXMethodDecl *Method,
                   OpKind Own) {
  // Operators and conversions are named as written: "operator bool".
  std::string Name = Method->getNameAsString();
  if (OpKind Listed = listedOpKind(Spec, Name); Listed != OpKind::None)
    return Listed;
  return Own == OpKind::None && Spec.isQuery(Name) ? OpKind::Query : Own;
}

/// Calls \p Visit on every method of \p Record and of its bases, counting
/// in \p DepthLimitReached the hierarchies deeper than MaxBaseClassDepth.
template <typename Fn>
void forEachMethod(const CXXRecordDecl *Record, Fn &&Visit,
                   unsigned &DepthLimitReached, unsigned Depth = 0) {
  if (!Record)
    return;
  if (Depth > ProtocolModel::MaxBaseClassDepth) {
    ++DepthLimitReached;
    return;
  }
  Record = Record->getDefinition();
  if (!Record)
    return;
  for (const CXXMethodDecl *M : Record->methods())
    Visit(M);
  // Member templates are not in methods(); their names still count.
  for (const Decl *D : Record->decls())
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
      if (const auto *M = dyn_cast<CXXMethodDecl>(FTD->getTemplatedDecl()))
        Visit(M);
  for (const CXXBaseSpecifier &Base : Record->bases())
    if (const CXXRecordDecl *BaseRecord = Base.getType()->getAsCXXRecordDecl())
      forEachMethod(BaseRecord, Visit, DepthLimitReached, Depth + 1);
}

} // namespace

llvm::StringRef objectKindName(ObjectKind Kind) {
  switch (Kind) {
  case ObjectKind::None:
    return "none";
  case ObjectKind::Manager:
    return "manager";
  case ObjectKind::Closeable:
    return "closeable";
  case ObjectKind::ExitStack:
    return "exit stack";
  }
  return "none";
}

ProtocolModel::ProtocolModel(ModelOptions Opts) : Options(std::move(Opts)) {
  Specs = parseTypeSpecs(Options.Types, ConfigError);
  ExitHelpers = Options.ExitHelpers;
  for (const auto [Index, P] : llvm::enumerate(builtinProfiles())) {
    if (llvm::is_contained(Options.DisabledProfiles, P.Name))
      continue;
    std::string Ignored; // The built-in texts are tested to parse.
    for (TypeSpec &Spec : parseTypeSpecs(P.Types, Ignored)) {
      Spec.Profile = int(Index);
      Specs.push_back(std::move(Spec));
    }
    OwnerExitConventions[int(Index)] = parseOwnerExits(P.OwnerExits);
    for (std::string &Helper : ModelOptions::parseList(P.Helpers))
      ExitHelpers.push_back(std::move(Helper));
    for (StringRef Enter : ModelOptions::parseList(P.EnterFunctions)) {
      bool Tries = Enter.consume_back("?");
      auto [Name, Argument] = Enter.rsplit('@');
      unsigned Index = 0;
      if (!Argument.empty() && Argument.getAsInteger(10, Index))
        Index = 0;
      EnterFunctions.push_back({Name.str(), Index, Tries});
    }
  }
  for (const auto [Index, Spec] : llvm::enumerate(Specs)) {
    if (Spec.isWildcard()) {
      WildcardSpecs.push_back(Index);
      continue;
    }
    StringRef Last = StringRef(Spec.Name).rsplit("::").second;
    SpecsByLastName[Last.empty() ? StringRef(Spec.Name) : Last].push_back(
        Index);
  }
}

const TypeSpec *ProtocolModel::specFor(const CXXRecordDecl *Record) const {
  if (!Record)
    return nullptr;
  auto [It, Inserted] = RecordSpecs.try_emplace(Record, nullptr);
  if (!Inserted)
    return It->second;
  // A class with a name of its own can match only the entries of that last
  // name (TypeSpec::matches); one without may be known by a typedef's.
  if (const IdentifierInfo *Id = Record->getIdentifier()) {
    auto Candidates = SpecsByLastName.find(Id->getName());
    if (Candidates != SpecsByLastName.end())
      for (unsigned Index : Candidates->second)
        if (Specs[Index].matches(Record)) {
          It->second = &Specs[Index];
          break;
        }
    return It->second;
  }
  for (const TypeSpec &Spec : Specs)
    if (Spec.matches(Record)) {
      It->second = &Spec;
      break;
    }
  return It->second;
}

/// The definition of the class \p T names, if it is a complete,
/// non-dependent class type.
static const CXXRecordDecl *definitionOf(QualType T) {
  if (T.isNull() || T->isDependentType())
    return nullptr;
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  return Record ? Record->getDefinition() : nullptr;
}

const TypeSpec *ProtocolModel::specForType(QualType T) const {
  const CXXRecordDecl *Record = definitionOf(T);
  return Record ? specFor(Record) : nullptr;
}

ObjectKind ProtocolModel::classifyType(QualType T) const {
  if (T.isNull() || T->isDependentType())
    return ObjectKind::None;
  return classifyRecord(T->getAsCXXRecordDecl());
}

ObjectKind ProtocolModel::classifyRecord(const CXXRecordDecl *Record) const {
  if (!Record)
    return ObjectKind::None;
  Record = Record->getDefinition();
  if (!Record || Record->isDependentContext())
    return ObjectKind::None;
  auto It = RecordKinds.find(Record);
  if (It != RecordKinds.end())
    return It->second;
  // Guard against recursion through awaitability checks of member types.
  RecordKinds[Record] = ObjectKind::None;
  ObjectKind Kind = computeRecordKind(Record);
  RecordKinds[Record] = Kind;
  return Kind;
}

ObjectKind ProtocolModel::computeRecordKind(const CXXRecordDecl *Record) const {
  // Specializations of an annotated class template count as annotated.
  const CXXRecordDecl *Pattern = Record->getTemplateInstantiationPattern();
  auto Annotated = [&](StringRef Annotation) {
    return hasAnnotation(Record, Annotation) ||
           hasAnnotation(Pattern, Annotation);
  };
  if (Annotated("acm::exit_stack"))
    return ObjectKind::ExitStack;
  if (Annotated("acm::closeable"))
    return ObjectKind::Closeable;
  if (Annotated("acm::manager") || Annotated("acm::generator_manager"))
    return ObjectKind::Manager;
  if (const TypeSpec *Spec = specFor(Record)) {
    if (Spec->ExitOps.empty())
      return ObjectKind::None;
    return Spec->BornEntered || Spec->EnterOps.empty() ? ObjectKind::Closeable
                                                       : ObjectKind::Manager;
  }

  bool IsStack = false, HasEnter = false, HasExit = false;
  forEachMethod(
      Record,
      [&](const CXXMethodDecl *M) {
        if (identifierOf(M) == StackMarker)
          IsStack = true;
        switch (ownOpKind(M)) {
        case OpKind::Enter:
          HasEnter = true;
          break;
        case OpKind::Exit:
          HasExit = true;
          break;
        default:
          break;
        }
      },
      DepthLimitReached);
  if (IsStack)
    return ObjectKind::ExitStack;
  if (HasEnter && HasExit)
    return ObjectKind::Manager;
  if (HasExit)
    return ObjectKind::Closeable;
  return ObjectKind::None;
}

OpKind ProtocolModel::ownOpKind(const CXXMethodDecl *Method) const {
  if (hasAnnotation(Method, "acm::enter"))
    return OpKind::Enter;
  if (hasAnnotation(Method, "acm::exit") || hasAnnotation(Method, "acm::close"))
    return OpKind::Exit;
  if (!Options.EnterOps.empty() || !Options.ExitOps.empty() ||
      !Options.CloseOps.empty()) {
    std::string Name = Method->getQualifiedNameAsString();
    if (matchesQualifiedName(Name, Options.EnterOps))
      return OpKind::Enter;
    if (matchesQualifiedName(Name, Options.ExitOps) ||
        matchesQualifiedName(Name, Options.CloseOps))
      return OpKind::Exit;
  }
  StringRef Name = identifierOf(Method);
  if (Name.empty())
    return OpKind::None;
  // Profiles may name ops any class can have (Boost.Cobalt's await_exit).
  for (unsigned Index : WildcardSpecs)
    if (llvm::is_contained(Specs[Index].ExitOps, Name) &&
        isAwaitableType(Method->getReturnType()))
      return OpKind::Exit;
  bool Enter = isOneOf(Name, EnterNames);
  bool Exit = isOneOf(Name, ExitNames) || isOneOf(Name, CloseNames);
  // A synchronous look-alike (void aexit()) is not the protocol.
  if ((Enter || Exit) && isAwaitableType(Method->getReturnType()))
    return Enter ? OpKind::Enter : OpKind::Exit;
  return OpKind::None;
}

OpKind ProtocolModel::classifyMethod(const CXXMethodDecl *Method) const {
  if (!Method)
    return OpKind::None;
  Method = Method->getCanonicalDecl();
  auto It = MethodKinds.find(Method);
  if (It != MethodKinds.end())
    return It->second;

  OpKind Kind = OpKind::None;
  switch (classifyRecord(Method->getParent())) {
  case ObjectKind::None:
    break;
  case ObjectKind::ExitStack: {
    StringRef Name = identifierOf(Method);
    if (Name == StackMarker)
      Kind = OpKind::StackEnterContext;
    else if (Name == "push_async_exit" || Name == "push_async_callback")
      Kind = OpKind::StackPush;
    else if (Name == "pop_all")
      Kind = OpKind::StackPopAll;
    else if (isOneOf(Name, CloseNames) || ownOpKind(Method) == OpKind::Exit)
      Kind = OpKind::Exit;
    break;
  }
  case ObjectKind::Manager:
  case ObjectKind::Closeable:
    Kind = ownOpKind(Method);
    if (const TypeSpec *Spec = specFor(Method->getParent()->getDefinition()))
      Kind = entryOpKind(*Spec, Method, Kind);
    break;
  }
  MethodKinds[Method] = Kind;
  return Kind;
}

OpKind ProtocolModel::classifyCall(const CXXMemberCallExpr *Call) const {
  // The usual callee, a member expression as written, is read at once;
  // getMethodDecl is out of line and looks through parentheses first.
  const CXXMethodDecl *Method = nullptr;
  if (const auto *Member =
          Call ? dyn_cast<MemberExpr>(Call->getCallee()) : nullptr)
    Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
  else if (Call)
    Method = Call->getMethodDecl();
  OpKind Kind = classifyMethod(Method);
  if (Kind != OpKind::None || !Method)
    return Kind;
  // The object as written, before its conversion to the method's class.
  const Expr *ObjectExpr = Call->getImplicitObjectArgument();
  if (!ObjectExpr)
    return Kind;
  QualType ObjectType = ObjectExpr->IgnoreParenImpCasts()->getType();
  if (ObjectType->isPointerType())
    ObjectType = ObjectType->getPointeeType();
  const CXXRecordDecl *Object = ObjectType->getAsCXXRecordDecl();
  if (!Object || !(Object = Object->getDefinition()) ||
      Object == Method->getParent()->getDefinition())
    return Kind;
  ObjectKind ObjectRole = classifyRecord(Object);
  if (ObjectRole != ObjectKind::Manager && ObjectRole != ObjectKind::Closeable)
    return Kind;
  const TypeSpec *Spec = specFor(Object);
  return Spec ? entryOpKind(*Spec, Method, Kind) : Kind;
}

bool ProtocolModel::isAwaitableType(QualType T) const {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isDependentType())
    return false;
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return false;
  // A specialization nothing has instantiated yet (an op's return type when
  // no op is called in this file) is judged by its template's pattern.
  if (!Record->getDefinition())
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
      Record = Spec->getSpecializedTemplate()->getTemplatedDecl();
  if (!(Record = Record->getDefinition()))
    return false;
  auto It = Awaitable.find(Record);
  if (It != Awaitable.end())
    return It->second;
  Awaitable[Record] = false;
  bool Result = computeAwaitable(Record);
  Awaitable[Record] = Result;
  return Result;
}

bool ProtocolModel::computeAwaitable(const CXXRecordDecl *Record) const {
  bool Found = false;
  forEachMethod(
      Record,
      [&](const CXXMethodDecl *M) {
        if (identifierOf(M) == "await_ready" ||
            M->getOverloadedOperator() == OO_Coawait)
          Found = true;
      },
      DepthLimitReached);
  if (Found)
    return true;
  // A coroutine type is awaitable through its promise's await_transform or
  // the awaiting coroutine's promise.
  for (const Decl *D : Record->decls())
    if (const auto *ND = dyn_cast<NamedDecl>(D))
      if (identifierOf(ND) == "promise_type")
        return true;
  // A free operator co_await that takes this type, found by argument-
  // dependent lookup: one in the class (a hidden friend) or in an enclosing
  // namespace. That a namespace has one for some of its types (Seastar's
  // future) says nothing of the others (gate::holder).
  ASTContext &Ctx = Record->getASTContext();
  DeclarationName CoawaitName =
      Ctx.DeclarationNames.getCXXOperatorName(OO_Coawait);
  for (const FriendDecl *Friend : Record->friends())
    if (const NamedDecl *D = Friend->getFriendDecl())
      if (D->getDeclName() == CoawaitName && coawaitOperatorTakes(D, Record))
        return true;
  for (const DeclContext *DC = Record->getDeclContext(); DC;
       DC = DC->getParent()) {
    if (!DC->isNamespace() && !DC->isTranslationUnit())
      continue;
    for (const NamedDecl *D : DC->lookup(CoawaitName))
      if (coawaitOperatorTakes(D, Record))
        return true;
  }
  return false;
}

bool ProtocolModel::takesExit(const FunctionDecl *Callee,
                              unsigned ParamIndex) const {
  if (!Callee)
    return false;
  if (matchesQualifiedName(Callee->getQualifiedNameAsString(), ExitHelpers))
    return true;
  auto ParamAnnotated = [&](const FunctionDecl *F) {
    return F && ParamIndex < F->getNumParams() &&
           hasAnnotation(F->getParamDecl(ParamIndex), "acm::takes_exit");
  };
  if (ParamAnnotated(Callee))
    return true;
  if (ParamAnnotated(Callee->getTemplateInstantiationPattern()))
    return true;
  for (const FunctionDecl *Redecl : Callee->redecls())
    if (Redecl != Callee && ParamAnnotated(Redecl))
      return true;
  return false;
}

bool ProtocolModel::isSingleUseType(QualType T) const {
  const CXXRecordDecl *Record = definitionOf(T);
  if (!Record)
    return false;
  if (const TypeSpec *Spec = specFor(Record))
    if (Spec->SingleUse)
      return true;
  return hasAnnotation(Record, "acm::generator_manager") ||
         hasAnnotation(Record->getTemplateInstantiationPattern(),
                       "acm::generator_manager");
}

bool ProtocolModel::isDefaultEmptyType(QualType T) const {
  const TypeSpec *Spec = specForType(T);
  return Spec && Spec->DefaultEmpty;
}

bool ProtocolModel::isEnterListedIn(
    const CXXMethodDecl *Method,
    std::vector<std::string> TypeSpec::*List) const {
  if (!Method || classifyMethod(Method) != OpKind::EnterNow)
    return false;
  const TypeSpec *Spec = specFor(Method->getParent()->getDefinition());
  return Spec && llvm::is_contained(Spec->*List, Method->getNameAsString());
}

bool ProtocolModel::isDoneWhenAwaited(const CXXMethodDecl *Method) const {
  return isEnterListedIn(Method, &TypeSpec::DoneWhenAwaitedOps);
}

bool ProtocolModel::isGuardEnter(const CXXMethodDecl *Method) const {
  return isEnterListedIn(Method, &TypeSpec::GuardOps);
}

bool ProtocolModel::hasIdempotentExit(QualType T) const {
  const TypeSpec *Spec = specForType(T);
  return Spec && Spec->IdempotentExit;
}

namespace {
/// The exit an op's name says: aclose, co_close and close_async close;
/// join, joinAsync and cancelAndJoinAsync join.
ExitName exitNameOf(StringRef Op) {
  std::string Lower = Op.lower();
  StringRef Name(Lower);
  if (Name.contains("close"))
    return ExitName::Close;
  if (Name.contains("join"))
    return ExitName::Join;
  if (Name.contains("cleanup"))
    return ExitName::Cleanup;
  return ExitName::Exit;
}
} // namespace

bool ProtocolModel::isFatalFailureMacro(StringRef MacroName) const {
  for (StringRef Pattern : Options.FatalFailureMacros) {
    if (Pattern.consume_back("*") ? MacroName.starts_with(Pattern)
                                  : MacroName == Pattern)
      return true;
  }
  return false;
}

ExitName ProtocolModel::exitName(QualType T) const {
  const CXXRecordDecl *Record = definitionOf(T);
  if (!Record)
    return ExitName::Exit;
  // A class or op annotated as a closeable's is closed, whatever its name.
  const CXXRecordDecl *Pattern = Record->getTemplateInstantiationPattern();
  if (hasAnnotation(Record, "acm::closeable") ||
      hasAnnotation(Pattern, "acm::closeable"))
    return ExitName::Close;
  if (const TypeSpec *Spec = specFor(Record))
    return Spec->ExitOps.empty() ? ExitName::Exit
                                 : exitNameOf(Spec->ExitOps.front());
  std::optional<ExitName> Found;
  unsigned Unused = 0;
  forEachMethod(
      Record,
      [&](const CXXMethodDecl *M) {
        if (Found || ownOpKind(M) != OpKind::Exit)
          return;
        Found = hasAnnotation(M, "acm::close") ? ExitName::Close
                                               : exitNameOf(identifierOf(M));
      },
      Unused);
  return Found.value_or(ExitName::Exit);
}

bool ProtocolModel::isSharedHandleType(QualType T) const {
  const TypeSpec *Spec = specForType(T);
  return Spec && Spec->Shared;
}

ArgumentEnter ProtocolModel::entersArgumentOf(StringRef QualifiedName,
                                              unsigned ParamIndex) const {
  for (const EnterFunction &Enter : EnterFunctions)
    if (Enter.Argument == ParamIndex &&
        matchesQualifiedName(QualifiedName, {Enter.Name}))
      return Enter.Tries ? ArgumentEnter::Tries : ArgumentEnter::Enters;
  return ArgumentEnter::None;
}

ArgumentEnter ProtocolModel::entersArgument(const FunctionDecl *Callee,
                                            unsigned ParamIndex) const {
  if (!Callee || EnterFunctions.empty())
    return ArgumentEnter::None;
  return entersArgumentOf(Callee->getQualifiedNameAsString(), ParamIndex);
}

ArgumentEnter ProtocolModel::callEntersArgument(const CallExpr *Call,
                                                unsigned ArgIndex) const {
  if (!Call || EnterFunctions.empty())
    return ArgumentEnter::None;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    // A resolved call of a function object: argument 0 is the object.
    if (Op->getOperator() != OO_Call ||
        !isa_and_nonnull<CXXMethodDecl>(Callee) || ArgIndex == 0)
      return ArgumentEnter::None;
    return entersArgument(Callee, ArgIndex - 1);
  }
  if (Callee)
    return entersArgument(Callee, ArgIndex);
  // Unresolved: the callee names a variable whose class is the function
  // object.
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  const CXXRecordDecl *Record =
      Var ? Var->getType()->getAsCXXRecordDecl() : nullptr;
  if (!Record)
    return ArgumentEnter::None;
  return entersArgumentOf(Record->getQualifiedNameAsString() + "::operator()",
                          ArgIndex);
}

namespace {

/// The qualified name of \p T's class, without template arguments, or "".
std::string recordName(QualType T) {
  const CXXRecordDecl *Record = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  if (!Record)
    return "";
  if (const ClassTemplateDecl *Template = Record->getDescribedClassTemplate())
    return Template->getQualifiedNameAsString();
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    return Spec->getSpecializedTemplate()->getQualifiedNameAsString();
  return Record->getQualifiedNameAsString();
}

/// The type T of std::optional<T> or std::unique_ptr<T>, and which.
std::optional<std::pair<QualType, MemberHolder>> heldType(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.isNull() ? nullptr : T->getAsCXXRecordDecl());
  if (!Spec || !Spec->isInStdNamespace() || !Spec->getIdentifier() ||
      Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return std::nullopt;
  StringRef Name = Spec->getName();
  QualType Held = Spec->getTemplateArgs()[0].getAsType();
  if (Name == "optional")
    return std::make_pair(Held, MemberHolder::Optional);
  if (Name == "unique_ptr")
    return std::make_pair(Held, MemberHolder::UniquePtr);
  return std::nullopt;
}

} // namespace

std::vector<OwnedMember>
ProtocolModel::ownedMembers(const CXXRecordDecl *Record) const {
  std::vector<OwnedMember> Members;
  if (!Record || !(Record = Record->getDefinition()) ||
      Record->isDependentContext())
    return Members;
  for (const FieldDecl *Field : Record->fields()) {
    QualType T = Field->getType();
    if (T->isReferenceType() || T->isPointerType())
      continue;
    MemberHolder Holder = MemberHolder::Direct;
    if (auto Held = heldType(T)) {
      T = Held->first;
      Holder = Held->second;
    }
    ObjectKind Kind = classifyType(T);
    if (Kind != ObjectKind::None)
      Members.push_back({Field, Kind, Holder, T});
  }
  return Members;
}

bool ProtocolModel::isOwnerExit(const CXXMethodDecl *Method,
                                llvm::ArrayRef<OwnedMember> Members) const {
  if (!Method || Method->isStatic() || isa<CXXConstructorDecl>(Method) ||
      isa<CXXDestructorDecl>(Method) || !Method->getIdentifier())
    return false;
  if (classifyMethod(Method) == OpKind::Exit)
    return true;
  if (matchesQualifiedName(Method->getQualifiedNameAsString(),
                           Options.OwnerExits))
    return true;
  // A profile's convention applies to the classes that hold its types.
  std::string Returns = recordName(Method->getReturnType());
  StringRef Name = Method->getName();
  for (const OwnedMember &Member : Members) {
    const TypeSpec *Spec = specForType(Member.ObjectType);
    if (!Spec || Spec->Profile < 0)
      continue;
    auto Conventions = OwnerExitConventions.find(Spec->Profile);
    if (Conventions == OwnerExitConventions.end())
      continue;
    for (const OwnerExitConvention &C : Conventions->second)
      if (llvm::is_contained(C.Names, Name) &&
          (C.ReturnType == "*" ||
           (!Returns.empty() && matchesQualifiedName(Returns, {C.ReturnType}))))
        return true;
  }
  return false;
}

bool ProtocolModel::isMemberCloseOptional(QualType T) const {
  const TypeSpec *Spec = specForType(T);
  return Spec && Spec->MemberCloseOptional;
}

bool ProtocolModel::isGeneratorManager(const FunctionDecl *Coroutine) const {
  if (!Coroutine)
    return false;
  if (matchesQualifiedName(Coroutine->getQualifiedNameAsString(),
                           Options.GeneratorManagers))
    return true;
  // An annotated return type is a manager too.
  return classifyType(Coroutine->getReturnType()) == ObjectKind::Manager;
}

} // namespace acm
