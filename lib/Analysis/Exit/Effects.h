//===- Effects.h - What statements do to tracked objects, as data ---------===//
//
// The AST passes (ObjectFinder, BodyContexts, EffectCollector) interpret the
// body once; what they conclude is recorded here as plain data, keyed by
// the statements the CFG lists, for the flow to apply block by block.
// Findings that need no flow (a discarded op, an entered temporary) are
// recorded too, for the reporter to word.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_EFFECTS_H
#define ACM_ANALYSIS_EXIT_EFFECTS_H

#include "Analysis/Support/FlowGraph.h"
#include "Model/ProtocolModel.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/iterator.h"
#include <cstdint>
#include <vector>

namespace clang {
class CoawaitExpr;
class CoroutineSuspendExpr;
class CXXMemberCallExpr;
class Stmt;
class VarDecl;
} // namespace clang

namespace acm {

enum class EffectKind {
  Enter,        // enter awaited
  Exit,         // exit awaited
  ExitDeferred, // exit called, its awaitable discarded or stored elsewhere
  Release,      // ownership left the body
  Reassign,     // a new value assigned to the variable
  StackPushed,  // an exit was pushed onto an exit stack
  StackReset,   // pop_all moved a stack's exits elsewhere
  AwaitLocal,   // an awaitable local was awaited
  Use,          // any other reference
  OpObject,     // the object of one of its own ops: judged by the op
  CopyOut,      // copied into something else: a use, then handed off
  ResourceUse,  // a use of a resource (what an enter returned)
  EnterNow,     // a profile's enter: the call enters, awaited or not
  EnterLeave,   // an enter whose entry ends before the object dies
  Leave,        // a profile's leave: undoes an enter
  // EnterNow and EnterLeave of a call that enters only while the object
  // was not exited, and fails by design after (seastar::try_with_gate).
  TryEnterNow,
  TryEnterLeave,
};

struct Effect {
  EffectKind Kind;
  unsigned Object;
  clang::SourceLocation Loc;
};

/// A finding that needs no flow, in the order the body has them.
struct ImmediateFinding {
  enum KindType {
    /// An op called with its awaitable discarded.
    DiscardedOp,
    /// An enter op awaited on a temporary, whose exit can never be awaited.
    EnteredTemporary,
  } Kind;
  const clang::CXXMemberCallExpr *Call;
  OpKind Op = OpKind::None;
  /// For a discarded op: the language allows a co_await before it: not in
  /// a handler, not in the initializer of a static, not in a coroutine whose
  /// promise forbids it, not in an arm of a conditional operator.
  bool AwaitAllowed = false;
};

/// The effects of one statement, in the order they happen.
class EffectRange {
public:
  struct Link {
    Effect What;
    /// The next effect of the same statement, or None.
    uint32_t Next;
  };
  static constexpr uint32_t None = ~0u;

  class iterator
      : public llvm::iterator_facade_base<iterator, std::forward_iterator_tag,
                                          const Effect> {
  public:
    iterator() = default;
    iterator(const std::vector<Link> *Links, uint32_t At)
        : Links(Links), At(At) {}
    bool operator==(const iterator &Other) const { return At == Other.At; }
    const Effect &operator*() const { return (*Links)[At].What; }
    iterator &operator++() {
      At = (*Links)[At].Next;
      return *this;
    }

  private:
    const std::vector<Link> *Links = nullptr;
    uint32_t At = None;
  };

