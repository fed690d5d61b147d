//===- FlowDriver.h - Fixpoints over Clang's CFG --------------------------===//
//
// The one way the analyses iterate to a fixpoint: a worklist of blocks in
// clang's dataflow order (clang/Analysis/FlowSensitive/DataflowWorklist.h),
// reverse post-order for forward problems and post-order for backward ones.
// The order is clang's PostOrderCFGView's, numbered the same way, but held
// in vectors indexed by block rather than in a map the worklist's every
// comparison looks into (BlockOrder).
// The driver only computes states; diagnosis happens after convergence, by
// the analysis replaying its transfer over the final states with a
// diagnoser (as clang's dataflow framework does).
//
// Support room: protocol-agnostic; clang's CFG only.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_SUPPORT_FLOWDRIVER_H
#define ACM_ANALYSIS_SUPPORT_FLOWDRIVER_H

#include "Analysis/Support/AnalysisBounds.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include <optional>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace acm {

/// The blocks a path from the entry reaches, in post order: the depth-first
/// walk of clang's PostOrderCFGView (successors last to first, so that a
/// loop's body comes before what follows the loop in reverse post order;
/// edges marked unreachable skipped), and its numbering, so that a worklist
/// visits the blocks in the order clang's would.
class BlockOrder {
public:
  explicit BlockOrder(const clang::CFG &Graph);

  /// Iterates in reverse post order, as PostOrderCFGView does.
  using const_iterator =
      std::vector<const clang::CFGBlock *>::const_reverse_iterator;
  const_iterator begin() const { return PostOrder.rbegin(); }
  const_iterator end() const { return PostOrder.rend(); }
  size_t size() const { return PostOrder.size(); }

  /// The block's place in post order, from 1; 0 if no path reaches it.
  unsigned number(const clang::CFGBlock *Block) const {
    return Number[Block->getBlockID()];
  }
  /// The block's place in reverse post order, from 0; 0 too if no path
  /// reaches it.
  unsigned position(const clang::CFGBlock *Block) const {
    unsigned N = number(Block);
    return N ? PostOrder.size() - N : 0;
  }

  /// A forward worklist's order: the block earliest in reverse post order
  /// first.
  struct Forward {
    const BlockOrder *Order;
    bool operator()(const clang::CFGBlock *A, const clang::CFGBlock *B) const {
      return Order->number(A) < Order->number(B);
    }
  };
  /// A backward worklist's order: the block earliest in post order first.
  struct Backward {
    const BlockOrder *Order;
    bool operator()(const clang::CFGBlock *A, const clang::CFGBlock *B) const {
      return Order->number(A) > Order->number(B);
    }
  };

private:
  std::vector<const clang::CFGBlock *> PostOrder;
  /// By block ID.
  std::vector<unsigned> Number;
};

/// What one run of a flow did.
struct FlowStats {
  /// Blocks computed, counting each visit.
  unsigned BlockVisits = 0;
  /// Blocks whose state was still changing when MaxBlockVisits was reached.
  unsigned BlocksUnsettled = 0;

  void print(llvm::raw_ostream &OS) const;
};

/// The state entering each block, and leaving each block that has an edge
/// to the function's exit (only those are asked for: keeping every block's
/// would double the memory, which grows with blocks times tracked objects;
/// they are few, so they are kept by block ID rather than in a slot per
/// block). Blocks no path reaches have none.
template <typename State> struct BlockStates {
  std::vector<std::optional<State>> In;
  llvm::DenseMap<unsigned, State> Out;

  bool reached(unsigned BlockID) const { return In[BlockID].has_value(); }
  /// The state leaving \p BlockID, if it has an edge to the exit and a path
  /// reaches it.
  const State *out(unsigned BlockID) const {
    auto It = Out.find(BlockID);
    return It == Out.end() ? nullptr : &It->second;
  }
};

