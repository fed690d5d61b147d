//===- ResultCache.h - Results of translation units that did not change ---===//
//
// Checking a translation unit again gives the same results when nothing it
// depends on changed: the tool, the compile command, the configuration
// that applies to the file, and what clang read of the file system. The
// first three make the key of an entry; the entry records the last (see
// FileQueries.h) and is used only while every file system question it
// records gets the same answer. Entries are written whole or not at all
// (a temporary file renamed), so that threads and processes sharing the
// directory never see half of one; a damaged entry reads as a miss and is
// written again.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_RESULTCACHE_H
#define ACM_TOOL_RESULTCACHE_H

#include "CacheEntry.h"
#include "FileQueries.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace acm {

/// Everything besides the files read that a translation unit's results
/// depend on.
struct CacheKeyInputs {
  /// The main file, absolute.
  llvm::StringRef File;
  /// Its compile commands, as the run's database gives them.
  llvm::ArrayRef<clang::tooling::CompileCommand> Commands;
  /// The configuration that applies to it.
  const clang::tidy::ClangTidyOptions *Options = nullptr;
  /// RunOptions::FixesFromNotes.
  bool FixesFromNotes = false;
};

/// What a run did with the cache.
struct CacheStatistics {
  unsigned Hits = 0;
  /// Checked, and stored.
  unsigned Misses = 0;
  /// Checked, and not stored: compile errors, a crash, a file that changed
  /// while it was read.
  unsigned NotStored = 0;
};

class ResultCache {
public:
  /// The cache in \p Directory, created if need be; \p ToolIdentity says
  /// which build of the tool this is (toolIdentity()). An error when the
  /// directory cannot be made.
  static llvm::Expected<std::unique_ptr<ResultCache>>
  open(llvm::StringRef Directory, std::string ToolIdentity);

  CacheKey key(const CacheKeyInputs &Inputs) const;

  /// The entry stored under \p Key, if there is one that is whole and
  /// whose every file system question gets its recorded answer now.
  std::optional<CacheEntry> lookup(const CacheKey &Key);

  /// Stores the results of one translation unit under \p Key; a failure
  /// to write is remembered (writeProblem()), not fatal.
  void store(const CacheKey &Key, llvm::ArrayRef<FileQuery> Queries,
             llvm::ArrayRef<Result> Results, const FilesRead &Read);
  /// Counts a translation unit that was checked and not stored.
  void skip() { ++NotStoredCount; }

  /// Removes the entries used least recently (by modification time, which
  /// a hit refreshes) until those left take at most 90% of \p MaxBytes, if
  /// they take more; and temporary files that writers killed midway left
  /// behind a day ago or more. Returns how many entries it removed.
  unsigned prune(uint64_t MaxBytes);

  CacheStatistics statistics() const;
  llvm::StringRef directory() const { return Directory; }
  /// The first reason an entry could not be written, or "".
  std::string writeProblem() const;

private:
  ResultCache(std::string Directory, std::string ToolIdentity)
      : Directory(std::move(Directory)), ToolIdentity(std::move(ToolIdentity)) {
  }
  std::string entryPath(const CacheKey &Key) const;

  std::string Directory;
  std::string ToolIdentity;
  CurrentAnswers Answers;
  std::atomic<unsigned> HitCount{0}, MissCount{0}, NotStoredCount{0};
  mutable std::mutex ProblemLock;
  std::string FirstWriteProblem;
};

/// Which build of acm-tidy this is, and of the clang libraries it runs on:
/// a digest of the executable's bytes, clang's full version, and the size
/// and modification time of the shared libraries that hold clang and
/// LLVM. A rebuilt or upgraded tool never trusts the entries of another.
std::string toolIdentity(const char *Argv0, void *MainAddress);

/// The directory of the compilation database that commands come from when
/// the search for one starts at \p Start (the -p directory, or a source
/// file's directory) — with a database that is a symbolic link, the
/// directory it links into — or "" when the search finds none, or finds
/// compile_flags.txt first.
std::string compilationDatabaseDirectory(llvm::StringRef Start);

} // namespace acm

#endif // ACM_TOOL_RESULTCACHE_H
