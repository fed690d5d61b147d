//===- BodyVisitor.h - What a coroutine body evaluates --------------------===//
//
// Every pass over a body agrees on what belongs to it: a nested lambda's
// captures are evaluated by the body, its own body is a function of its
// own; nested classes and blocks are not the body's; the operands of
// sizeof, alignof, noexcept, requires and an unevaluated typeid are never
// evaluated. Passes derive from BodyVisitor (a RecursiveASTVisitor) to
// follow this policy, and ask where they are: in a catch handler, or in the
// initializer of a static or thread_local variable (where co_await is not
// allowed). A pass that reads what a method does to its class's members
// also reads the bodies of the lambdas that capture "this"
// (setIntoLambdasCapturingThis): a continuation is part of the method.
//
// Support room: protocol-agnostic; clang's AST only.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_SUPPORT_BODYVISITOR_H
#define ACM_ANALYSIS_SUPPORT_BODYVISITOR_H

#include "Analysis/Support/AnalysisBounds.h"
#include "Analysis/Support/LocalVars.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

namespace acm {

/// True if \p L captures "this", explicitly or not.
inline bool capturesThis(const clang::LambdaExpr *L) {
  for (const clang::LambdaCapture &Capture : L->captures())
    if (Capture.capturesThis())
      return true;
  return false;
}

template <typename Derived>
class BodyVisitor : public clang::RecursiveASTVisitor<Derived> {
  using Base = clang::RecursiveASTVisitor<Derived>;

public:
  /// Walks by plain recursion, not through RecursiveASTVisitor's queue:
  /// each node's own Traverse method (dataTraverseNode) still decides what
  /// is visited, and a statement's children come back here in the order it
  /// gives them, so the nodes are visited in the same pre-order. Pushing,
  /// popping and reversing the queue cost every node more than the visit
  /// itself. The queue guarded the stack against deep expressions; a body
  /// that nests deeper than MaxStmtNesting stops the walk instead
  /// (nestedTooDeep), before the CFG builder, which recurses too, runs.
  bool TraverseStmt(clang::Stmt *S) {
    if (!S)
      return true;
    if (Nesting == MaxStmtNesting) {
      if (!NestedTooDeep)
        countBoundReached(Bound::StmtNesting);
      NestedTooDeep = true;
      return false;
    }
    Derived &D = this->getDerived();
    if (!D.dataTraverseStmtPre(S))
      return true;
    ++Nesting;
    bool Walked = D.dataTraverseNode(S, nullptr);
    --Nesting;
    return Walked && D.dataTraverseStmtPost(S);
  }
  /// True if the walk stopped at a statement nested deeper than
  /// MaxStmtNesting.
  bool nestedTooDeep() const { return NestedTooDeep; }

  /// A statement's children, asked of its own class: each Traverse method
  /// passes its statement as its class, and the class's children() is
  /// inline where Stmt::children() is a call and a switch on the class.
  template <typename StmtClass>
  clang::Stmt::child_range getStmtChildren(StmtClass *S) {
    return S->children();
  }

  /// A lambda is visited itself (VisitLambdaExpr sees its captures), and
  /// its capture initializers are traversed; its body is not.
  bool TraverseLambdaExpr(clang::LambdaExpr *L) {
    if (!this->WalkUpFromLambdaExpr(L))
      return false;
    for (clang::Expr *Init : L->capture_inits())
      if (Init && !this->TraverseStmt(Init))
        return false;
    if (IntoLambdasCapturingThis && acm::capturesThis(L)) {
      ++LambdaDepth;
      bool Result = this->TraverseStmt(L->getBody());
      --LambdaDepth;
      return Result;
    }
    return true;
  }

  bool TraverseCXXRecordDecl(clang::CXXRecordDecl *) { return true; }
  // Types, qualifiers and names as written evaluate nothing, save the size
  // of a variable-length array (a GNU extension in C++).
  bool TraverseTypeLoc(clang::TypeLoc TL) {
    if (!TL.isNull() && TL.getType()->isVariablyModifiedType())
      return Base::TraverseTypeLoc(TL);
    return true;
  }
  bool TraverseNestedNameSpecifierLoc(clang::NestedNameSpecifierLoc) {
    return true;
  }
  bool TraverseDeclarationNameInfo(clang::DeclarationNameInfo) {
    return true;
  }
  bool TraverseBlockExpr(clang::BlockExpr *) { return true; }

  // Unevaluated operands neither use nor hand off anything. A pass that
  // needs to know of them defines skippedUnevaluated.
  bool TraverseUnaryExprOrTypeTraitExpr(clang::UnaryExprOrTypeTraitExpr *E) {
    this->getDerived().skippedUnevaluated(E);
    return true;
  }
  bool TraverseCXXNoexceptExpr(clang::CXXNoexceptExpr *E) {
    this->getDerived().skippedUnevaluated(E);
    return true;
  }
  void skippedUnevaluated(clang::Expr *) {}
  bool TraverseRequiresExpr(clang::RequiresExpr *) { return true; }
  bool TraverseCXXTypeidExpr(clang::CXXTypeidExpr *E) {
    if (!E->isPotentiallyEvaluated())
      return true;
    return Base::TraverseCXXTypeidExpr(E);
  }

  bool TraverseCXXCatchStmt(clang::CXXCatchStmt *S) {
    ++HandlerDepth;
    bool Result = Base::TraverseCXXCatchStmt(S);
    --HandlerDepth;
    return Result;
  }
  bool TraverseVarDecl(clang::VarDecl *V) {
    bool Static = !acm::hasLocalStorage(V);
    StaticInitDepth += Static;
    bool Result = Base::TraverseVarDecl(V);
    StaticInitDepth -= Static;
    return Result;
  }

protected:
  void setIntoLambdasCapturingThis(bool Into) {
    IntoLambdasCapturingThis = Into;
  }
  /// True inside the body of a lambda (read with
  /// setIntoLambdasCapturingThis).
  bool inLambdaBody() const { return LambdaDepth > 0; }
  /// How many statements the walk is inside, the one being visited
  /// included: outer ones are shallower.
  unsigned nesting() const { return Nesting; }
  /// True inside a catch handler.
  bool inHandler() const { return HandlerDepth > 0; }
  /// True inside the declaration of a static or thread_local variable.
  bool inStaticInit() const { return StaticInitDepth > 0; }

private:
  bool IntoLambdasCapturingThis = false;
  unsigned LambdaDepth = 0;
  unsigned HandlerDepth = 0;
  unsigned StaticInitDepth = 0;
  unsigned Nesting = 0;
  bool NestedTooDeep = false;
};

} // namespace acm

#endif // ACM_ANALYSIS_SUPPORT_BODYVISITOR_H
