//===- ForwardFlow.h - What the analyses share about Clang's CFG ----------===//
//
// A forward fixpoint driver and the classification of how a path leaves the
// function, used by both the exit analysis and the generator analysis.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_FORWARDFLOW_H
#define ACM_ANALYSIS_FORWARDFLOW_H

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include <optional>
#include <vector>

namespace acm {

/// Source order for findings; an invalid location sorts last.
inline bool locationBefore(const clang::SourceManager &SM,
                           clang::SourceLocation A, clang::SourceLocation B) {
  if (A.isInvalid())
    return false;
  if (B.isInvalid())
    return true;
  return SM.isBeforeInTranslationUnit(A, B);
}

/// The state entering each block, and leaving each block that has an edge
/// to the function's exit (only those are asked for: keeping every block's
/// would double the memory, which grows with blocks times tracked objects).
/// Unreachable blocks have none.
template <typename State> struct BlockStates {
  std::vector<std::optional<State>> In, Out;
};

/// Iterates \p Transfer (State&, const CFGBlock&) to a fixpoint in reverse
/// post-order, starting from \p Entry. \p Join (State &Into, const State &)
/// returns true if Into changed. \p Edge (State&, const CFGBlock &From,
/// unsigned SuccIndex, bool BackEdge) refines the state leaving From along
/// one successor edge (BackEdge: the edge goes back in reverse post-order,
/// round a loop) and returns false if the edge cannot be taken in that
/// state. States must only grow, so this terminates; a bound on the rounds
/// guards against a join that does not.
template <typename State, typename TransferFn, typename JoinFn,
          typename EdgeFn>
BlockStates<State> solveForward(const clang::CFG &Graph,
                                const clang::PostOrderCFGView &Order,
                                State Entry, TransferFn Transfer, JoinFn Join,
                                EdgeFn Edge) {
  BlockStates<State> States;
  States.In.resize(Graph.getNumBlockIDs());
  States.Out.resize(Graph.getNumBlockIDs());
  const clang::CFGBlock *Exit = &Graph.getExit();
  States.In[Graph.getEntry().getBlockID()] = std::move(Entry);
  std::vector<unsigned> Position(Graph.getNumBlockIDs(), 0);
  unsigned Next = 0;
  for (const clang::CFGBlock *Block : Order)
    Position[Block->getBlockID()] = Next++;
  // Only blocks whose incoming state changed are computed again.
  std::vector<bool> Dirty(Graph.getNumBlockIDs(), false);
  Dirty[Graph.getEntry().getBlockID()] = true;
  bool Changed = true;
  for (unsigned Round = 0; Changed && Round < 64; ++Round) {
    Changed = false;
    for (const clang::CFGBlock *Block : Order) {
      unsigned ID = Block->getBlockID();
      if (!States.In[ID] || !Dirty[ID])
        continue;
      Dirty[ID] = false;
      State S = *States.In[ID];
      Transfer(S, *Block);
      if (llvm::is_contained(Block->succs(), Exit))
        States.Out[ID] = S;
      unsigned Index = 0;
      for (const clang::CFGBlock *Succ : Block->succs()) {
        unsigned SuccIndex = Index++;
        if (!Succ)
          continue;
        unsigned SuccID = Succ->getBlockID();
        // The last edge takes the state itself rather than a copy.
        State EdgeState =
            SuccIndex + 1 == Block->succ_size() ? std::move(S) : S;
        if (!Edge(EdgeState, *Block, SuccIndex,
                  Position[SuccID] <= Position[ID]))
          continue;
        auto &SuccIn = States.In[SuccID];
        if (!SuccIn) {
          SuccIn = std::move(EdgeState);
        } else if (!Join(*SuccIn, EdgeState)) {
          continue;
        }
        Dirty[SuccID] = true;
        Changed = true;
      }
    }
  }
  return States;
}

/// The last statement of \p Block, or null.
inline const clang::Stmt *lastStmtOf(const clang::CFGBlock &Block) {
  for (auto It = Block.rbegin(); It != Block.rend(); ++It)
    if (auto S = It->getAs<clang::CFGStmt>())
      return S->getStmt();
  return nullptr;
}

/// True if the edge from \p From to its successor \p SuccIndex is taken only
/// when the call that ends From throws: an edge CFG::BuildOptions::AddEHEdges
/// adds to the enclosing try's dispatch, or to the exit.
inline bool isExceptionEdge(const clang::CFGBlock &From, unsigned SuccIndex) {
  if (SuccIndex == 0 || From.getTerminatorStmt())
    return false;
  return clang::isa_and_nonnull<clang::CallExpr>(lastStmtOf(From));
}

/// Calls \p Visit (const CFGBlock &Pred, const Stmt *Written) for each
/// reachable path into the function's exit that is a normal return: not a
/// throw (exception paths are not checked) and not a noreturn call.
/// Written is the written co_return or return ending the path, or null when
/// the path falls off the end of the body.
template <typename VisitFn>
void forEachNormalReturn(const clang::CFG &Graph,
                         llvm::ArrayRef<std::optional<bool>> Reachable,
                         VisitFn Visit) {
  for (const clang::CFGBlock *Pred : Graph.getExit().preds()) {
    if (!Pred || !Reachable[Pred->getBlockID()] || Pred->hasNoReturnElement())
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
    if (Last && clang::isa<clang::CXXThrowExpr>(Last))
      continue;
    // The implicit co_return of a body that falls off its end is the end.
    const auto *Coreturn = clang::dyn_cast_or_null<clang::CoreturnStmt>(Last);
    bool Written = (Coreturn && !Coreturn->isImplicit()) ||
                   clang::isa_and_nonnull<clang::ReturnStmt>(Last);
    Visit(*Pred, Written ? Last : nullptr);
  }
}

/// Which blocks \p States reached, in the form forEachNormalReturn takes.
template <typename State>
std::vector<std::optional<bool>> reachedBlocks(const BlockStates<State> &S) {
  std::vector<std::optional<bool>> Reached(S.In.size());
  for (size_t I = 0; I < S.In.size(); ++I)
    if (S.In[I])
      Reached[I] = true;
  return Reached;
}

} // namespace acm

#endif // ACM_ANALYSIS_FORWARDFLOW_H
