//===- Summary.cpp --------------------------------------------------------===//

#include "Summary.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

namespace acm {

namespace {

std::string plural(size_t Count, llvm::StringRef Noun) {
  return (llvm::Twine(Count) + " " + Noun + (Count == 1 ? "" : "s")).str();
}

/// Why a run checked no file, or "" when nothing explains it.
std::string whyNothingWasChecked(const RunSummary &S) {
  if (S.DiffChangedFiles && !S.FilesInAllParts) {
    if (!*S.DiffChangedFiles)
      return "the diff is empty";
    return "the diff changes no lines in C or C++ files (" +
           plural(*S.DiffChangedFiles, "file") + " changed)";
  }
  if (S.ShardParts > 1)
    return (llvm::Twine("part ") + llvm::Twine(S.ShardPart) + " of " +
            llvm::Twine(S.ShardParts) + " has no files (" +
            plural(S.FilesInAllParts, "file") + " in all)")
        .str();
  return "";
}

} // namespace

std::string summaryLine(const RunSummary &S) {
  if (!S.FilesChecked) {
    std::string Why = whyNothingWasChecked(S);
    if (!Why.empty())
      return "Nothing to check: " + Why + ".";
  }
  std::string Line = S.Findings ? plural(S.Findings, "finding") + " in " +
                                      plural(S.FilesWithFindings, "file")
                                : "No findings";
  Line += " (" + plural(S.FilesChecked, "file") + " checked";
  if (S.FilesWithCompileErrors)
    Line += ", " + llvm::Twine(S.FilesWithCompileErrors).str() +
            " with compile errors";
  llvm::SmallVector<std::string, 3> NotShown;
  if (S.InBaseline)
    NotShown.push_back(llvm::Twine(S.InBaseline).str() + " in the baseline");
  if (S.OutsideDiff)
    NotShown.push_back(llvm::Twine(S.OutsideDiff).str() + " outside the diff");
  if (S.OutsideLineFilter)
    NotShown.push_back(llvm::Twine(S.OutsideLineFilter).str() +
                       " outside the line filter");
  if (!NotShown.empty())
    Line += "; not shown: " + llvm::join(NotShown, ", ");
  return Line + ").";
}

} // namespace acm
