//===- GraphBuilder.h - The common bodies' CFG, built directly ------------===//
//
// Clang's CFG builder costs about 400 instructions per node it visits: it
// asks of every statement whether it is kept, creates construction
// contexts, evaluates conditions, and walks subtrees no analysis reads.
// Most bodies the analyses see are simple: blocks, declarations, calls,
// awaits, if, loops, break, continue and returns. For those this builder
// makes the graph clang's builder makes, block for block (the same
// numbers, elements, terminators, successors, ends of lifetimes, and kept
// statements recorded in the same blocks), with the options buildFlowGraph
// gives clang's builder when no exception edges are wanted and no branch
// condition can have a known value, and with every await's awaiter calls
// hidden as HiddenAwaiterCalls hides them. Anything else in a body (a try,
// a switch, a goto, `&&`, `?:`, a call or constructor that does not return,
// an assumption, a declaration of several variables...) makes it give up,
// and clang's builder is used: a graph that differs from clang's would
// change findings. The shapes are clang 22.1's (GraphBuilderTest compares
// them with the installed clang's); built against another clang, it gives
// up on every body.
//
// Support room: protocol-agnostic; clang's AST and CFG only.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_SUPPORT_GRAPHBUILDER_H
#define ACM_ANALYSIS_SUPPORT_GRAPHBUILDER_H

#include "Analysis/Support/FlowGraph.h"
#include "clang/Analysis/CFG.h"
#include <memory>
#include <vector>

namespace clang {
class ASTContext;
class CoroutineSuspendExpr;
class Decl;
class Expr;
class Stmt;
} // namespace clang

namespace acm {

/// True if clang's builder would end a block at \p Part, an awaiter call of
/// a co_await or co_yield (await_ready, await_suspend, await_resume): it
/// calls a function that does not return, or is not a plain call at all.
/// Such a part is not hidden from clang's builder.
bool awaiterCallMayEndBlock(const clang::Expr *Part);

/// The CFG clang's builder makes of \p D's body \p Body with the ends of
/// lifetimes, no exception edges, no evaluation of conditions, the
/// statements of \p Kept as elements, and the awaiter calls of every await
/// hidden; each entry of \p Kept gets the block that holds its statement,
/// as clang's builder records it. Null if the body holds anything this
/// builder does not build exactly as clang's would; \p Kept is then as it
/// was.
///
/// With \p HiddenSuspends, the awaits whose awaiter calls are hidden are
/// those and the coroutine's initial and final suspends (as
/// HiddenAwaiterCalls hides them given a list); the graph is null if the
/// body holds another. \p Filter is Kept's, if the caller has made one.
std::unique_ptr<clang::CFG> buildSupportedGraph(
    const clang::Decl *D, clang::Stmt *Body, clang::ASTContext &Ctx,
    KeptStmts &Kept,
    const std::vector<clang::CoroutineSuspendExpr *> *HiddenSuspends = nullptr,
    const KeptFilter *Filter = nullptr);

} // namespace acm

#endif // ACM_ANALYSIS_SUPPORT_GRAPHBUILDER_H
