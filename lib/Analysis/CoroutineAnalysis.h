//===- CoroutineAnalysis.h - The one entry point of the analyses ----------===//
//
// Everything acm knows about one coroutine comes from analyzeCoroutine: it
// reads the body once for the exit protocol, finds its co_yields if it may
// be a generator-based manager, builds the CFG once and finds the condition
// variables once for both flows, and reports every finding to a sink.
// Nothing here knows clang-tidy.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_COROUTINEANALYSIS_H
#define ACM_ANALYSIS_COROUTINEANALYSIS_H

#include "Analysis/AnalysisOptions.h"
#include "Analysis/Findings.h"

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace acm {

class ProtocolModel;

/// True if \p Function is a coroutine definition the analysis can run on:
/// not a dependent template pattern, not invalid.
bool isAnalyzableCoroutine(const clang::FunctionDecl &Function);

/// Analyzes the body of \p Function, which must satisfy
/// isAnalyzableCoroutine, and reports findings of every kind to \p Sink:
/// the generator-based manager's in source order, then the exit protocol's
/// in source order. Never fails: a body with compile errors, or whose CFG
/// cannot be built, is skipped.
void analyzeCoroutine(const clang::FunctionDecl &Function,
                      clang::ASTContext &Context, const ProtocolModel &Model,
                      FindingSink &Sink, const AnalysisOptions &Options = {});

} // namespace acm

#endif // ACM_ANALYSIS_COROUTINEANALYSIS_H
