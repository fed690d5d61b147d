//===- BranchFacts.cpp ----------------------------------------------------===//

#include "Analysis/Support/BranchFacts.h"
#include "Analysis/Support/BodyVisitor.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Analysis/Support/ExprUnwrap.h"
#include "Analysis/Support/LocalVars.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace acm {

namespace {

bool isExceptionPtr(QualType T) {
  const auto *Record = T->getAsCXXRecordDecl();
  if (!Record || Record->getName() != "exception_ptr")
    return false;
  // libstdc++ declares it in std::__exception_ptr.
  for (const DeclContext *DC = Record->getDeclContext(); DC;
       DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

/// Types whose truth value is all a test can tell: scalars and
/// std::exception_ptr.
bool isConditionType(QualType T) {
  if (T.isNull() || T.isVolatileQualified() || T->isReferenceType())
    return false;
  T = T.getCanonicalType();
  return T->isBooleanType() || T->isIntegerType() || T->isPointerType() ||
         isExceptionPtr(T);
}

Expr *skipParensAndNoOps(Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    auto *Cast = dyn_cast<ImplicitCastExpr>(E);
    if (!Cast || Cast->getCastKind() != CK_NoOp)
      return E;
    E = Cast->getSubExpr();
  }
}

/// The truth value of a literal operand: false, true, 0, 1, nullptr, or an
/// object constructed from nullptr (an empty std::exception_ptr).
std::optional<bool> literalTruth(const Expr *E) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  while (const Expr *Inner = temporaryOperand(E))
    E = Inner->IgnoreParenImpCasts();
  if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(E))
    return Bool->getValue();
  // 0 and 1 keep their truth in any integer type.
  if (const auto *Int = dyn_cast<IntegerLiteral>(E)) {
    if (Int->getValue().ule(1))
      return Int->getValue() != 0;
    return std::nullopt;
  }
  if (isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E))
    return false;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (!isExceptionPtr(Construct->getType()))
      return std::nullopt;
    if (Construct->getNumArgs() == 0)
      return false;
    if (Construct->getNumArgs() == 1 &&
        !Construct->getConstructor()->isCopyOrMoveConstructor())
      if (auto Arg = literalTruth(Construct->getArg(0)); Arg && !*Arg)
        return false;
  }
  return std::nullopt;
}

/// True if \p E calls std::current_exception().
bool callsCurrentException(const Expr *E) {
  const auto *Call =
      dyn_cast_or_null<CallExpr>(E ? E->IgnoreImplicit() : nullptr);
  const FunctionDecl *Callee = Call ? directCallee(Call) : nullptr;
  return Callee && Callee->getIdentifier() &&
         Callee->getName() == "current_exception" && Callee->isInStdNamespace();
}

