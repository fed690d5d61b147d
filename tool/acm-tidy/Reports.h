//===- Reports.h - acm-tidy's machine-readable outputs --------------------===//
//
// SARIF 2.1.0 (for code-scanning services) and a plain JSON list, written
// from the located results of a run; and the errors of a run as text, for
// stderr when the findings go elsewhere.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_REPORTS_H
#define ACM_TOOL_REPORTS_H

#include "Results.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace acm {

struct ReportOptions {
  std::string ToolVersion;
  /// Base address of the documentation: rules link to
  /// <DocsUri>/checks/<page>.md.
  std::string DocsUri;
  /// When set (canonical, absolute), locations inside it are written
  /// relative to it; in SARIF, against the base id SRCROOT.
  std::string SourceRoot;
};

/// Writes \p Results as one SARIF 2.1.0 run: findings as results, compile
/// errors and configuration problems as notifications of the invocation.
void writeSarif(llvm::ArrayRef<Result> Results, const ReportOptions &Options,
                llvm::raw_ostream &OS);

/// Writes \p Results as a JSON array, one object per diagnostic with its
/// notes and fixes.
void writeJson(llvm::ArrayRef<Result> Results, const ReportOptions &Options,
               llvm::raw_ostream &OS);

/// Writes the compile errors and configuration problems among \p Results as
/// the text output shows them ("file:line:col: error: message [check]",
/// then their notes), without the source lines.
void writeErrorsAsText(llvm::ArrayRef<Result> Results, llvm::raw_ostream &OS);

/// Merges SARIF logs that acm-tidy wrote for parts of one project (the
/// shards of --shard) into one run, as if one acm-tidy run had checked it
/// all: results that several parts report (from a shared header) appear
/// once.
llvm::Expected<llvm::json::Value> mergeSarif(llvm::ArrayRef<std::string> Paths);

} // namespace acm

#endif // ACM_TOOL_REPORTS_H
