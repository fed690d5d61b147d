//===- ConstantConditions.h - May a branch have a known value? ------------===//
//
// Clang's CFG builder tries to evaluate, at compile time, the condition of
// every branch of a body, every operand of && and ||, and the value of every
// switch, to mark the sides no run can take (`if (false)`, `while (true)`,
// `do ... while (0)`). With the constant evaluator that costs about a tenth
// of building the graph, and on most bodies it finds nothing: their
// conditions read local variables and call functions. When no such
// expression can have a known value, the graph is the same without trying
// (clang's PruneTriviallyFalseEdges off), and FlowGraph builds it so.
//
// The scan answers conservatively. A condition certainly has no known value
// if it reads a local variable or a by-value parameter that is not const,
// compares such reads with each other or with integer literals and
// enumerators, negates or joins such conditions with && and || (but not
// when a side of && or || is a negation or both sides are comparisons:
// clang's builder decides `x || !x` and `x < 3 && x > 5` by their shape,
// without evaluating), or calls a function that is not constexpr and not a
// builtin. Anything else may have one, as may what clang's builder
// evaluates and a body's passes do not look into: the operands of noexcept,
// the size of a variable-length array, an assumption.
//
// Support room: protocol-agnostic; clang's AST only.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_SUPPORT_CONSTANTCONDITIONS_H
#define ACM_ANALYSIS_SUPPORT_CONSTANTCONDITIONS_H

#include "clang/AST/Stmt.h"

namespace acm {

/// Fed every statement a BodyVisitor visits in a body (not those inside a
/// lambda's body) and every unevaluated operand it skips, tells whether
/// clang's CFG builder might find a branch condition of the body with a
/// known value.
class ConstantConditionScan {
public:
  void visitStmt(const clang::Stmt *S) {
    // Called for every node of a body: most are not where the builder
    // evaluates anything.
    if (!MayHaveKnown && mayEvaluate(S->getStmtClass()))
      visitEvaluated(S);
  }
  /// visitStmt, for a pass that sorted the statements by mayEvaluate
  /// itself: \p S is of a class it is true for.
  void visitEvaluating(const clang::Stmt *S) {
    if (!MayHaveKnown)
      visitEvaluated(S);
  }
  /// An operand a BodyVisitor does not walk (see BodyVisitor.h).
  void visitUnevaluated(const clang::Stmt *S);

  bool mayHaveKnownCondition() const { return MayHaveKnown; }

  /// True for the statements where clang's builder evaluates something.
  static bool mayEvaluate(clang::Stmt::StmtClass Class) {
    switch (Class) {
    case clang::Stmt::IfStmtClass:
    case clang::Stmt::WhileStmtClass:
    case clang::Stmt::ForStmtClass:
    case clang::Stmt::DoStmtClass:
    case clang::Stmt::CXXForRangeStmtClass:
    case clang::Stmt::SwitchStmtClass:
    case clang::Stmt::ConditionalOperatorClass:
    case clang::Stmt::BinaryConditionalOperatorClass:
    case clang::Stmt::BinaryOperatorClass:
    case clang::Stmt::AttributedStmtClass:
      return true;
    default:
      return false;
    }
  }

private:
  void visitEvaluated(const clang::Stmt *S);

  bool MayHaveKnown = false;
};

} // namespace acm

#endif // ACM_ANALYSIS_SUPPORT_CONSTANTCONDITIONS_H