/// The variable \p Condition tests for truth, and whether true means the
/// variable's truth (false: its negation), if it is such a test.
const VarDecl *testedVariable(const Stmt *Condition, bool &Truth) {
  const auto *E = dyn_cast_or_null<Expr>(Condition);
  Truth = true;
  while (E) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      switch (Cast->getCastKind()) {
      case CK_LValueToRValue:
      case CK_IntegralToBoolean:
      case CK_PointerToBoolean:
      case CK_NoOp:
      case CK_UserDefinedConversion:
        E = Cast->getSubExpr();
        continue;
      default:
        return nullptr;
      }
    }
    if (const auto *Full = dyn_cast<FullExpr>(E)) {
      E = Full->getSubExpr();
      continue;
    }
    if (const auto *Not = dyn_cast<UnaryOperator>(E)) {
      if (Not->getOpcode() != UO_LNot)
        return nullptr;
      Truth = !Truth;
      E = Not->getSubExpr();
      continue;
    }
    // An explicit operator bool (std::exception_ptr's).
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      const auto *Conversion =
          dyn_cast_or_null<CXXConversionDecl>(calledMethod(Call));
      if (!Conversion || !Conversion->getConversionType()->isBooleanType())
        return nullptr;
      E = objectArgument(Call);
      continue;
    }
    // x == nullptr, x != 0, b == false, b == true.
    const Expr *LHS = nullptr, *RHS = nullptr;
    bool Equal = false;
    if (const auto *B = dyn_cast<BinaryOperator>(E)) {
      if (!B->isEqualityOp())
        return nullptr;
      LHS = B->getLHS();
      RHS = B->getRHS();
      Equal = B->getOpcode() == BO_EQ;
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if ((Op->getOperator() != OO_EqualEqual &&
           Op->getOperator() != OO_ExclaimEqual) ||
          Op->getNumArgs() != 2)
        return nullptr;
      LHS = Op->getArg(0);
      RHS = Op->getArg(1);
      Equal = Op->getOperator() == OO_EqualEqual;
    }
    if (LHS) {
      std::optional<bool> Literal = literalTruth(RHS);
      const Expr *Other = LHS;
      if (!Literal) {
        Literal = literalTruth(LHS);
        Other = RHS;
      }
      if (!Literal)
        return nullptr;
      const auto *Ref = dyn_cast<DeclRefExpr>(Other->IgnoreParenImpCasts());
      if (!Ref)
        return nullptr;
      const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
      // Only comparing with false (0, nullptr) is a truth test, or a bool
      // with true.
      if (!V || (*Literal && !V->getType()->isBooleanType()))
        return nullptr;
      // x == false is !x; x == true is x; != the opposite.
      if (Equal == !*Literal)
        Truth = !Truth;
      E = Ref;
      continue;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(Ref->getDecl());
    return nullptr;
  }
  return nullptr;
}

} // namespace

/// The candidate variables, and how every reference to them is used.
struct BranchScan::State {
  llvm::SmallVector<const VarDecl *, 8> Candidates;
  llvm::DenseSet<const VarDecl *> IsCandidate;
  llvm::DenseSet<const VarDecl *> Disqualified;
  llvm::DenseSet<const DeclRefExpr *> Accepted;
  /// Assignments: the statement, the variable, the value if known.
  struct Assignment {
    const Stmt *At;
    const VarDecl *Var;
    std::optional<bool> Value;
  };
  std::vector<Assignment> Assignments;
  /// Declarations initialised from std::current_exception() in a handler.
  llvm::DenseSet<const VarDecl *> CaughtAtDeclaration;
  /// The variables some branch tests for truth: the others cannot refine
  /// a path, and would only take the places of those that can.
  llvm::DenseSet<const VarDecl *> Tested;

  void addCandidate(const VarDecl *V) {
    if (isConditionType(V->getType()) && IsCandidate.insert(V).second)
      Candidates.push_back(V);
  }

  void visitVarDecl(const VarDecl *V, bool InHandler) {
    if (hasLocalStorage(V) && !isa<ParmVarDecl>(V)) {
      addCandidate(V);
      if (InHandler && callsCurrentException(V->getInit()))
        CaughtAtDeclaration.insert(V);
    }
  }

  // What this reads, BranchScan::reads says.
  void visitStmt(const Stmt *S, bool InHandler) {
    switch (S->getStmtClass()) {
    case Stmt::LambdaExprClass:
      // Nested functions see their own copies; capturing by reference lets
      // them change the variable.
      for (const LambdaCapture &Capture : cast<LambdaExpr>(S)->captures())
        if (Capture.capturesVariable() &&
            Capture.getCaptureKind() == LCK_ByRef)
          if (const auto *V = dyn_cast<VarDecl>(Capture.getCapturedVar()))
            Disqualified.insert(V);
      return;
    case Stmt::ImplicitCastExprClass:
      if (const auto *Cast = cast<ImplicitCastExpr>(S);
          Cast->getCastKind() == CK_LValueToRValue)
        accept(Cast->getSubExpr());
      return;
    case Stmt::IfStmtClass:
    case Stmt::WhileStmtClass:
    case Stmt::ForStmtClass:
    case Stmt::DoStmtClass:
    case Stmt::ConditionalOperatorClass:
    case Stmt::BinaryConditionalOperatorClass:
      return noteTests(S);
    case Stmt::BinaryOperatorClass:
    case Stmt::CompoundAssignOperatorClass:
      return binaryOperator(cast<BinaryOperator>(S), InHandler);
    case Stmt::UnaryOperatorClass:
      // ++n, n-- change the value in a way the analysis sees, to one it
      // does not know.
      if (const auto *U = cast<UnaryOperator>(S); U->isIncrementDecrementOp())
        assign(U, U->getSubExpr(), nullptr, InHandler);
      return;
    case Stmt::CXXConstructExprClass:
    case Stmt::CXXTemporaryObjectExprClass:
      if (const auto *Construct = cast<CXXConstructExpr>(S);
          Construct->getConstructor()->isCopyConstructor() &&
          Construct->getNumArgs() >= 1)
        accept(Construct->getArg(0));
      return;
    case Stmt::DeclRefExprClass:
      if (const auto *Ref = cast<DeclRefExpr>(S);
          const auto *V = dyn_cast<VarDecl>(Ref->getDecl()))
        if (IsCandidate.count(V) && !Accepted.count(Ref))
          Disqualified.insert(V);
      return;
    default:
      if (const auto *Call = dyn_cast<CallExpr>(S))
        call(Call, InHandler);
      return;
    }
  }

