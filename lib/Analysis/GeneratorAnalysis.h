//===- GeneratorAnalysis.h - Generator-based managers ---------------------===//
//
// A generator-based manager (Python's @asynccontextmanager) is a coroutine
// whose body before its co_yield is the enter, whose yielded value is what
// the caller binds, and whose code after the yield is the exit. It must
// yield exactly once on every path, and its asynchronous cleanup after the
// yield must survive an exception thrown into it at the yield.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_GENERATORANALYSIS_H
#define ACM_ANALYSIS_GENERATORANALYSIS_H

#include "Analysis/Findings.h"

namespace clang {
class ASTContext;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace acm {

class BranchFacts;
class ProtocolModel;

/// True if \p Coroutine is a generator-based manager: it contains co_yield
/// and the model says its return type (or its name) makes it one.
bool isGeneratorManagerCoroutine(const clang::FunctionDecl &Coroutine,
                                 const ProtocolModel &Model);

/// Reports multiple yields on a path, paths without a yield, and yields whose
/// asynchronous cleanup an exception would skip. \p WrittenBody is the
/// coroutine's body as written, \p Facts its condition variables.
void analyzeGeneratorManager(const clang::FunctionDecl &Coroutine,
                             const clang::Stmt *WrittenBody,
                             clang::ASTContext &Context,
                             const BranchFacts &Facts, FindingSink &Sink);

/// False if the promise of \p Coroutine rejects co_await by declaring a
/// deleted await_transform (std::generator does): inserting co_await in its
/// body would not compile, so no fix-it may offer it.
bool promiseAllowsAwait(const clang::FunctionDecl &Coroutine);

} // namespace acm

#endif // ACM_ANALYSIS_GENERATORANALYSIS_H
