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

#include "Model/ProtocolModel.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <vector>

namespace clang {
class CoawaitExpr;
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

struct EffectTable {
  /// The effects of each statement, in the order they happen.
  llvm::DenseMap<const clang::Stmt *, llvm::SmallVector<Effect, 1>> ByStmt;
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
  /// Calls the coroutine machinery makes (the promise's return_void, the
  /// implicit suspends): not the body's own calls.
  llvm::DenseSet<const clang::Stmt *> MachineryCalls;

  /// Where a test framework's assertion fails fatally (FatalFailureMacros):
  /// its return, co_return or throw, and the calls it makes, whose
  /// exceptions end the test. A path through one owes no exit.
  llvm::DenseSet<const clang::Stmt *> FailurePoints;

  std::vector<ImmediateFinding> Immediate;

  llvm::ArrayRef<Effect> of(const clang::Stmt *S) const {
    auto It = ByStmt.find(S);
    if (It == ByStmt.end())
      return {};
    return It->second;
  }
};

/// The calls each co_await of an op makes, for the paths on which one
/// throws: built from an EffectTable by indexAwaiterCalls.
struct AwaiterCalls {
  /// The calls made by awaiting an exit (the op and the awaiter's
  /// functions), and the objects exited: if one throws, the exit was
  /// attempted, not skipped.
  llvm::DenseMap<const clang::Stmt *, llvm::SmallVector<unsigned, 1>> ExitCalls;
  /// The co_await each call of an awaiter's functions (await_ready,
  /// await_suspend, await_resume) belongs to.
  llvm::DenseMap<const clang::Stmt *, const clang::CoawaitExpr *> AwaitOf;

  llvm::ArrayRef<unsigned> exitedBy(const clang::Stmt *Call) const {
    auto It = ExitCalls.find(Call);
    if (It == ExitCalls.end())
      return {};
    return It->second;
  }
};

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_EFFECTS_H
