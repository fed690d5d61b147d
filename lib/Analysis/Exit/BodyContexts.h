//===- BodyContexts.h - What each reference and call is in its place ------===//
//
// The walk over a coroutine body, before any effect is derived: it finds
// the objects (ObjectFinder.h) as it goes, records the nodes it visits for
// the effect collector (EffectCollector.h), and classifies: for
// every call of a protocol op, whether its result is awaited, discarded,
// stored or initialises a local; for every reference to a tracked object,
// its *role* in the expression that consumes it (a use, a hand-off, a new
// value, the object of one of its own ops, a copy taken).
//
// Like UninitializedValues' ClassifyRefs, the pass first collects every
// claim and decides afterwards, so the result does not depend on the order
// nodes are visited in. The rule: a reference's role is decided by the
// innermost expression that consumes it, except that a std::move around it
// defers to an op called on its result ("std::move(r).cleanup()" is r's
// op), and a call of an ordinary method defers to any consumer around it.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_BODYCONTEXTS_H
#define ACM_ANALYSIS_EXIT_BODYCONTEXTS_H

#include "Analysis/Exit/AwaitedItems.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/PointerIntPair.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <utility>
#include <vector>

namespace clang {
class CoawaitExpr;
class CXXMemberCallExpr;
class Expr;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace acm {

class BranchScan;
class MemberContext;
class OwnershipRules;
class ProtocolModel;
struct FoundObjects;

/// What the expression that consumes a reference to a tracked object does
/// with it.
enum class RefRole : uint8_t {
  /// Reads or borrows it (the default).
  Use,
  /// Takes it over: the body no longer owes its exit.
  Release,
  /// Gives the variable a new value.
  Reassign,
  /// The object of one of its own ops, which decides what happens.
  OpObject,
  /// Copies it into something else: a use, then a hand-off.
  CopyOut,
};

/// Where the result of a member call goes.
struct CallContext {
  bool Awaited = false;
  bool Discarded = false;
  /// Discarded in an arm of a conditional operator: "co_await " before the
  /// arm changes its type, so inserting it is not a certain fix.
  bool FixUncertain = false;
  /// Stored in an awaitable local.
  bool Stored = false;
  /// Initialises a local variable.
  bool LocalInit = false;
  /// A pop_all whose result initialises a tracked local, which takes the
  /// stack's exits over.
  bool PopAllIntoLocal = false;
  /// The operand of an explicit co_await, as stripWrappers leaves it.
  bool AwaitOperand = false;
};

/// A statement of the body the effect collector reads (collectorReads in
/// EffectCollector.h) as the classifying walk visited it, and where it
/// stood. The collector reads the body from these, in the walk's order,
/// instead of walking it a second time.
struct VisitedNode {
  /// Not const: the graph builder hides the awaits' calls in place
  /// (Support/FlowGraph.cpp), from the suspends the collector keeps.
  clang::Stmt *Node;
  /// In a catch handler.
  bool InHandler;
  /// In the declaration of a static or thread_local variable.
  bool InStaticInit;
  /// In the body of a lambda that captures "this" (read with Members).
  bool InLambdaBody;
  /// For an explicit co_await: its entry in BodyContexts::AwaitedSpans,
  /// counted from 1; 0 for any other node. The collector reads
  /// what an await awaits where it reads the await, without a map.
  uint32_t AwaitedSpan = 0;
  /// For a member call: what its method is to the protocol.
  OpKind Op = OpKind::None;
  /// The tracked object a member call is called on, or a name names (-1 if
  /// none). The walk asks, the collector reads.
  int32_t Object = -1;
};

/// A node the branch scan reads: a statement or a variable declaration.
struct ScanNode {
  enum Kind : unsigned { Statement, Variable };
  /// The node, its kind, and whether it stood in a catch handler.
  llvm::PointerIntPair<void *, 2, unsigned> NodeKindAndHandler;
};

struct BodyContexts {
  /// The statements the effect collector reads, in the walk's order
  /// (BodyVisitor's policy).
  std::vector<VisitedNode> Visited;
  llvm::DenseMap<const clang::CXXMemberCallExpr *, CallContext> Calls;
  /// The operands of explicit co_awaits, as stripWrappers leaves them,
  /// other than member calls (CallContext::AwaitOperand).
  llvm::DenseSet<const clang::Expr *> AwaitedOperands;
  /// What the walk learnt of each reference to a tracked object that some
  /// expression claimed: where its claims lie in the walk's list, and the
  /// role they decide. The map the walk grouped the claims in holds the
  /// roles too, rather than a second map of them.
  struct ClaimedRef {
    uint32_t FirstClaim;
    uint32_t LastClaim;
    RefRole Role = RefRole::Use;
  };
  llvm::DenseMap<const clang::Expr *, ClaimedRef> Roles;
  /// For a reference given a new value by an assignment: the assignment,
  /// where the new value arrives.
  llvm::DenseMap<const clang::Expr *, const clang::Expr *> Assignments;
  /// Tracked locals initialised by pop_all: the stack they take over.
  llvm::DenseMap<const clang::VarDecl *, unsigned> PopAllFrom;
  /// What the explicit co_awaits await, one span of AwaitedItems each
  /// (VisitedNode::AwaitedSpan).
  std::vector<std::pair<uint32_t, uint32_t>> AwaitedSpans;
  llvm::SmallVector<AwaitedItem, 0> AwaitedItems;
  /// Some branch condition of the body, outside its lambdas' bodies, may
  /// have a known value (Support/ConstantConditions.h).
  bool MayHaveKnownCondition = false;
  /// Given a branch scan: every statement it reads (BranchScan::reads) and
  /// every variable declaration of the body outside its lambdas' bodies,
  /// in the walk's order, and whether each stood in a catch handler. The
  /// scan's second step reads them, if its first found a variable tested
  /// (BranchScan).
  std::vector<ScanNode> ScanNodes;

