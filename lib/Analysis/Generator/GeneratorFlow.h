//===- GeneratorFlow.h - Yields counted along the CFG ---------------------===//
//
// Two flows over a generator-based manager's CFG:
//  - forward, how many co_yields each path has passed (none, one, more),
//    joined by union and kept apart by condition-variable facts, so that
//    "if (!yielded) co_yield fallback;" is understood;
//  - backward, the earliest co_await reachable from each block: the
//    asynchronous cleanup a co_yield's exception would skip.
// Exceptions the CFG may model (CheckExceptionPaths) are not paths of a
// generator's protocol: its caller's exception arrives at the co_yield,
// which the catch handlers model; exception edges are not followed.
// The flows say what happened; the reporter words it.
//
// Generator room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_GENERATOR_GENERATORFLOW_H
#define ACM_ANALYSIS_GENERATOR_GENERATORFLOW_H

#include "Analysis/Generator/GeneratorLattice.h"
#include "Analysis/Support/FlowDriver.h"
#include "llvm/ADT/DenseSet.h"

namespace clang {
class CFG;
class CFGBlock;
class CoyieldExpr;
class Stmt;
} // namespace clang

namespace acm {

class BranchFacts;
struct YieldSites;

/// Hears what the generator flows find.
class GeneratorDiagnoser {
public:
  virtual ~GeneratorDiagnoser();
  /// \p Yield can run after an earlier co_yield; \p FirstYield is the
  /// earliest one passed before it.
  virtual void yieldsAgain(const clang::Stmt *Yield,
                           clang::SourceLocation FirstYield) = 0;
  /// A path finishes without a co_yield; \p FirstEnd is the first place in
  /// source order where one does.
  virtual void finishesWithoutYield(clang::SourceLocation FirstEnd) = 0;
  /// The co_await at \p Cleanup can run after \p Yield, which is outside a
  /// try with catch (...).
  virtual void unprotectedYield(const clang::CoyieldExpr *Yield,
                                clang::SourceLocation Cleanup) = 0;
};

class GeneratorFlow {
public:
  using State = GeneratorState;
  using Outcome = GeneratorState;

  GeneratorFlow(const YieldSites &Yields, const BranchFacts &Facts,
                const clang::SourceManager &SM, const clang::Stmt *WrittenBody);

  /// The state entering the body: no yield on every path.
  GeneratorState entryState() const;

  Outcome transfer(const clang::CFGBlock &Block, const GeneratorState &In,
                   GeneratorDiagnoser *Diagnoser = nullptr) const;
  GeneratorState &after(Outcome &O) const { return O; }
  bool edge(GeneratorState &S, const Outcome &, const clang::CFGBlock &From,
            unsigned SuccIndex, bool BackEdge) const;
  bool join(GeneratorState &Into, const GeneratorState &From) const {
    return Lattice.join(Into, From);
  }

  /// Tells \p Diagnoser of the first path that finishes without a yield,
  /// not counting those that end at one of \p FailedTestEnds.
  void diagnoseEnds(const clang::CFG &Graph,
                    const BlockStates<GeneratorState> &States,
                    const llvm::DenseSet<const clang::Stmt *> &FailedTestEnds,
                    GeneratorDiagnoser &Diagnoser) const;
  /// Tells \p Diagnoser of each yield outside a try with catch (...) that
  /// a co_await can follow, among the yields and co_awaits in the blocks
  /// \p States (the forward flow's) reaches.
  void diagnoseUnprotected(const clang::CFG &Graph, const BlockOrder &Order,
                           const BlockStates<GeneratorState> &States,
                           FlowStats &Stats,
                           GeneratorDiagnoser &Diagnoser) const;

  const GeneratorLattice &lattice() const { return Lattice; }

private:
  void passYield(const clang::Stmt *Yield, GeneratorState &S,
                 GeneratorDiagnoser *Diagnoser) const;

  const YieldSites &Yields;
  const BranchFacts &Facts;
  const clang::Stmt *WrittenBody;
  GeneratorLattice Lattice;
};

} // namespace acm

#endif // ACM_ANALYSIS_GENERATOR_GENERATORFLOW_H
