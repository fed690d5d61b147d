//===- ExitFlow.h - Effects applied along the CFG -------------------------===//
//
// The forward flow of the exit analysis: each block applies its
// statements' effects (Effects.h) and lifetime ends to the state entering
// it; edges refine the state by what a branch tests, what an exception
// leaves behind, and whether a loop is gone round. Solved by the flow
// driver without a diagnoser (ProbedExitFlow notes meanwhile which blocks
// would report); replayed over the final states with one, which hears of
// every use after an exit and every object that dies unexited. The flow
// says what happened; the reporter words it.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_EXITFLOW_H
#define ACM_ANALYSIS_EXIT_EXITFLOW_H

#include "Analysis/Exit/Effects.h"
#include "Analysis/Exit/ExitLattice.h"
#include "Analysis/Findings.h"
#include "Analysis/Support/FlowDriver.h"
#include "Analysis/Support/FlowGraph.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class CFG;
class CFGBlock;
class CFGElement;
class SourceManager;
class Stmt;
class VarDecl;
} // namespace clang

namespace acm {

class BranchFacts;
class LoopMap;
class MemberGuards;
class ObjectTable;
struct TrackedObject;

/// How a path ends an object's life with its exit not awaited.
enum class DeathCause {
  EndOfScope,
  EndOfCoroutine,
  /// The end of a function that is not a coroutine (an owner exit).
  EndOfFunction,
  CoReturn,
  Return,
  Break,
  Continue,
  Goto,
  /// A new value is assigned to the variable.
  Reassigned,
  Throw,
  Rethrow,
  /// A call throws; DeathPoint::Callee names it when it has a name.
  CallThrows,
  /// The awaiting itself throws.
  AwaitThrows,
};

struct DeathPoint {
  clang::SourceLocation Loc;
  DeathCause Cause;
  std::string Callee;
  /// The statement that ends the path (a return), if any.
  const clang::Stmt *At = nullptr;
};

/// Hears what the flow finds when it is replayed over the final states
/// (and, while the fixpoint is computed, ProbedExitFlow's probe).
class ExitDiagnoser {
public:
  virtual ~ExitDiagnoser();
  /// Effect \p E (a use, an exit, an enter: \p Kind says which finding it
  /// makes) reaches its object on paths whose last exit of it is \p Exit.
  /// Told once per exit the object's state remembers.
  virtual void afterExit(FindingKind Kind, const Effect &E,
                         const OpSite &Exit) = 0;
  /// Object \p Obj, entered at \p Enter, dies at \p Death without its
  /// exit awaited; \p ByException when an exception ends its life. Told
  /// once per enter the object's state remembers.
  virtual void unexited(unsigned Obj, const OpSite &Enter,
                        const DeathPoint &Death, bool ByException) = 0;
};

/// What computing a block gives: the state leaving it, and the state before
/// its last call when that call may throw (what an exception leaves).
struct ExitOutcome {
  ExitState After;
  std::optional<ExitState> BeforeThrow;
};

class ExitFlow {
public:
  using State = ExitState;
  using Outcome = ExitOutcome;

  /// \p Guards, when members are tracked, says what the body tests of
  /// them. \p WrittenBody is the body as written (a coroutine's, inside
  /// its CoroutineBodyStmt).
  /// \p MaybeKept is the filter of the kept statements, which hold every
  /// statement with an effect, a fatal failure or a fact update
  /// (keepGraphStatements); it outlives the flow.
  ExitFlow(const ObjectTable &Objects, const EffectTable &Effects,
           const BranchFacts &Facts, const KeptFilter &MaybeKept,
           const LoopMap &Loops, const clang::SourceManager &SM,
           const clang::Stmt *WrittenBody, bool IsCoroutine,
           bool ExceptionPaths, const MemberGuards *Guards = nullptr);

  /// Without exception paths, still follows the exceptions that leave the
  /// try blocks in \p Tries into their handlers (the graph has exception
  /// edges for them): the only way out of those blocks.
  void followExceptionsOutOf(const TrySet *Tries) { LeftByException = Tries; }
  /// The calls the awaits of ops make: needed when the graph has exception
  /// edges.
  void useAwaiterCalls(const AwaiterCalls *Calls) { Awaiters = Calls; }
  /// True if the graph has exception edges: the flow follows them all with
  /// exception paths, else those into LeftByException's handlers.
  bool hasExceptionEdges() const {
    return ExceptionPaths || (LeftByException && !LeftByException->empty());
  }

  /// The state entering the body: the parameters and members alive.
  ExitState entryState() const;

  Outcome transfer(const clang::CFGBlock &Block, const ExitState &In,
                   ExitDiagnoser *Diagnoser = nullptr) const;
  ExitState &after(Outcome &O) const { return O.After; }
  bool edge(ExitState &S, const Outcome &O, const clang::CFGBlock &From,
            unsigned SuccIndex, bool BackEdge) const;
  bool join(ExitState &Into, const ExitState &From) const {
    return Lattice.join(Into, From);
  }

