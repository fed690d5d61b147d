//===- FlowGraph.h - The CFG the analyses run on ---------------------------===//
//
// Clang's CFG of a function, built once with the ends of variables'
// lifetimes, the statements the analyses read, and the branches no run can
// take marked unreachable. Each block holds the statements clang always
// adds (full expressions, declarations, calls) and the kept subexpressions
// that carry the analyses' facts, in evaluation order: not every
// subexpression, most of which (an await's machinery) no analysis reads,
// and which would be most of the graph's size. Without exception edges the
// builder does not even visit the awaiter calls of an await: they are
// hidden from it while it runs (the AST is the same after).
//
// Clang's builder folds constant expressions (`if (false)`); test
// frameworks hide theirs behind calls it does not look into: Boost.Test
// ends every tool with `while (dummy_cond())`, an inline function that
// returns false, and gtest's EXPECT_THROW tests `if (TrueWithString m{})`,
// whose conversion to bool returns true. Followed as if either side could
// run, the loop awaits an exit again and the else leaves the object behind.
//
// Support room: protocol-agnostic; clang's AST and CFG only.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_SUPPORT_FLOWGRAPH_H
#define ACM_ANALYSIS_SUPPORT_FLOWGRAPH_H

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace clang {
class ASTContext;
class CFGBlock;
class CoroutineSuspendExpr;
class CXXTryStmt;
class Decl;
class Expr;
class Stmt;
} // namespace clang

namespace acm {

/// The try statements that only an exception can leave: the entry reaches
/// their try block, but no path leaves it normally (a server's accept loop,
/// `try { while (true) ... } catch (...) {}`, ended by cancellation).
using TrySet = llvm::SmallPtrSet<const clang::CXXTryStmt *, 2>;

/// The subexpressions a graph must hold as elements: those the analyses
/// read (effects, fact updates, yields, awaits). Clang's builder records
/// in each entry the block that holds it.
using KeptStmts = llvm::DenseMap<const clang::Stmt *, const clang::CFGBlock *>;

/// A filter of the kept statements: a pass that asks of every node of a
/// body or of a graph whether it is kept tests a bit first, which is
/// cheaper than the map; most nodes are not kept. It answers "maybe" for
/// every kept statement and for few others.
class KeptFilter {
public:
  explicit KeptFilter(const KeptStmts &Kept) : Words(Bits / 64, 0) {
    for (const auto &Entry : Kept) {
      unsigned Bit = bitOf(Entry.first);
      Words[Bit / 64] |= uint64_t(1) << (Bit % 64);
    }
  }
  bool mayHold(const clang::Stmt *S) const {
    unsigned Bit = bitOf(S);
    return Words[Bit / 64] >> (Bit % 64) & 1;
  }

private:
  static constexpr unsigned Bits = 8192;
  static unsigned bitOf(const clang::Stmt *S) {
    auto Address = reinterpret_cast<uintptr_t>(S);
    return static_cast<unsigned>((Address >> 4) ^ (Address >> 17)) % Bits;
  }
  std::vector<uint64_t> Words;
};

/// What a pass over a body learned that spares the graph's builder work.
struct GraphHints {
  /// Every co_await and co_yield of the body.
  std::vector<clang::CoroutineSuspendExpr *> Suspends;
  /// No branch condition of the body can have a known value
  /// (ConstantConditions.h): the builder need not try to evaluate them.
  bool NoKnownConditions = false;
};

/// The CFG of \p D's body \p Body, with exception edges if \p ExceptionEdges,
/// and the side of each branch whose condition has a known value that is
/// never taken marked unreachable. Null if clang cannot build one.
///
/// Without \p ExceptionEdges, only an exception leaves some try blocks, and
/// the code after them, which runs, would count as unreachable: if
/// \p LeftByException is given, they are put there and the graph gets
/// exception edges after all, for the flow to follow into those tries'
/// handlers only.
///
/// With \p Kept, the blocks hold those subexpressions and what clang always
/// adds; without, every subexpression.
///
/// Without exception edges, the awaiter calls of each co_await and co_yield
/// are left out (they are there to throw): \p Hints lists the body's
/// awaits if the caller has found them, else they are looked for. If the
/// hints say no condition can have a known value, the builder does not try
/// to evaluate them. \p Filter is Kept's, if the caller has made one (the
/// flows that read the graph use it too).
std::unique_ptr<clang::CFG>
buildFlowGraph(const clang::Decl *D, clang::Stmt *Body, clang::ASTContext &Ctx,
               bool ExceptionEdges, TrySet *LeftByException = nullptr,
               KeptStmts *Kept = nullptr, const GraphHints *Hints = nullptr,
               const KeptFilter *Filter = nullptr);

/// The graph buildFlowGraph gets from clang's builder without exception
/// edges, with \p Kept, when no condition of the body can have a known
/// value, before it marks any branch: every await's awaiter calls hidden,
/// no condition evaluated. What buildSupportedGraph (GraphBuilder.h) builds
/// for the bodies it supports, and is held to.
std::unique_ptr<clang::CFG> buildClangGraph(const clang::Decl *D,
                                            clang::Stmt *Body,
                                            clang::ASTContext &Ctx,
                                            KeptStmts &Kept);

/// The value of branch condition \p Condition when it is a call whose value
/// is known: a function (or conversion to bool) whose visible definition
/// only returns a constant, or one of the test frameworks' out-of-line
/// constants (gtest's AlwaysTrue()); `!` of one. Nothing for anything else,
/// and for constants clang's builder folds itself.
std::optional<bool> knownConditionValue(const clang::Expr *Condition,
                                        clang::ASTContext &Ctx);

} // namespace acm

#endif // ACM_ANALYSIS_SUPPORT_FLOWGRAPH_H
