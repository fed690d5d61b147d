//===- GeneratorAnalysis.h - Generator-based managers ---------------------===//
//
// A generator-based manager (Python's @asynccontextmanager) is a coroutine
// whose body before its co_yield is the enter, whose yielded value is what
// the caller binds, and whose code after the yield is the exit. It must
// yield exactly once on every path, and its asynchronous cleanup after the
// yield must survive an exception thrown into it at the yield.
//
// Generator room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_GENERATOR_GENERATORANALYSIS_H
#define ACM_ANALYSIS_GENERATOR_GENERATORANALYSIS_H

#include "Analysis/Findings.h"
#include "llvm/ADT/DenseSet.h"

namespace clang {
class CFG;
class FunctionDecl;
class SourceManager;
class Stmt;
} // namespace clang

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace acm {

class BlockOrder;
class BranchFacts;
class ProtocolModel;
struct YieldSites;

/// True if \p Coroutine may be a generator-based manager: the model says
/// its return type (or its name) makes it one. It is one if it yields.
bool mayBeGeneratorManager(const clang::FunctionDecl &Coroutine,
                           const ProtocolModel &Model);

/// Reports multiple yields on a path, paths without a yield, and yields
/// whose asynchronous cleanup an exception would skip, in source order.
/// A path that ends at one of \p FailedTestEnds (the co_return of a test
/// framework's fatal failure) has failed and is owed no yield. \p Debug,
/// when set, receives the flow's final states.
void runGeneratorAnalysis(
    const clang::FunctionDecl &Coroutine, const YieldSites &Yields,
    const clang::CFG &Graph, const BlockOrder &Order,
    const clang::Stmt *WrittenBody, const BranchFacts &Facts,
    const llvm::DenseSet<const clang::Stmt *> &FailedTestEnds,
    const clang::SourceManager &SM, FindingSink &Sink,
    llvm::raw_ostream *Debug);

} // namespace acm

#endif // ACM_ANALYSIS_GENERATOR_GENERATORANALYSIS_H
