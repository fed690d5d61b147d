//===- YieldSites.h - Where a generator-based manager yields --------------===//
//
// Generator room: the analysis of generator-based managers; clang's AST,
// the model, and Support.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_GENERATOR_YIELDSITES_H
#define ACM_ANALYSIS_GENERATOR_YIELDSITES_H

#include "Analysis/Support/FlowGraph.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include <vector>

namespace clang {
class CoawaitExpr;
class CoyieldExpr;
class Stmt;
} // namespace clang

namespace acm {

/// The body's own co_yields (not those of nested lambdas) in source order,
/// and which of them sit in the try block of a try statement that has a
/// catch (...).
struct YieldSites {
  llvm::SetVector<const clang::CoyieldExpr *> Yields;
  llvm::DenseSet<const clang::CoyieldExpr *> Protected;
  /// The body's own written co_awaits: where cleanup after a yield runs.
  std::vector<const clang::CoawaitExpr *> Awaits;

  bool empty() const { return Yields.empty(); }
  /// True if \p S is one of the body's own co_yields.
  bool isYield(const clang::Stmt *S) const;
};

/// Finds the co_yields of the written body \p Body.
YieldSites findYields(const clang::Stmt *Body);

/// Adds to \p Kept the statements the generator flow reads from the graph.
void keepGraphStatements(const YieldSites &Yields, KeptStmts &Kept);

} // namespace acm

#endif // ACM_ANALYSIS_GENERATOR_YIELDSITES_H
