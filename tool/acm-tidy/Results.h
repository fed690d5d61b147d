//===- Results.h - What one acm-tidy run found ----------------------------===//
//
// clang-tidy's library describes each diagnostic by file name and byte
// offset, with file names relative to the build directory of the
// translation unit that produced it. The outputs, baselines and --diff need
// more: absolute paths, lines and columns (read before --fix changes the
// files) and the function the finding is in. A Result carries all of it.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_RESULTS_H
#define ACM_TOOL_RESULTS_H

#include "../common/Nesting.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace acm {

/// A place in a source file. Lines and columns are 1-based; 0 means
/// unknown (the file could not be read).
struct Position {
  unsigned Line = 0;
  /// Column in bytes, as clang prints it.
  unsigned Column = 0;
  /// Column in Unicode code points, as SARIF counts it.
  unsigned CharColumn = 0;
};

/// A diagnostic message (the warning, or one of its notes) located.
struct Located {
  std::string File; ///< Absolute, or "" for a diagnostic without location.
  Position Pos;
  /// The end of the token at Pos (an identifier or keyword), or of the one
  /// character there.
  Position End;
  std::string Message;
};

/// One replacement of a fix-it, located.
struct Edit {
  std::string File; ///< Absolute.
  unsigned Offset = 0, Length = 0;
  Position Begin, End;
  std::string Text;
};

struct Result {
  explicit Result(clang::tidy::ClangTidyError Error)
      : Error(std::move(Error)) {}

  /// What clang-tidy's library reported, unchanged: the text output and
  /// --fix/--export-fixes hand it back to the library.
  clang::tidy::ClangTidyError Error;
  Located Main;
  std::vector<Located> Notes;
  std::vector<Edit> Edits;
  /// The qualified name of the function definition the warning is in
  /// ("app::Server::serve"), or "" when it is in none.
  std::string Function;
  /// The line where that function's definition starts, or 0.
  unsigned FunctionLine = 0;
  /// For an acm finding, as the check gave it (not read from the message):
  /// the finding's kind ("missing-exit") and the name of the object it is
  /// about ("r"; "" when none). Empty for other diagnostics.
  std::string Kind;
  std::string Object;

  bool isCompilerError() const;
  /// A problem with the configuration ([clang-tidy-config]); not a finding.
  bool isConfigurationWarning() const;
  /// An option value a check cannot use ([clang-tidy-config]).
  bool isConfigurationError() const { return check() == "clang-tidy-config"; }
  bool isFinding() const {
    return !isCompilerError() && !isConfigurationWarning();
  }
  llvm::StringRef check() const { return Error.DiagnosticName; }
  /// "error" for errors and warnings treated as errors, else "warning".
  llvm::StringRef level() const;
};

/// Reads each source file once and turns byte offsets into positions.
class SourcePositions {
public:
  Position position(llvm::StringRef AbsoluteFile, unsigned Offset);
  /// The offset just past the token that starts at \p Offset.
  unsigned tokenEnd(llvm::StringRef AbsoluteFile, unsigned Offset);

private:
  struct FileLines {
    std::string Text;
    std::vector<unsigned> LineStarts;
  };
  const FileLines &lines(llvm::StringRef File);
  llvm::StringMap<std::unique_ptr<FileLines>> Files;
};

/// \p Path made absolute against \p Directory (or the current directory),
/// with "." and ".." removed.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef Directory = "");

/// \p Path with symbolic links resolved when it exists, for comparing paths
/// that reach one file by different routes. Remembered for absolute paths:
/// files are not moved while acm-tidy runs.
std::string canonicalPath(llvm::StringRef Path);

/// \p Path relative to \p Root when it is inside it, using '/' as the
/// separator; otherwise \p Path unchanged.
std::string relativePath(llvm::StringRef Path, llvm::StringRef Root);

/// \p Path as JSON and baselines write it: unchanged when it is UTF-8;
/// otherwise with '%' and every byte from 0x80 up written as %XX (upper
/// case hex), since JSON strings must be UTF-8 and would lose the bytes.
std::string encodeFileName(llvm::StringRef Path);

/// The JSON document in the file \p Path. The errors say "cannot read
/// '<Path>': ..." or "'<Path>' is not <What>: ...", also when it nests
/// more than MaxNestingDepth deep.
llvm::Expected<llvm::json::Value> readJsonFile(llvm::StringRef Path,
                                               llvm::StringRef What);

/// Locates every message and replacement of \p Errors, which one
/// translation unit produced, reading the files as they are now.
std::vector<Result> locate(std::vector<clang::tidy::ClangTidyError> Errors,
                           SourcePositions &Positions);

/// What results are sorted by: file, offset, check and message.
std::tuple<llvm::StringRef, unsigned, llvm::StringRef, llvm::StringRef>
resultOrder(const Result &R);

/// Sorts \p Results by resultOrder(), and drops the
/// copies that translation units sharing a header report for it.
void sortAndDeduplicate(std::vector<Result> &Results);

} // namespace acm

#endif // ACM_TOOL_RESULTS_H