  /// With exception paths: tells \p Diagnoser of the objects an exception
  /// leaving \p Block destroys unexited.
  void diagnoseExceptions(const clang::CFGBlock &Block, const Outcome &O,
                          ExitDiagnoser &Diagnoser) const;
  /// Tells \p Diagnoser of the parameters and members that reach a return
  /// unexited.
  void diagnoseReturns(const clang::CFG &Graph,
                       const BlockStates<ExitState> &States,
                       ExitDiagnoser &Diagnoser) const;

  const ExitLattice &lattice() const { return Lattice; }

private:
  void applyEffect(const Effect &E, ExitState &S,
                   ExitDiagnoser *Diagnoser) const;
  /// Applies one element of a block (\p Thrower is the block's call that
  /// may throw); true if it acts: an effect, a declaration or death of a
  /// tracked object, a fact's update, a fatal failure or \p Thrower. The
  /// first visit of a block lists the elements that act (ActiveIndices),
  /// as the fixpoint revisits blocks and the reporting pass replays them.
  bool applyElement(const clang::CFGElement &Element,
                    const clang::Stmt *Thrower, ExitOutcome &Out,
                    ExitDiagnoser *Diagnoser) const;
  /// Starts the life of \p V, if tracked; true if it is.
  bool declare(const clang::VarDecl *V, ExitState &S) const;
  ObjectState initialState(const TrackedObject &Object,
                           clang::SourceLocation Loc) const;
  void objectDies(unsigned Obj, ExitState &S, const DeathPoint &Death,
                  ExitDiagnoser *Diagnoser, bool ByException = false) const;
  void reportUnexited(unsigned Obj, const ObjectState &State,
                      const DeathPoint &Death, ExitDiagnoser *Diagnoser,
                      bool ByException) const;
  void forgetResources(unsigned Owner, ExitState &S) const;
  DeathPoint deathPoint(const clang::Stmt *Trigger) const;
  /// True if \p Obj is destroyed when an exception reaches \p Target (the
  /// exit, or a try's dispatch), whatever the handlers do.
  bool diesByException(unsigned Obj, const clang::CFGBlock &Target) const;
  /// True if \p Obj is destroyed on the way to \p Target: the exception
  /// leaves the coroutine, or the try block declared it. Objects declared
  /// before the try reach its handlers; an exception none of them catches
  /// unwinds them on the dispatch's edge to what is next.
  bool unwoundBefore(unsigned Obj, const clang::CFGBlock &Target) const;
  /// True if the call that ends \p Block is one of the body's own and may
  /// throw.
  bool throwsHere(const clang::CFGBlock &Block) const;
  /// The calls of one exit's await that throw attempted it.
  llvm::ArrayRef<unsigned> exitedBy(const clang::Stmt *Call) const {
    return Awaiters ? Awaiters->exitedBy(Call) : llvm::ArrayRef<unsigned>();
  }

  const ObjectTable &Objects;
  const EffectTable &Effects;
  const BranchFacts &Facts;
  /// The kept statements, as a filter: a statement it has not seen has no
  /// effect, fatal failure or fact update.
  const KeptFilter &MaybeKept;
  const LoopMap &Loops;
  const clang::SourceManager &SM;
  const clang::Stmt *WrittenBody;
  bool IsCoroutine;
  /// Follow the paths on which calls throw (the CFG has their edges).
  bool ExceptionPaths;
  const TrySet *LeftByException = nullptr;
  const AwaiterCalls *Awaiters = nullptr;
  const MemberGuards *Guards;
  ExitLattice Lattice;
  /// Where each block's active elements are in ActiveIndices (first, count):
  /// one flat list for all blocks, as most blocks have none or one.
  static constexpr unsigned NotListed = ~0u;
  mutable std::vector<std::pair<unsigned, unsigned>> ActiveRanges;
  mutable std::vector<unsigned> ActiveIndices;
};

/// An ExitFlow as the flow driver's problem, computing each block with a
/// probe in the diagnoser's place: it notes whether the block's last
/// computation met anything to report. Once the fixpoint has settled,
/// that computation ran on the block's final state, and the transfer
/// depends on nothing else; a block found silent tells a diagnoser
/// nothing when replayed, so the reporting pass skips it.
class ProbedExitFlow {
public:
  using State = ExitState;
  using Outcome = ExitOutcome;

  ProbedExitFlow(const ExitFlow &Flow, const clang::CFG &Graph);

  Outcome transfer(const clang::CFGBlock &Block, const ExitState &In) const;
  ExitState &after(Outcome &O) const { return O.After; }
  bool edge(ExitState &S, const Outcome &O, const clang::CFGBlock &From,
            unsigned SuccIndex, bool BackEdge) const {
    return Flow.edge(S, O, From, SuccIndex, BackEdge);
  }
  bool join(ExitState &Into, const ExitState &From) const {
    return Flow.join(Into, From);
  }

  /// False if the last computation of \p Block met nothing to report.
  /// True for a block never computed.
  bool mayReport(const clang::CFGBlock &Block) const {
    return !Silent[Block.getBlockID()];
  }

private:
  const ExitFlow &Flow;
  /// Per block, by ID: its last computation met nothing to report.
  mutable std::vector<bool> Silent;
};

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_EXITFLOW_H
