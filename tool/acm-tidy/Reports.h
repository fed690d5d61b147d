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
  /// The --baseline file, or "" when there is none. With one, every SARIF
  /// result says whether it is new.
  std::string Baseline;
};

/// Writes \p Results as one SARIF 2.1.0 run: findings as results, compile
/// errors and configuration problems as notifications of the invocation.
/// \p Unchanged, the findings the baseline accounts for, are results too,
/// with baselineState "unchanged" and an external suppression.
void writeSarif(llvm::ArrayRef<Result> Results, const ReportOptions &Options,
                llvm::raw_ostream &OS, llvm::ArrayRef<Result> Unchanged = {});

/// Writes \p Results as a JSON array, one object per diagnostic with its
/// notes and fixes.
void writeJson(llvm::ArrayRef<Result> Results, const ReportOptions &Options,
               llvm::raw_ostream &OS);

/// Writes the compile errors and configuration problems among \p Results as
/// the text output shows them ("file:line:col: error: message [check]",
/// then their notes), without the source lines.
void writeErrorsAsText(llvm::ArrayRef<Result> Results, llvm::raw_ostream &OS);

/// \p Markdown, a page of docs/checks/ whose address is \p PageUri, with
/// its relative links made absolute against \p DocsUri (the docs/
/// directory), for showing it elsewhere. Code is left alone: "[&](" in a
/// lambda is no link.
std::string absoluteDocLinks(llvm::StringRef Markdown, llvm::StringRef DocsUri,
                             llvm::StringRef PageUri);

/// \p File as the machine-readable outputs name it: relative to the source
/// root when inside it, else absolute; non-UTF-8 bytes as %XX.
std::string reportPath(llvm::StringRef File, const ReportOptions &Options);

/// For each of \p Results, what identifies it across edits that move it
/// ("<digest>:<ordinal>", as SARIF's acmFindingKey/v2 fingerprint); "" for
/// what is not a finding. The digest covers the fields a baseline matches
/// on; the ordinal counts the earlier findings with the same digest.
std::vector<std::string> findingFingerprints(llvm::ArrayRef<Result> Results,
                                             const ReportOptions &Options);

/// Merges SARIF logs that acm-tidy wrote for parts of one project (the
/// shards of --shard) into one run, as if one acm-tidy run had checked it
/// all: results that several parts report (from a shared header) appear
/// once.
llvm::Expected<llvm::json::Value> mergeSarif(llvm::ArrayRef<std::string> Paths);

} // namespace acm

#endif // ACM_TOOL_REPORTS_H