  /// Feeds \p Scan the nodes of ScanNodes.
  void feedScan(BranchScan &Scan) const;

  /// What the co_await visited as \p Node awaits.
  llvm::ArrayRef<AwaitedItem> awaitedBy(const VisitedNode &Node) const {
    if (!Node.AwaitedSpan)
      return {};
    auto [Begin, End] = AwaitedSpans[Node.AwaitedSpan - 1];
    return llvm::ArrayRef(AwaitedItems).slice(Begin, End - Begin);
  }

  CallContext callContext(const clang::CXXMemberCallExpr *Call) const {
    return Calls.lookup(Call);
  }
  /// True if \p E, as stripWrappers leaves it, is an explicit co_await's
  /// operand.
  bool isAwaitOperand(const clang::Expr *E) const;
  RefRole roleOf(const clang::Expr *Ref) const {
    auto It = Roles.find(Ref);
    return It == Roles.end() ? RefRole::Use : It->second.Role;
  }
};

/// Finds the objects of \p Body, the written body of \p Function, into
/// \p Found (ObjectFinder.h), and classifies its references and calls, in
/// one walk, and records the statements the effect collector reads
/// (BodyContexts::Visited); with \p Members, the class's members are
/// tracked too, and the bodies of the lambdas that capture "this" are read.
/// The same walk looks for branch conditions with a known value, and feeds
/// \p Branches the first step of its scan (BranchScan::noteTests). At a
/// compile error, or nested deeper than MaxStmtNesting, the walk stops
/// (Found.stopped()) and what it returns is to be dropped.
BodyContexts classifyBody(const clang::FunctionDecl &Function,
                          const clang::Stmt *Body, const ProtocolModel &Model,
                          OwnershipRules &Rules, const MemberContext *Members,
                          FoundObjects &Found, BranchScan *Branches = nullptr);

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_BODYCONTEXTS_H
