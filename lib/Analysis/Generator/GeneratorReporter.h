//===- GeneratorReporter.h - Every message about generator managers -------===//
//
// Generator room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_GENERATOR_GENERATORREPORTER_H
#define ACM_ANALYSIS_GENERATOR_GENERATORREPORTER_H

#include "Analysis/Findings.h"
#include "Analysis/Generator/GeneratorFlow.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang {
class FunctionDecl;
class SourceManager;
} // namespace clang

namespace acm {

class GeneratorReporter : public GeneratorDiagnoser {
public:
  GeneratorReporter(const clang::FunctionDecl &Coroutine,
                    const clang::SourceManager &SM)
      : Coroutine(Coroutine), SM(SM) {}

  void yieldsAgain(const clang::Stmt *Yield,
                   clang::SourceLocation FirstYield) override;
  void finishesWithoutYield(clang::SourceLocation FirstEnd) override;
  void unprotectedYield(const clang::CoyieldExpr *Yield,
                        clang::SourceLocation Cleanup) override;

  /// Reports to \p Sink in source order.
  void finish(FindingSink &Sink);

private:
  const clang::FunctionDecl &Coroutine;
  const clang::SourceManager &SM;
  std::vector<Finding> Findings;
  /// Each yield is reported once, however many paths reach it again.
  llvm::DenseSet<const clang::Stmt *> ReportedYields;
};

} // namespace acm

#endif // ACM_ANALYSIS_GENERATOR_GENERATORREPORTER_H
