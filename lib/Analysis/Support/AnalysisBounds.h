//===- AnalysisBounds.h - Every limit the analyses put on their work ------===//
//
// The analyses stay linear in the size of a function by bounding a few
// things. Reaching a bound makes an analysis less precise (it merges what it
// kept apart, or stops refining), and is never silent: each bound has a
// name here, and every time one is reached it is counted in the
// BoundCounters of the analysis running on this thread, which the debug
// dump of a coroutine prints (--acm-debug-flow).
//
// Support room: protocol-agnostic; no clang dependency.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_SUPPORT_ANALYSISBOUNDS_H
#define ACM_ANALYSIS_SUPPORT_ANALYSISBOUNDS_H

#include <array>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace acm {

/// Visits of one CFG block by a flow before its state is taken as final; a
/// join that never settles would otherwise not end.
constexpr unsigned MaxBlockVisits = 64;
/// Variants of one state (FactSet.h) kept apart; more are merged into one.
constexpr unsigned MaxVariants = 8;
/// Exits one object's state remembers (ExitLattice.h), each reported on its
/// own; beyond them, the later ones in source order are forgotten.
constexpr unsigned MaxExitSites = 4;
/// Condition variables followed per coroutine, in declaration order
/// (BranchFacts.h); a FactSet holds them in 32 bits.
constexpr unsigned MaxConditionVariables = 32;
/// How deeply an awaited expression is searched for the ops whose results
/// flow into it: when_all(when_all(a.aexit(), ...), ...).
constexpr unsigned MaxAwaitedNesting = 8;
/// How many levels of base classes are searched (a promise's bases for a
/// deleted await_transform); the model has its own bound for its searches
/// (ProtocolModel::MaxBaseClassDepth), counted by the model.
constexpr unsigned MaxBaseClassDepth = 16;

/// How deeply statements and expressions nest in a body the analyses read.
/// The walks recurse, as clang's CFG builder does: a deeper body (a chain
/// of thousands of && or << written out by a generator) is not analysed
/// rather than risk the stack.
constexpr unsigned MaxStmtNesting = 10000;

enum class Bound : unsigned {
  BlockVisits,
  Variants,
  ConditionVariables,
  AwaitedNesting,
  BaseClassDepth,
  ExitSites,
  StmtNesting,
};
constexpr unsigned NumBounds = 7;

/// How often each bound was reached while analysing one coroutine.
class BoundCounters {
public:
  void hit(Bound B) { ++Hits[unsigned(B)]; }
  unsigned hits(Bound B) const { return Hits[unsigned(B)]; }
  bool any() const;
  /// One line: "bounds reached: none" or each bound's name, limit and count.
  void print(llvm::raw_ostream &OS) const;

  /// The counters of the analysis running on this thread, or null.
  static BoundCounters *active();

  /// Makes \p Counters the active ones for its lifetime.
  class Scope {
  public:
    explicit Scope(BoundCounters &Counters);
    ~Scope();
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

  private:
    BoundCounters *Saved;
  };

private:
  std::array<unsigned, NumBounds> Hits{};
};

/// Counts that \p B was reached, if an analysis is running on this thread.
inline void countBoundReached(Bound B) {
  if (BoundCounters *Counters = BoundCounters::active())
    Counters->hit(B);
}

} // namespace acm

#endif // ACM_ANALYSIS_SUPPORT_ANALYSISBOUNDS_H
