//===- FileQueries.h - What a translation unit asked the file system ------===//
//
// A cached result is valid while everything clang read to produce it reads
// the same. clang reads the file system only through the file system
// object it is given: the driver looking for the standard library, the
// preprocessor trying each include directory in turn, files opened and
// read. RecordingFileSystem sits under clang and records each question and
// its answer — including the misses, so that a header that appears earlier
// on the include path invalidates the result as it changes the parse.
// CurrentAnswers asks the same questions again, each once per run however
// many translation units asked it.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_FILEQUERIES_H
#define ACM_TOOL_FILEQUERIES_H

#include "CacheEntry.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <mutex>
#include <vector>

namespace acm {

/// Passes every call on to the file system below and records the questions
/// that decide what clang reads, with their answers.
class RecordingFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  explicit RecordingFileSystem(
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Below)
      : ProxyFileSystem(std::move(Below)) {}

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override;
  bool exists(const llvm::Twine &Path) override;
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override;
  llvm::vfs::directory_iterator dir_begin(const llvm::Twine &Dir,
                                          std::error_code &EC) override;
  std::error_code getRealPath(const llvm::Twine &Path,
                              llvm::SmallVectorImpl<char> &Output) override;

  /// Each question once, in the order first asked.
  std::vector<FileQuery> queries() const;
  /// False when one question got two answers: a file changed while it was
  /// read, and the results may hold either.
  bool consistent() const;

  /// Records that a file was read: called by the files it opens.
  void recordContent(const std::string &Path, llvm::StringRef Bytes);

private:
  std::string absolute(const llvm::Twine &Path) const;
  void record(FileQuery::Kind What, std::string Path, Digest Answer);

  mutable std::mutex Lock;
  std::vector<FileQuery> Asked;
  llvm::StringMap<unsigned> Index[4];
  bool Conflict = false;
};

/// The answers the file system gives now. Thread-safe; each question is
/// put to the file system once, so a run trusts that files do not change
/// while it runs (as clang does within one translation unit).
class CurrentAnswers {
public:
  CurrentAnswers();

  /// Whether asking \p Query now gives its recorded answer.
  bool same(const FileQuery &Query);

private:
  Digest answer(FileQuery::Kind What, const std::string &Path);

  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS;
  std::mutex Lock;
  llvm::StringMap<Digest> Known[4];
};

/// The answer that \p Status gives to a Status question.
Digest statusAnswer(const llvm::ErrorOr<llvm::vfs::Status> &Status);

} // namespace acm

#endif // ACM_TOOL_FILEQUERIES_H
