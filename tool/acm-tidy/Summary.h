//===- Summary.h - The line that says what a run checked ------------------===//
//
// Every run that checks files ends with one line on stderr saying how many
// files were checked and what was found, also when nothing was: a CI log
// must show that a step checked something (a diff step fed an empty diff
// passes, and says so). --quiet drops it.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_SUMMARY_H
#define ACM_TOOL_SUMMARY_H

#include <cstddef>
#include <optional>
#include <string>

namespace acm {

struct RunSummary {
  /// Translation units checked, and how many of them had compile errors.
  size_t FilesChecked = 0;
  size_t FilesWithCompileErrors = 0;
  /// Findings reported, and the distinct files they are in.
  size_t Findings = 0;
  size_t FilesWithFindings = 0;
  /// Findings hidden by --baseline, --diff and --line-filter.
  size_t InBaseline = 0;
  size_t OutsideDiff = 0;
  size_t OutsideLineFilter = 0;
  /// When the files to check came from --diff: how many files it changes.
  std::optional<size_t> DiffChangedFiles;
  /// --shard's part K of N, and how many files all the parts have.
  unsigned ShardPart = 1, ShardParts = 1;
  size_t FilesInAllParts = 0;
};

/// "3 findings in 2 files (5 files checked; not shown: 1 in the baseline)."
/// or "No findings (5 files checked)."; when no file was checked, why:
/// "Nothing to check: the diff is empty."
std::string summaryLine(const RunSummary &Summary);

} // namespace acm

#endif // ACM_TOOL_SUMMARY_H
