//===- BranchFacts.h - What branches tell about condition variables -------===//
//
// The analyses are flow-sensitive. To understand the common correlated
// branches without going path-sensitive,
//
//   if (fast) co_await r.aenter();
//   ...
//   if (fast) co_await r.aexit();
//
// each keeps apart the states of paths that took different sides of a test of
// a *condition variable*: a local or by-value parameter of scalar type (or a
// std::exception_ptr) that nothing can change behind the analysis' back.
// This file finds those variables, the statements that give them a value,
// and the branches that test them, and holds what the analyses that use
// them share (FactSet.h): the facts a set of paths knows, and how the
// states of different sets of paths are merged.
//
// Support room: protocol-agnostic; clang's AST and CFG only.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_SUPPORT_BRANCHFACTS_H
#define ACM_ANALYSIS_SUPPORT_BRANCHFACTS_H

#include "Analysis/Support/FactSet.h"
#include "Analysis/Support/FlowGraph.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>

namespace clang {
class CFGBlock;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace acm {

/// Reads, one node at a time, what BranchFacts needs from a body: the
/// candidate variables, the branches that test them, and how every reference
/// to them is used: every statement and variable declaration a BodyVisitor
/// visits (not those inside a lambda's body), in that order.
///
/// A pass that walks the body anyway (the exit analysis' classifying walk)
/// takes the first of two steps. Most bodies test no variable for truth,
/// and then no variable qualifies, whatever its references do. The first
/// step (noteTests on every statement) only looks for such tests; only if
/// it found one (testsAVariable) is the second taken: every node fed to
/// visitStmt and visitVarDecl, from a record the walk kept or by a walk of
/// the scan's own (scanBody).
class BranchScan {
public:
  /// Starts with the parameters of \p Function as candidates.
  explicit BranchScan(const clang::FunctionDecl &Function);
  ~BranchScan();
  BranchScan(const BranchScan &) = delete;
  BranchScan &operator=(const BranchScan &) = delete;

  void visitStmt(const clang::Stmt *S, bool InHandler);
  void visitVarDecl(const clang::VarDecl *V, bool InHandler);

  /// Notes the variables the branch or && or || \p S tests for truth, as
  /// visitStmt does, and nothing else.
  void noteTests(const clang::Stmt *S) {
    // Called for every node of a body: most test nothing.
    if (mayTest(S->getStmtClass()))
      noteTestsAt(S);
  }
  /// noteTests, for a pass that sorted the statements by mayTest itself:
  /// \p S is of a class it is true for.
  void noteTestsAt(const clang::Stmt *S);
  /// True if a statement seen tests a variable for truth.
  bool testsAVariable() const;

  /// Whether visitStmt learns anything from the statements of a class:
  /// never, always, or as readsThis says of each.
  enum class Reads { Never, Always, ThisOne };
  static Reads readsClass(clang::Stmt::StmtClass Class) {
    // The branches, && and || noteTests reads, and more.
    if (mayTest(Class))
      return Reads::Always;
    switch (Class) {
    case clang::Stmt::LambdaExprClass:
    case clang::Stmt::CXXConstructExprClass:
    case clang::Stmt::CXXTemporaryObjectExprClass:
    case clang::Stmt::DeclRefExprClass:
      return Reads::Always;
    case clang::Stmt::ImplicitCastExprClass:
    case clang::Stmt::UnaryOperatorClass:
      return Reads::ThisOne;
    default:
      // A call (CallExpr::classof).
      return Class >= clang::Stmt::firstCallExprConstant &&
                     Class <= clang::Stmt::lastCallExprConstant
                 ? Reads::Always
                 : Reads::Never;
    }
  }
  /// For a statement of a class readsClass says Reads::ThisOne of.
  static bool readsThis(const clang::Stmt *S) {
    if (const auto *Cast = llvm::dyn_cast<clang::ImplicitCastExpr>(S))
      return Cast->getCastKind() == clang::CK_LValueToRValue;
    return llvm::cast<clang::UnaryOperator>(S)->isIncrementDecrementOp();
  }
  /// False for the statements visitStmt learns nothing from: a pass that
  /// keeps the nodes for the second step need not keep those.
  static bool reads(const clang::Stmt *S) {
    switch (readsClass(S->getStmtClass())) {
    case Reads::Never:
      return false;
    case Reads::Always:
      return true;
    case Reads::ThisOne:
      return readsThis(S);
    }
    llvm_unreachable("covered switch");
  }
  /// Feeds the scan every node of \p Body, by a walk of its own.
  void scanBody(const clang::Stmt *Body);

  /// True for the classes of the statements noteTests reads: the branches,
  /// the conditional operators and the binary operators (&& and || among
  /// them).
  static bool mayTest(clang::Stmt::StmtClass Class) {
    switch (Class) {
    case clang::Stmt::IfStmtClass:
    case clang::Stmt::WhileStmtClass:
    case clang::Stmt::ForStmtClass:
    case clang::Stmt::DoStmtClass:
    case clang::Stmt::ConditionalOperatorClass:
    case clang::Stmt::BinaryConditionalOperatorClass:
    case clang::Stmt::BinaryOperatorClass:
    case clang::Stmt::CompoundAssignOperatorClass:
      return true;
    default:
      return false;
    }
  }

private:
  friend class BranchFacts;
  struct State;
  std::unique_ptr<State> Scanned;
};

class BranchFacts {
public:
  /// At most MaxConditionVariables per function are followed, in the order
  /// they are declared; a FactSet keeps their values in a bit set.
  static_assert(MaxConditionVariables <= 32, "FactSet holds 32 variables");

  /// Finds the condition variables among the parameters of \p Function and
  /// the locals of \p Body. A variable qualifies if some branch tests it
  /// for truth (a loop counter compared with a bound does not), and every
  /// reference to it reads it, assigns it, or increments or decrements it;
  /// one whose address is taken, that is bound to a non-const reference,
  /// captured by reference, or used any other way does not.
  BranchFacts(const clang::FunctionDecl &Function, const clang::Stmt *Body);
  /// The same, from a scan another pass has fed the whole body; the scan's
  /// state is freed.
  explicit BranchFacts(BranchScan &&Scan);

  /// How many condition variables there are; they are numbered from 0.
  unsigned size() const { return NumVars; }

  /// What the declaration of \p V establishes (a new variable, whose value
  /// is known when initialised from a literal), if V is a condition variable.
  std::optional<FactUpdate> atDeclaration(const clang::VarDecl *V) const;

  /// The assignments \p S performs to condition variables.
  llvm::ArrayRef<FactUpdate> updatesAt(const clang::Stmt *S) const;

  /// Adds to \p Kept the statements that assign condition variables: the
  /// flows read their updates from the graph.
  void keepGraphStatements(KeptStmts &Kept) const;

  /// The test of a condition variable that decides the two-way branch at
  /// the end of \p Block, if it is one.
  std::optional<FactTest> testAt(const clang::CFGBlock &Block) const;

private:
  void finish(const BranchScan &Scan);
  std::optional<FactTest> testOf(const clang::Stmt *Condition) const;

  unsigned NumVars = 0;
  llvm::DenseMap<const clang::VarDecl *, unsigned> Index;
  llvm::DenseMap<const clang::VarDecl *, std::optional<bool>> Initial;
  llvm::DenseMap<const clang::Stmt *, llvm::SmallVector<FactUpdate, 1>> Updates;
};

} // namespace acm

#endif // ACM_ANALYSIS_SUPPORT_BRANCHFACTS_H
