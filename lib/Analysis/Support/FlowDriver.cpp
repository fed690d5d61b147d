//===- FlowDriver.cpp -----------------------------------------------------===//

#include "Analysis/Support/FlowDriver.h"

#include "llvm/Support/raw_ostream.h"

namespace acm {

void FlowStats::print(llvm::raw_ostream &OS) const {
  OS << "block visits: " << BlockVisits;
  if (BlocksUnsettled)
    OS << ", blocks left unsettled: " << BlocksUnsettled;
  OS << "\n";
}

BlockOrder::BlockOrder(const clang::CFG &Graph)
    : Number(Graph.getNumBlockIDs(), 0) {
  PostOrder.reserve(Graph.getNumBlockIDs());
  // A block is marked when first met and numbered when all its successors
  // are: llvm::po_iterator's walk, which PostOrderCFGView takes, with the
  // successors in reverse order (a loop's body before what follows it).
  std::vector<bool> Seen(Graph.getNumBlockIDs(), false);
  struct Frame {
    const clang::CFGBlock *Block;
    clang::CFGBlock::const_succ_reverse_iterator Next;
  };
  std::vector<Frame> Stack;
  const clang::CFGBlock *Entry = &Graph.getEntry();
  Seen[Entry->getBlockID()] = true;
  Stack.push_back({Entry, Entry->succ_rbegin()});
  while (!Stack.empty()) {
    Frame &Top = Stack.back();
    if (Top.Next == Top.Block->succ_rend()) {
      PostOrder.push_back(Top.Block);
      Number[Top.Block->getBlockID()] = PostOrder.size();
      Stack.pop_back();
      continue;
    }
    const clang::CFGBlock *Succ = *Top.Next++;
    if (!Succ || Seen[Succ->getBlockID()])
      continue;
    Seen[Succ->getBlockID()] = true;
    Stack.push_back({Succ, Succ->succ_rbegin()});
  }
}

} // namespace acm
