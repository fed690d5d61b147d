//===- CfgHelpers.h - What the analyses read off Clang's CFG --------------===//
//
// How a path leaves the function (a return, falling off the end, an
// exception), which edges an exception takes, which loops a block is in,
// and the source order findings are sorted by.
//
// Support room: protocol-agnostic; clang's AST and CFG only.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_SUPPORT_CFGHELPERS_H
#define ACM_ANALYSIS_SUPPORT_CFGHELPERS_H

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <vector>

namespace acm {

class BlockOrder;

/// Source order for findings; an invalid location sorts last.
inline bool locationBefore(const clang::SourceManager &SM,
                           clang::SourceLocation A, clang::SourceLocation B) {
  if (A.isInvalid())
    return false;
  if (B.isInvalid())
    return true;
  return SM.isBeforeInTranslationUnit(A, B);
}

/// The earlier of \p A and \p B in source order; an invalid one loses.
inline clang::SourceLocation earlierLocation(const clang::SourceManager &SM,
                                             clang::SourceLocation A,
                                             clang::SourceLocation B) {
  return locationBefore(SM, B, A) ? B : A;
}

/// The last statement of \p Block, or null.
const clang::Stmt *lastStmtOf(const clang::CFGBlock &Block);

/// True if the edge from \p From to its successor \p SuccIndex is taken only
/// when the call that ends From throws: an edge CFG::BuildOptions::AddEHEdges
/// adds to the enclosing try's dispatch, or to the exit.
bool isExceptionEdge(const clang::CFGBlock &From, unsigned SuccIndex);

/// The try statement whose handlers \p Block dispatches to, if it is one.
inline const clang::CXXTryStmt *dispatchedTry(const clang::CFGBlock &Block) {
  return llvm::dyn_cast_or_null<clang::CXXTryStmt>(Block.getTerminatorStmt());
}

/// True if \p Call may throw. Clang's CFG adds exception edges for every
/// call, whatever its exception specification says.
bool mayThrow(const clang::CallExpr *Call);

/// Calls \p Visit (const CFGBlock &Pred, const Stmt *Written) for each path
/// into the function's exit from a block \p Reached says is reached that is
/// a normal return: not a throw and not a noreturn call. Written is the
/// written co_return or return ending the path, or null when the path falls
/// off the end of the body.
template <typename ReachedFn, typename VisitFn>
void forEachNormalReturn(const clang::CFG &Graph, ReachedFn Reached,
                         VisitFn Visit) {
  for (const clang::CFGBlock *Pred : Graph.getExit().preds()) {
    if (!Pred || !Reached(Pred->getBlockID()) || Pred->hasNoReturnElement())
      continue;
    // A try's dispatch goes to the exit with an exception none of its
    // handlers catches.
    if (dispatchedTry(*Pred))
      continue;
    // A call's exception edge to the exit is not a return.
    bool Normal = false;
    unsigned Index = 0;
    for (const clang::CFGBlock *Succ : Pred->succs()) {
      if (Succ == &Graph.getExit() && !isExceptionEdge(*Pred, Index))
        Normal = true;
      ++Index;
    }
    if (!Normal)
      continue;
    const clang::Stmt *Last = lastStmtOf(*Pred);
    if (Last && llvm::isa<clang::CXXThrowExpr>(Last))
      continue;
    // The implicit co_return of a body that falls off its end is the end.
    const auto *Coreturn = llvm::dyn_cast_or_null<clang::CoreturnStmt>(Last);
    bool Written = (Coreturn && !Coreturn->isImplicit()) ||
                   llvm::isa_and_nonnull<clang::ReturnStmt>(Last);
    Visit(*Pred, Written ? Last : nullptr);
  }
}

/// The condition that decides the two-way branch at the end of \p Block:
/// for "if (a && b)" the block that ends with the if tests b. Null if the
/// block does not end with such a branch.
const clang::Expr *branchCondition(const clang::CFGBlock &Block);

/// True if the token at \p Loc comes from a macro that \p Listed accepts,
/// or from a macro one of those expands: the code the macros themselves
/// bring, not what the user spelled in the call.
bool writtenByMacro(clang::SourceLocation Loc, const clang::SourceManager &SM,
                    const clang::LangOptions &LangOpts,
                    llvm::function_ref<bool(llvm::StringRef)> Listed);

/// The end of a coroutine's written body: its closing brace.
clang::SourceLocation endOfBody(const clang::Stmt *WrittenBody);

/// Of \p Candidates, the statements that only blocks of \p Graph no path
/// from the entry reaches hold: code after a co_return, or skipped by a
/// goto. The handlers of a try block that runs count as reached, with or
/// without exception edges. A statement the CFG does not hold (inside a
/// lambda) is not among them. One pass over the graph; no set of all its
/// statements.
llvm::DenseSet<const clang::Stmt *>
unreachableStmts(const clang::CFG &Graph,
                 const llvm::DenseSet<const clang::Stmt *> &Candidates);

/// The natural loops of a CFG: which loops each block belongs to, named by
/// their header blocks. A back edge Latch -> Header (in reverse post-order)
/// makes a loop of the header and every block that reaches the latch
/// without passing the header.
class LoopMap {
public:
  /// Finds the loops when first asked: most flows never ask (an exit
  /// shifted round a loop is the only question). \p Graph and \p Order
  /// must outlive the map.
  LoopMap(const clang::CFG &Graph, const BlockOrder &Order)
      : Graph(Graph), Order(Order) {}

  /// The headers of the loops \p Block is in.
  llvm::ArrayRef<unsigned> loopsOf(const clang::CFGBlock &Block) const {
    if (First.empty())
      findLoops();
    unsigned ID = Block.getBlockID();
    return llvm::ArrayRef(Headers).slice(First[ID], First[ID + 1] - First[ID]);
  }
  /// True if going from \p From to \p To leaves a loop From is in.
  bool leavesLoop(const clang::CFGBlock &From, const clang::CFGBlock &To) const;

private:
  void findLoops() const;

  const clang::CFG &Graph;
  const BlockOrder &Order;
  /// The headers of block ID's loops are Headers[First[ID], First[ID + 1]);
  /// First is empty until the loops are found.
  mutable std::vector<unsigned> First;
  mutable std::vector<unsigned> Headers;
};

} // namespace acm

#endif // ACM_ANALYSIS_SUPPORT_CFGHELPERS_H
