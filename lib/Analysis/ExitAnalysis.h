//===- ExitAnalysis.h - The enter/exit dataflow over a coroutine ----------===//
//
// One forward dataflow over Clang's CFG of a coroutine body. It tracks every
// protocol object the body owns (locals, by-value parameters, locals holding
// an exit's awaitable) through the states not-entered, entered, exited, and
// reports what goes wrong through a FindingSink.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXITANALYSIS_H
#define ACM_ANALYSIS_EXITANALYSIS_H

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
/// isAnalyzableCoroutine, and reports findings of every kind to \p Sink in
/// source order. Never fails: a body the CFG cannot be built for is skipped.
void analyzeCoroutine(const clang::FunctionDecl &Function,
                      clang::ASTContext &Context, const ProtocolModel &Model,
                      FindingSink &Sink);

} // namespace acm

#endif // ACM_ANALYSIS_EXITANALYSIS_H