  EffectRange() = default;
  EffectRange(const std::vector<Link> &Links, uint32_t First)
      : Links(&Links), First(First) {}
  iterator begin() const { return iterator(Links, First); }
  iterator end() const { return iterator(Links, None); }
  bool empty() const { return First == None; }

private:
  const std::vector<Link> *Links = nullptr;
  uint32_t First = None;
};

class EffectTable {
public:
  /// Records that \p S does \p What, after what it was recorded doing.
  void add(const clang::Stmt *S, Effect What) {
    uint32_t At = Links.size();
    Links.push_back({What, EffectRange::None});
    auto [It, New] = Lists.try_emplace(S, At, At);
    if (!New) {
      Links[It->second.second].Next = At;
      It->second.second = At;
    }
  }
  /// The effects of \p S, in the order they happen.
  EffectRange of(const clang::Stmt *S) const {
    auto It = Lists.find(S);
    if (It == Lists.end())
      return {};
    return EffectRange(Links, It->second.first);
  }
  /// Makes room for the effects of about \p Sites statements at once,
  /// rather than growing the map step by step.
  void reserve(unsigned Sites) {
    Lists.reserve(Sites);
    Links.reserve(Sites);
  }
  /// Frees what the vectors hold beyond their size: the table is kept
  /// while the flow runs. AwaitsOfOps is sized from the co_awaits, which
  /// it nearly fills.
  void shrinkToFit() {
    Links.shrink_to_fit();
    Graph.Suspends.shrink_to_fit();
  }
  /// Every statement with effects, once, in no particular order.
  auto sites() const { return llvm::make_first_range(Lists); }
  /// How many statements have effects.
  unsigned numSites() const { return Lists.size(); }

  /// Tracked locals initialised by pop_all: the stack they take over.
  llvm::DenseMap<const clang::VarDecl *, unsigned> PopAllFrom;
  /// Each co_await of a tracked object's op, with the objects it exits.
  /// The calls it makes are indexed (AwaiterCalls) only for a flow that
  /// follows exceptions: most flows never ask.
  struct AwaitOfOp {
    const clang::CoawaitExpr *Await;
    llvm::SmallVector<unsigned, 1> Exited;
  };
  std::vector<AwaitOfOp> AwaitsOfOps;
  /// Where the coroutine machinery makes calls (the promise's return_void
  /// of each co_return, the implicit suspends): not the body's own calls.
  /// Their calls are indexed (AwaiterCalls) only for a flow that follows
  /// exceptions.
  std::vector<const clang::Stmt *> Machinery;
  /// What reading the body learned that spares the graph's builder work:
  /// every co_await and co_yield of the body, and whether a condition may
  /// have a known value (see buildFlowGraph).
  GraphHints Graph;

  /// Where a test framework's assertion fails fatally (FatalFailureMacros):
  /// its return, co_return or throw, and the calls it makes, whose
  /// exceptions end the test. A path through one owes no exit.
  llvm::DenseSet<const clang::Stmt *> FailurePoints;

  std::vector<ImmediateFinding> Immediate;

private:
  /// Each statement's first and last effect in Links. The effects of all
  /// statements are in one vector, each linked to the next effect of its
  /// statement: most statements have one, and a vector each would cost
  /// more than the effect.
  llvm::DenseMap<const clang::Stmt *, std::pair<uint32_t, uint32_t>> Lists;
  std::vector<EffectRange::Link> Links;
};

/// The calls each co_await of an op makes, and those of the coroutine
/// machinery, for the paths on which one throws: built from an EffectTable
/// by indexAwaiterCalls.
struct AwaiterCalls {
  /// The calls made by awaiting an exit (the op and the awaiter's
  /// functions), and the objects exited: if one throws, the exit was
  /// attempted, not skipped.
  llvm::DenseMap<const clang::Stmt *, llvm::SmallVector<unsigned, 1>> ExitCalls;
  /// The co_await each call of an awaiter's functions (await_ready,
  /// await_suspend, await_resume) belongs to.
  llvm::DenseMap<const clang::Stmt *, const clang::CoawaitExpr *> AwaitOf;
  /// The calls the coroutine machinery makes (EffectTable::Machinery).
  llvm::DenseSet<const clang::Stmt *> MachineryCalls;

  llvm::ArrayRef<unsigned> exitedBy(const clang::Stmt *Call) const {
    auto It = ExitCalls.find(Call);
    if (It == ExitCalls.end())
      return {};
    return It->second;
  }
};

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_EFFECTS_H
