//===- Diff.h - The lines a unified diff changes --------------------------===//
//
// For --diff: which lines of which files a change touches, read from a
// unified diff such as `git diff -U0` prints (any amount of context works;
// context lines are not counted as changed).
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

} // namespace acm

#endif // ACM_TOOL_DIFF_H