  void noteTests(const Stmt *S) {
    switch (S->getStmtClass()) {
    case Stmt::IfStmtClass:
      return noteTest(cast<IfStmt>(S)->getCond());
    case Stmt::WhileStmtClass:
      return noteTest(cast<WhileStmt>(S)->getCond());
    case Stmt::ForStmtClass:
      return noteTest(cast<ForStmt>(S)->getCond());
    case Stmt::DoStmtClass:
      return noteTest(cast<DoStmt>(S)->getCond());
    case Stmt::ConditionalOperatorClass:
    case Stmt::BinaryConditionalOperatorClass:
      return noteTest(cast<AbstractConditionalOperator>(S)->getCond());
    case Stmt::BinaryOperatorClass:
    case Stmt::CompoundAssignOperatorClass:
      // Each operand of && and || is a branch of its own.
      if (const auto *B = cast<BinaryOperator>(S); B->isLogicalOp()) {
        noteTest(B->getLHS());
        noteTest(B->getRHS());
      }
      return;
    default:
      return;
    }
  }

private:
  void binaryOperator(const BinaryOperator *B, bool InHandler) {
    noteTests(B);
    if (B->getOpcode() == BO_Assign)
      assign(B, B->getLHS(), B->getRHS(), InHandler);
    else if (B->isCompoundAssignmentOp())
      assign(B, B->getLHS(), nullptr, InHandler);
  }

  void call(const CallExpr *Call, bool InHandler) {
    // A const method reads its object.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      if (const CXXMethodDecl *Method = calledMethod(Member);
          Method && Method->isConst())
        accept(objectArgument(Member));
    const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
    if (!Callee)
      return;
    unsigned First = 0;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
        assign(Op, Op->getArg(0), Op->getArg(1), InHandler);
        return;
      }
      // A member operator's first argument is its object.
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee)) {
        if (Call->getNumArgs() > 0 && Method->isConst())
          accept(Call->getArg(0));
        First = 1;
      }
    }
    for (unsigned I = First, N = Call->getNumArgs(); I < N; ++I) {
      unsigned Param = I - First;
      if (Param >= Callee->getNumParams())
        break;
      QualType T = Callee->getParamDecl(Param)->getType();
      if (T->isLValueReferenceType() && T->getPointeeType().isConstQualified())
        accept(Call->getArg(I));
    }
  }

  void noteTest(const Expr *Condition) {
    bool Truth = true;
    if (const VarDecl *V = testedVariable(Condition, Truth))
      Tested.insert(V);
  }

  void accept(const Expr *E) {
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(skipParensAndNoOps(const_cast<Expr *>(E))))
      Accepted.insert(Ref);
  }

  void assign(const Stmt *At, const Expr *Target, const Expr *Value,
              bool InHandler) {
    const auto *Ref =
        dyn_cast<DeclRefExpr>(skipParensAndNoOps(const_cast<Expr *>(Target)));
    if (!Ref)
      return;
    const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
    if (!V || !IsCandidate.count(V))
      return;
    Accepted.insert(Ref);
    // In a handler, the exception being handled is not null.
    std::optional<bool> Truth = literalTruth(Value);
    if (InHandler && callsCurrentException(Value))
      Truth = true;
    Assignments.push_back({At, V, Truth});
  }
};

