//===- Runner.h - Checking translation units in parallel ------------------===//
//
// Each translation unit is parsed once, with every enabled check, on one of
// N threads. The results come back per file, in the order of the input, so
// the output does not depend on which thread finished first.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_RUNNER_H
#define ACM_TOOL_RUNNER_H

#include "FixApplier.h"
#include "Results.h"
#include "ResultCache.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/FunctionExtras.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <memory>
#include <mutex>

namespace acm {

/// One options provider (the .clang-tidy files and the command line) used
/// by every thread: the configuration is read and reported once.
class SharedOptions {
public:
  explicit SharedOptions(
      std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider)
      : Provider(std::move(Provider)) {}

  const clang::tidy::ClangTidyGlobalOptions &globalOptions();
  /// The options of \p AbsoluteFile, in order of increasing priority.
  std::vector<clang::tidy::ClangTidyOptionsProvider::OptionsSource>
  rawOptions(llvm::StringRef AbsoluteFile);
  clang::tidy::ClangTidyOptions options(llvm::StringRef AbsoluteFile);

  /// A provider for one clang-tidy context that forwards here; relative
  /// file names are resolved in the working directory of \p FS.
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
  view(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS);

private:
  std::mutex Lock;
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider;
};

/// What checking one file produced. A file that could not be checked has
/// at least one compile error among them.
struct FileResults {
  std::vector<Result> Results;
  /// What the translation unit read of the files its fixes edit, when
  /// RunOptions::RecordParsedFiles asks for it.
  ParsedFiles Parsed;
};

struct RunOptions {
  unsigned Jobs = 1;
  /// Take fix-its from notes too (for --fix and --export-fixes, as
  /// clang-tidy does).
  bool FixesFromNotes = false;
  /// Fingerprint the files that fixes edit as clang reads them (for --fix).
  bool RecordParsedFiles = false;
  /// Find the function each finding is in.
  bool FindFunctions = false;
  /// Where results of earlier runs are looked up and the results of this
  /// one stored; none when null. Entries hold the function of each finding
  /// and what --fix needs, whether or not this run asks for them.
  ResultCache *Cache = nullptr;
  /// Called when a file is started, from the thread that checks it, with
  /// the number of files started so far and whether its results come from
  /// the cache. Calls never overlap, and the numbers only go up.
  llvm::unique_function<void(llvm::StringRef File, size_t Started,
                             bool FromCache)>
      OnStart;
};

/// Checks \p Files, each with its commands from \p Database; the result
/// for Files[I] is at index I.
std::vector<FileResults>
checkFiles(llvm::ArrayRef<std::string> Files,
           const clang::tooling::CompilationDatabase &Database,
           SharedOptions &Options, RunOptions &Run);

} // namespace acm

#endif // ACM_TOOL_RUNNER_H
