//===- ClassAnalysis.h - The entry point of the analysis of a class -------===//
//
// A class that owns protocol objects as members must exit them in its
// owner exit (stop(), close(), its own aexit(), ...) on every path, and not
// use them after; a class that owes exits and has no owner exit, and no
// method that exits them, is reported at the member. analyzeClass reads
// each visible method of the class once (Owner/ClassMembers.h) and runs the
// exit flow over each owner exit with the members tracked.
// Nothing here knows clang-tidy.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_CLASSANALYSIS_H
#define ACM_ANALYSIS_CLASSANALYSIS_H

#include "Analysis/AnalysisOptions.h"
#include "Analysis/Findings.h"

namespace clang {
class ASTContext;
class CXXRecordDecl;
} // namespace clang

namespace acm {

class ProtocolModel;

/// True if \p Class is a complete, non-dependent class definition (not a
/// lambda's) the analysis can run on.
bool isAnalyzableClass(const clang::CXXRecordDecl &Class);

/// Analyzes \p Class, which must satisfy isAnalyzableClass, and reports its
/// findings to \p Sink in source order. A class that owns no protocol
/// member costs one look at its fields.
void analyzeClass(const clang::CXXRecordDecl &Class, clang::ASTContext &Context,
                  const ProtocolModel &Model, FindingSink &Sink,
                  const AnalysisOptions &Options = {});

} // namespace acm

#endif // ACM_ANALYSIS_CLASSANALYSIS_H
