//===- MemberGuards.cpp ---------------------------------------------------===//

#include "Analysis/Exit/MemberGuards.h"
#include "Analysis/Exit/MemberContext.h"
#include "Analysis/Exit/TrackedObjects.h"
#include "Analysis/Support/BodyVisitor.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Analysis/Support/ExprUnwrap.h"
#include "Model/ProtocolModel.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"

using namespace clang;

namespace acm {

MemberContext::~MemberContext() = default;

namespace {

/// True if \p E refers to the class's own state: a member of "this", or a
/// call of a method on "this" or on such a member.
bool readsClassState(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Member = dyn_cast<MemberExpr>(S))
    if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      return true;
  if (isa<LambdaExpr>(S))
    return false;
  for (const Stmt *Child : S->children())
    if (readsClassState(Child))
      return true;
  return false;
}

/// Collects the early returns under tests of the class's state that come
/// before any member is exited, in source order.
class ReturnGuardFinder : public BodyVisitor<ReturnGuardFinder> {
public:
  ReturnGuardFinder(const ObjectTable &Objects, const ProtocolModel &Model,
                    const MemberContext &Members,
                    llvm::DenseSet<const Stmt *> &Out,
                    llvm::DenseMap<const ValueDecl *, bool> &Flags)
      : Objects(Objects), Model(Model), Members(Members), Out(Out),
        Flags(Flags) {}

  // "flag_ = true;": a flag member the method sets.
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() != BO_Assign)
      return true;
    const auto *Member =
        dyn_cast<MemberExpr>(B->getLHS()->IgnoreParenImpCasts());
    const auto *Value =
        dyn_cast<CXXBoolLiteralExpr>(B->getRHS()->IgnoreParenImpCasts());
    if (Member && Value &&
        isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      Flags.try_emplace(Member->getMemberDecl(), Value->getValue());
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const Expr *Object = calledObject(Call);
    std::optional<unsigned> Obj = Objects.indexOf(Object);
    OpKind Op = Model.classifyCall(Call);
    if (Obj && Objects[*Obj].IsMember && Op == OpKind::Exit)
      SeenExit = true;
    if (Op == OpKind::None && isa_and_nonnull<CXXThisExpr>(Object) &&
        !Members.callEffects(calledMethod(Call)).Settled.empty())
      SeenExit = true;
    return true;
  }

  bool TraverseIfStmt(IfStmt *If) {
    if (!SeenExit && readsClassState(If->getCond())) {
      collectReturns(If->getThen());
      collectReturns(If->getElse());
    }
    return BodyVisitor::TraverseIfStmt(If);
  }

private:
  void collectReturns(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (isa<ReturnStmt>(S) || isa<CoreturnStmt>(S))
      Out.insert(S);
    for (const Stmt *Child : S->children())
      collectReturns(Child);
  }

  const ObjectTable &Objects;
  const ProtocolModel &Model;
  const MemberContext &Members;
  llvm::DenseSet<const Stmt *> &Out;
  llvm::DenseMap<const ValueDecl *, bool> &Flags;
  bool SeenExit = false;
};

} // namespace

MemberGuards::MemberGuards(const Stmt *Body, const ObjectTable &Objects,
                           const ProtocolModel &Model,
                           const MemberContext &Members)
    : Objects(Objects), Model(Model) {
  ReturnGuardFinder(Objects, Model, Members, GuardedReturns, SetFlags)
      .TraverseStmt(const_cast<Stmt *>(Body));
}

bool MemberGuards::isAlreadyDoneEdge(const CFGBlock &Block,
                                     unsigned SuccIndex) const {
  if (SetFlags.empty())
    return false;
  const Expr *E = branchCondition(Block);
  bool TrueOnFirst = true;
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Not = dyn_cast<UnaryOperator>(E);
        Not && Not->getOpcode() == UO_LNot) {
      TrueOnFirst = !TrueOnFirst;
      E = Not->getSubExpr();
      continue;
    }
    break;
  }
  const auto *Member = dyn_cast_or_null<MemberExpr>(E);
  if (!Member || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return false;
  auto Set = SetFlags.find(Member->getMemberDecl());
  if (Set == SetFlags.end())
    return false;
  // The flag is true along the first successor if TrueOnFirst.
  bool FlagOnEdge = (SuccIndex == 0) == TrueOnFirst;
  return FlagOnEdge == Set->second;
}

std::optional<HoldsTest> MemberGuards::testAt(const CFGBlock &Block) const {
  const Expr *E = branchCondition(Block);
  bool Holds = true;
  while (E) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      // A pointer or a conversion to bool; anything else is no such test.
      switch (Cast->getCastKind()) {
      case CK_LValueToRValue:
      case CK_PointerToBoolean:
      case CK_NoOp:
      case CK_UserDefinedConversion:
        E = Cast->getSubExpr();
        continue;
      default:
        return std::nullopt;
      }
    }
    if (const auto *Full = dyn_cast<FullExpr>(E)) {
      E = Full->getSubExpr();
      continue;
    }
    if (const auto *Not = dyn_cast<UnaryOperator>(E)) {
      if (Not->getOpcode() != UO_LNot)
        return std::nullopt;
      Holds = !Holds;
      E = Not->getSubExpr();
      continue;
    }
    // m != nullptr, m == nullptr.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if ((Op->getOperator() != OO_EqualEqual &&
           Op->getOperator() != OO_ExclaimEqual) ||
          Op->getNumArgs() != 2 ||
          !isa<CXXNullPtrLiteralExpr>(Op->getArg(1)->IgnoreParenImpCasts()))
        return std::nullopt;
      if (Op->getOperator() == OO_EqualEqual)
        Holds = !Holds;
      E = Op->getArg(0);
      continue;
    }
    // m.operator bool(), m.has_value(): a question to the holder.
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *Method = calledMethod(Call);
      bool Asks = isa_and_nonnull<CXXConversionDecl>(Method) ||
                  (Method && Method->getIdentifier() &&
                   Method->getName() == "has_value");
      if (!Asks)
        return std::nullopt;
      E = objectArgument(Call);
      continue;
    }
    const auto *Member = dyn_cast<MemberExpr>(E);
    std::optional<unsigned> Obj =
        Member && Objects.referenceOf(Member) == Member
            ? Objects.indexOf(Member)
            : std::nullopt;
    if (!Obj || !Objects[*Obj].IsMember)
      return std::nullopt;
    const TrackedObject &Object = Objects[*Obj];
    // Only a holder, or an object that can be empty, holds nothing.
    if (Object.Holder == MemberHolder::Direct &&
        !Model.isDefaultEmptyType(Object.Decl->getType()))
      return std::nullopt;
    return HoldsTest{*Obj, Holds};
  }
  return std::nullopt;
}

} // namespace acm