namespace {

/// Feeds every node of a body to a scan.
class ScanWalker : public BodyVisitor<ScanWalker> {
public:
  explicit ScanWalker(BranchScan &Scan) : Scan(Scan) {}

  bool VisitStmt(Stmt *S) {
    Scan.visitStmt(S, inHandler());
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    Scan.visitVarDecl(V, inHandler());
    return true;
  }

private:
  BranchScan &Scan;
};

} // namespace

BranchScan::BranchScan(const FunctionDecl &Function)
    : Scanned(std::make_unique<State>()) {
  for (const ParmVarDecl *P : Function.parameters())
    Scanned->addCandidate(P);
}

BranchScan::~BranchScan() = default;

void BranchScan::visitStmt(const Stmt *S, bool InHandler) {
  Scanned->visitStmt(S, InHandler);
}

void BranchScan::visitVarDecl(const VarDecl *V, bool InHandler) {
  Scanned->visitVarDecl(V, InHandler);
}

void BranchScan::noteTestsAt(const Stmt *S) { Scanned->noteTests(S); }

bool BranchScan::testsAVariable() const { return !Scanned->Tested.empty(); }

void BranchScan::scanBody(const Stmt *Body) {
  ScanWalker(*this).TraverseStmt(const_cast<Stmt *>(Body));
}

BranchFacts::BranchFacts(const FunctionDecl &Function, const Stmt *Body) {
  BranchScan Scan(Function);
  Scan.scanBody(Body);
  finish(Scan);
}

BranchFacts::BranchFacts(BranchScan &&Scan) {
  finish(Scan);
  Scan.Scanned.reset();
}

void BranchFacts::finish(const BranchScan &Scan) {
  const BranchScan::State &F = *Scan.Scanned;
  for (const VarDecl *V : F.Candidates) {
    if (F.Disqualified.count(V) || !F.Tested.count(V))
      continue;
    if (NumVars == MaxConditionVariables) {
      countBoundReached(Bound::ConditionVariables);
      continue;
    }
    Index[V] = NumVars++;
    if (F.CaughtAtDeclaration.count(V))
      Initial[V] = true;
    else if (!isa<ParmVarDecl>(V))
      Initial[V] = V->getInit() ? literalTruth(V->getInit())
                                : (isExceptionPtr(V->getType())
                                       ? std::optional<bool>(false)
                                       : std::nullopt);
  }
  for (const BranchScan::State::Assignment &A : F.Assignments) {
    auto It = Index.find(A.Var);
    if (It != Index.end())
      Updates[A.At].push_back({It->second, A.Value});
  }
}

std::optional<FactUpdate> BranchFacts::atDeclaration(const VarDecl *V) const {
  auto It = Index.find(V);
  if (It == Index.end())
    return std::nullopt;
  auto Value = Initial.find(V);
  return FactUpdate{It->second,
                    Value == Initial.end() ? std::nullopt : Value->second};
}

void BranchFacts::keepGraphStatements(KeptStmts &Kept) const {
  for (const auto &Entry : Updates)
    Kept.try_emplace(Entry.first, nullptr);
}

llvm::ArrayRef<FactUpdate> BranchFacts::updatesAt(const Stmt *S) const {
  auto It = Updates.find(S);
  if (It == Updates.end())
    return {};
  return It->second;
}

std::optional<FactTest> BranchFacts::testAt(const CFGBlock &Block) const {
  if (NumVars == 0)
    return std::nullopt;
  const Expr *Last = branchCondition(Block);
  if (!Last)
    return std::nullopt;
  return testOf(Last);
}

std::optional<FactTest> BranchFacts::testOf(const Stmt *Condition) const {
  bool Truth = true;
  const VarDecl *V = testedVariable(Condition, Truth);
  auto It = V ? Index.find(V) : Index.end();
  if (It == Index.end())
    return std::nullopt;
  return FactTest{It->second, Truth};
}

} // namespace acm