/// The position of each block in reverse post-order, by block ID: an edge
/// to a block at the same or an earlier position goes back round a loop.
/// Solves a forward problem from \p Entry, the state entering the entry
/// block. \p P provides:
///
///   using State;    // copyable, with operator==
///   using Outcome;  // what computing a block gives
///   Outcome transfer(const CFGBlock &, const State &In) const;
///   State &after(Outcome &) const;  // the state leaving the block
///   // Refines S, the state leaving From along successor SuccIndex
///   // (BackEdge: it goes back round a loop); false if that edge cannot be
///   // taken in it.
///   bool edge(State &S, const Outcome &, const CFGBlock &From,
///             unsigned SuccIndex, bool BackEdge) const;
///   // Joins From into Into; true if Into changed.
///   bool join(State &Into, const State &From) const;
///
/// States must only grow, so this terminates; MaxBlockVisits guards
/// against a join that does not settle, and is counted when reached.
template <typename Problem>
BlockStates<typename Problem::State>
solveForward(const clang::CFG &Graph, const BlockOrder &Order, const Problem &P,
             typename Problem::State Entry, FlowStats &Stats) {
  using State = typename Problem::State;
  BlockStates<State> States;
  States.In.resize(Graph.getNumBlockIDs());
  std::vector<unsigned> Visits(Graph.getNumBlockIDs(), 0);
  const clang::CFGBlock *Exit = &Graph.getExit();
  States.Out.reserve(Exit->pred_size());

  clang::DataflowWorklistBase<BlockOrder::Forward, 20> Worklist(
      Graph, BlockOrder::Forward{&Order});
  States.In[Graph.getEntry().getBlockID()] = std::move(Entry);
  Worklist.enqueueBlock(&Graph.getEntry());
  while (const clang::CFGBlock *Block = Worklist.dequeue()) {
    unsigned ID = Block->getBlockID();
    if (Visits[ID] == MaxBlockVisits) {
      ++Stats.BlocksUnsettled;
      countBoundReached(Bound::BlockVisits);
      continue;
    }
    ++Visits[ID];
    ++Stats.BlockVisits;
    auto Outcome = P.transfer(*Block, *States.In[ID]);
    State &After = P.after(Outcome);
    if (llvm::is_contained(Block->succs(), Exit))
      States.Out.insert_or_assign(ID, After);
    unsigned Index = 0;
    for (const clang::CFGBlock *Succ : Block->succs()) {
      unsigned SuccIndex = Index++;
      if (!Succ)
        continue;
      unsigned SuccID = Succ->getBlockID();
      bool BackEdge = Order.position(Succ) <= Order.position(Block);
      // The last edge takes the state itself rather than a copy.
      bool Last = SuccIndex + 1 == Block->succ_size();
      std::optional<State> &SuccIn = States.In[SuccID];
      if (!SuccIn) {
        // The first state to reach a block is refined where it is kept:
        // most blocks are reached once.
        if (Last)
          SuccIn.emplace(std::move(After));
        else
          SuccIn.emplace(After);
        if (!P.edge(*SuccIn, Outcome, *Block, SuccIndex, BackEdge)) {
          SuccIn.reset();
          continue;
        }
        Worklist.enqueueBlock(Succ);
        continue;
      }
      State EdgeState = Last ? std::move(After) : After;
      if (!P.edge(EdgeState, Outcome, *Block, SuccIndex, BackEdge) ||
          !P.join(*SuccIn, EdgeState))
        continue;
      Worklist.enqueueBlock(Succ);
    }
  }
  return States;
}

/// Solves a backward problem: a value at the start of each block computed
/// from the values at the start of its successors. \p P provides:
///
///   using Value;  // default-constructed: nothing known; with operator!=
///   // The value at the start of Block; ValueAt gives a successor's.
///   template <typename Fn>
///   Value transfer(const CFGBlock &Block, Fn ValueAt) const;
///
/// Values must only move one way, so this terminates; MaxBlockVisits
/// guards against one that does not settle. Blocks not reachable from the
/// entry keep the default value.
template <typename Problem>
std::vector<typename Problem::Value>
solveBackward(const clang::CFG &Graph, const BlockOrder &Order,
              const Problem &P, FlowStats &Stats) {
  using Value = typename Problem::Value;
  std::vector<Value> Values(Graph.getNumBlockIDs());
  std::vector<unsigned> Visits(Graph.getNumBlockIDs(), 0);
  std::vector<bool> Reached(Graph.getNumBlockIDs(), false);
  // BackwardDataflowWorklist's order, which it takes from an
  // AnalysisDeclContext: the CFG here is built by the caller.
  clang::DataflowWorklistBase<BlockOrder::Backward, 20> Worklist(
      Graph, BlockOrder::Backward{&Order});
  for (const clang::CFGBlock *Block : Order) {
    Reached[Block->getBlockID()] = true;
    Worklist.enqueueBlock(Block);
  }
  auto ValueAt = [&](const clang::CFGBlock &Block) -> const Value & {
    return Values[Block.getBlockID()];
  };
  while (const clang::CFGBlock *Block = Worklist.dequeue()) {
    unsigned ID = Block->getBlockID();
    if (Visits[ID] == MaxBlockVisits) {
      ++Stats.BlocksUnsettled;
      countBoundReached(Bound::BlockVisits);
      continue;
    }
    ++Visits[ID];
    ++Stats.BlockVisits;
    Value New = P.transfer(*Block, ValueAt);
    if (!(New != Values[ID]))
      continue;
    Values[ID] = std::move(New);
    for (const clang::CFGBlock *Pred : Block->preds())
      if (Pred && Reached[Pred->getBlockID()])
        Worklist.enqueueBlock(Pred);
  }
  return Values;
}

} // namespace acm

#endif // ACM_ANALYSIS_SUPPORT_FLOWDRIVER_H
