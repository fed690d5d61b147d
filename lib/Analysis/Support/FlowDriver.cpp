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

std::vector<unsigned>
reversePostOrderPositions(const clang::CFG &Graph,
                          clang::PostOrderCFGView &Order) {
  std::vector<unsigned> Position(Graph.getNumBlockIDs(), 0);
  unsigned Next = 0;
  for (const clang::CFGBlock *Block : Order)
    Position[Block->getBlockID()] = Next++;
  return Position;
}

} // namespace acm
