//===- Diff.h - The lines a unified diff or a line filter names -----------===//
//
// For --diff: which lines of which files a change touches, read from a
// unified diff such as `git diff -U0` prints (any amount of context works;
// context lines are not counted as changed). For --line-filter: the files
// and line ranges of clang-tidy's JSON line filter.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_DIFF_H
#define ACM_TOOL_DIFF_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <map>
#include <set>
#include <string>
#include <vector>

namespace acm {

class ChangedLines {
public:
  /// Parses \p Diff; its file names are relative to \p Root. Git's "a/" and
  /// "b/" prefixes are removed when the diff has them. Empty (or blank)
  /// text is a diff that changes nothing; other text must have a file
  /// header ("diff --git", or "--- " and "+++ ") before its first hunk.
  static llvm::Expected<ChangedLines> parse(llvm::StringRef Diff,
                                            llvm::StringRef Root);

  /// The changed files that still exist (canonical paths), sorted.
  std::vector<std::string> files() const;

  /// How many files the diff changes, also those deleted or changed in
  /// no line (binary files, modes); 0 for an empty diff.
  unsigned changedFileCount() const { return FileCount; }

  /// Whether line \p Line of \p CanonicalFile was added or changed, or is
  /// next to lines that were deleted.
  bool contains(llvm::StringRef CanonicalFile, unsigned Line) const;

private:
  std::map<std::string, std::set<unsigned>, std::less<>> Lines;
  unsigned FileCount = 0;
};

/// clang-tidy's --line-filter:
/// [{"name":"a.cpp","lines":[[1,3],[5,5]]},{"name":"b.h"}]. An entry names
/// a file by a path relative to the current directory, or by the end of
/// its path after a '/' (clang-tidy-diff.py strips leading directories); an
/// entry without "lines" takes the whole file. A file that no entry names
/// has no line in the filter.
class LineFilter {
public:
  static llvm::Expected<LineFilter> parse(llvm::StringRef Json);

  bool contains(llvm::StringRef File, unsigned Line) const;

private:
  struct Entry {
    std::string Name;
    std::string CanonicalName;
    std::vector<std::pair<unsigned, unsigned>> Ranges; // Empty: every line.
  };
  std::vector<Entry> Entries;
};

} // namespace acm

#endif // ACM_TOOL_DIFF_H
