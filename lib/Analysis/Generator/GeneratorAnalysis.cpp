//===- GeneratorAnalysis.cpp ----------------------------------------------===//

#include "Analysis/Generator/GeneratorAnalysis.h"
#include "Analysis/Generator/GeneratorFlow.h"
#include "Analysis/Generator/GeneratorReporter.h"
#include "Analysis/Generator/YieldSites.h"
#include "Model/ProtocolModel.h"

#include "clang/Analysis/CFG.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace acm {

bool mayBeGeneratorManager(const FunctionDecl &Coroutine,
                           const ProtocolModel &Model) {
  return Model.isGeneratorManager(&Coroutine);
}

void runGeneratorAnalysis(const FunctionDecl &Coroutine,
                          const YieldSites &Yields, const CFG &Graph,
                          const BlockOrder &Order, const Stmt *WrittenBody,
                          const BranchFacts &Facts,
                          const llvm::DenseSet<const Stmt *> &FailedTestEnds,
                          const SourceManager &SM, FindingSink &Sink,
                          llvm::raw_ostream *Debug) {
  GeneratorFlow Flow(Yields, Facts, SM, WrittenBody);
  FlowStats Stats;
  BlockStates<GeneratorState> States =
      solveForward(Graph, Order, Flow, Flow.entryState(), Stats);

  // Diagnose from the final states only, so nothing is reported twice.
  GeneratorReporter Reporter(Coroutine, SM);
  for (const CFGBlock *Block : Order)
    if (States.reached(Block->getBlockID()))
      Flow.transfer(*Block, *States.In[Block->getBlockID()], &Reporter);
  Flow.diagnoseEnds(Graph, States, FailedTestEnds, Reporter);
  FlowStats BackwardStats;
  Flow.diagnoseUnprotected(Graph, Order, States, BackwardStats, Reporter);

  if (Debug) {
    *Debug << "  generator flow: ";
    Stats.print(*Debug);
    for (const CFGBlock *Block : Order)
      if (States.reached(Block->getBlockID())) {
        *Debug << "   B" << Block->getBlockID() << " in:\n";
        Flow.lattice().dump(*States.In[Block->getBlockID()], *Debug);
      }
    *Debug << "  cleanup reach (backward): ";
    BackwardStats.print(*Debug);
  }
  Reporter.finish(Sink);
}

} // namespace acm
