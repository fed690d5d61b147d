//===- AnalysisOptions.h - How the analyses are run -----------------------===//

#ifndef ACM_ANALYSIS_ANALYSISOPTIONS_H
#define ACM_ANALYSIS_ANALYSISOPTIONS_H

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace acm {

struct AnalysisOptions {
  /// When set, each analysed coroutine's and class's CFG sizes, final flow
  /// states, flow statistics and the bounds reached are printed here
  /// (acm-tidy --acm-debug-flow).
  llvm::raw_ostream *DebugFlow = nullptr;
};

} // namespace acm

#endif // ACM_ANALYSIS_ANALYSISOPTIONS_H
