//===- FixApplier.h - Applying the fix-its of a run to the sources --------===//
//
// --fix edits the user's sources with replacements that are byte offsets
// into the text clang parsed. A file is edited only when that is safe: it
// still holds the text every translation unit read of it, its fixes do not
// overlap, and the user may write it. Any other file is left as it is and
// reported; the rest are fixed. Identical replacements (one fix reported
// through several translation units, or through two names of one file)
// are made once.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_FIXAPPLIER_H
#define ACM_TOOL_FIXAPPLIER_H

#include "Results.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace acm {

/// What a file held: its size and a hash of its bytes.
struct Fingerprint {
  uint64_t Size = 0;
  uint64_t Hash = 0;

  static Fingerprint of(llvm::StringRef Content);
  bool operator==(const Fingerprint &Other) const {
    return Size == Other.Size && Hash == Other.Hash;
  }
  bool operator!=(const Fingerprint &Other) const { return !(*this == Other); }
};

/// The content of each file as the translation units read it, by canonical
/// path (symbolic links resolved).
class ParsedFiles {
public:
  /// Records that a translation unit read \p Read from \p CanonicalFile.
  void record(llvm::StringRef CanonicalFile, Fingerprint Read);
  void merge(const ParsedFiles &Other);

  enum class Verdict {
    Unchanged,       ///< Every translation unit read this content.
    Changed,         ///< They read something else.
    ReadDifferently, ///< Two translation units read different contents.
    NotRead,         ///< No translation unit read the file.
  };
  Verdict compare(llvm::StringRef CanonicalFile, llvm::StringRef Content) const;

private:
  /// std::nullopt when two translation units read different contents.
  llvm::StringMap<std::optional<Fingerprint>> Files;
};

/// The edits --fix makes in one file.
struct FilePatch {
  /// Where the content is: the canonical path.
  std::string File;
  /// The file as the findings name it, for messages.
  std::string Name;
  /// In offset order, without duplicates.
  std::vector<Edit> Edits;
  /// The fixes (indexes into FixPlan's) with an edit in this file.
  std::vector<unsigned> Fixes;
  /// Why the edits cannot all be made, or "".
  std::string Conflict;
};

struct FixPlan {
  /// How many distinct fixes there are.
  unsigned Fixes = 0;
  /// One patch per file, in order of canonical path.
  std::vector<FilePatch> Files;
};

/// Groups the edits of \p Fixes (each the replacements of one finding, in
/// any files) by the file they change. A fix that is the same as an
/// earlier one, and an edit that is the same as another in its file, are
/// dropped; edits that overlap, or two that start at one offset (whose
/// order would be a guess), are a conflict of their file.
FixPlan planFixes(llvm::ArrayRef<std::vector<Edit>> Fixes);

/// Why \p Edits, in offset order, cannot all be made, or "".
std::string findConflict(llvm::ArrayRef<Edit> Edits);

/// \p Content with \p Edits (in offset order, not overlapping) made; an
/// error when one reaches past the end of \p Content.
llvm::Expected<std::string> applyEdits(llvm::StringRef Content,
                                       llvm::ArrayRef<Edit> Edits);

struct FixOptions {
  /// The FormatStyle of a file's configuration; with a style other than
  /// "none" the code around the fixes is reformatted, as clang-tidy does.
  std::function<std::string(llvm::StringRef File)> FormatStyle;
  /// A shell command run after checking and before the files are read
  /// again to be fixed, so that tests can change a file in between.
  std::string CommandBeforeFixing;
};

/// What applyFixes() did.
struct FixSummary {
  unsigned Fixes = 0;
  unsigned Applied = 0;
  unsigned FilesChanged = 0;
  /// Some file was left unfixed (reported) or could not be written.
  bool Failed = false;
};

/// Applies the fixes of the findings among \p Results, file by file, to the
/// files that still hold what \p Parsed recorded. Each file left as it is
/// is reported on \p Errors, naming it and why, and then the counts.
FixSummary applyFixes(llvm::ArrayRef<Result> Results, const ParsedFiles &Parsed,
                      const FixOptions &Options, llvm::raw_ostream &Errors);

/// Says on \p Errors that none of the fixes of \p Results was applied
/// because a file could not be checked, if there were any.
void reportFixesWithheld(llvm::ArrayRef<Result> Results,
                         llvm::raw_ostream &Errors);

} // namespace acm

#endif // ACM_TOOL_FIXAPPLIER_H
