//===- ResultCache.cpp ----------------------------------------------------===//

#include "ResultCache.h"
#include "OutputFile.h"

#include "clang/Basic/Version.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/xxhash.h"
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace clang::tidy;
using namespace llvm;

namespace acm {

namespace {

/// Feeds a hasher fields that cannot run into each other.
class KeyBuilder {
public:
  void field(StringRef Bytes) {
    char Size[8];
    support::endian::write64le(Size, Bytes.size());
    Hasher.update(StringRef(Size, 8));
    Hasher.update(Bytes);
  }
  void optional(const std::optional<std::string> &Value) {
    field(Value ? "1" : "0");
    if (Value)
      field(*Value);
  }
  void optional(const std::optional<bool> &Value) {
    field(!Value ? "unset" : *Value ? "true" : "false");
  }
  void list(const std::optional<std::vector<std::string>> &Values) {
    field(Values ? "1" : "0");
    if (!Values)
      return;
    field(std::to_string(Values->size()));
    for (const std::string &Value : *Values)
      field(Value);
  }
  CacheKey finish() { return Hasher.final(); }

private:
  BLAKE3 Hasher;
};

/// Every setting of a configuration that can change a result. UseColor is
/// left out: colors are the text output's, made from the results later.
void addOptions(KeyBuilder &Key, const ClangTidyOptions &Options) {
  Key.optional(Options.Checks);
  Key.optional(Options.WarningsAsErrors);
  Key.list(Options.HeaderFileExtensions);
  Key.list(Options.ImplementationFileExtensions);
  Key.optional(Options.HeaderFilterRegex);
  Key.optional(Options.ExcludeHeaderFilterRegex);
  Key.optional(Options.SystemHeaders);
  Key.optional(Options.FormatStyle);
  Key.optional(Options.User);
  std::vector<std::pair<StringRef, StringRef>> CheckOptions;
  for (const auto &Option : Options.CheckOptions)
    CheckOptions.emplace_back(Option.getKey(), Option.getValue().Value);
  llvm::sort(CheckOptions);
  Key.field(std::to_string(CheckOptions.size()));
  for (const auto &[Name, Value] : CheckOptions) {
    Key.field(Name);
    Key.field(Value);
  }
  Key.field(Options.CustomChecks ? "1" : "0");
  if (Options.CustomChecks)
    for (const auto &Check : *Options.CustomChecks) {
      Key.field(Check.Name);
      Key.field(Check.Query);
      for (const auto &Diag : Check.Diags) {
        Key.field(Diag.BindName);
        Key.field(Diag.Message);
        Key.field(Diag.Level ? std::to_string(int(*Diag.Level)) : "none");
      }
    }
  Key.list(Options.ExtraArgs);
  Key.list(Options.ExtraArgsBefore);
  Key.list(Options.RemovedArgs);
  Key.optional(Options.InheritParentConfig);
}

/// The environment variables clang's driver turns into include paths,
/// target settings or extra arguments.
constexpr const char *DriverEnvironment[] = {"CPATH",
                                             "C_INCLUDE_PATH",
                                             "CPLUS_INCLUDE_PATH",
                                             "OBJC_INCLUDE_PATH",
                                             "OBJCPLUS_INCLUDE_PATH",
                                             "SDKROOT",
                                             "COMPILER_PATH",
                                             "CCC_OVERRIDE_OPTIONS",
                                             "CLANG_CONFIG_FILE_SYSTEM_DIR",
                                             "CLANG_CONFIG_FILE_USER_DIR",
                                             "MACOSX_DEPLOYMENT_TARGET"};

std::string hexName(const CacheKey &Key) {
  // 128 bits name a file; the whole key is checked inside it.
  return toHex(ArrayRef<uint8_t>(Key.data(), 16), /*LowerCase=*/true);
}

/// Marks the directory as a cache: backup tools skip it
/// (https://bford.info/cachedir/), and git ignores it wherever it is.
void markAsCache(StringRef Directory) {
  auto WriteIfMissing = [&](StringRef Name, StringRef Text) {
    SmallString<256> Path(Directory);
    sys::path::append(Path, Name);
    if (sys::fs::exists(Path))
      return;
    consumeError(writeOutput(Path, [&](raw_ostream &OS) { OS << Text; }));
  };
  WriteIfMissing("CACHEDIR.TAG",
                 "Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This file is a cache directory tag created by acm-tidy.\n"
                 "# For information about cache directory tags, see:\n"
                 "#\thttps://bford.info/cachedir/\n");
  WriteIfMissing(".gitignore", "# Created by acm-tidy.\n*\n");
}

/// The size and modification time of the shared library that holds
/// \p Symbol, or "" when it is linked into the executable.
std::string libraryStamp(const void *Symbol) {
  Dl_info Info;
  if (!::dladdr(Symbol, &Info) || !Info.dli_fname)
    return "";
  sys::fs::file_status Status;
  if (sys::fs::status(Info.dli_fname, Status))
    return Info.dli_fname;
  return (Twine(Info.dli_fname) + " " + Twine(Status.getSize()) + " " +
          Twine(Status.getLastModificationTime().time_since_epoch().count()))
      .str();
}

} // namespace

Expected<std::unique_ptr<ResultCache>>
ResultCache::open(StringRef Directory, std::string ToolIdentity) {
  std::error_code EC = sys::fs::create_directories(Directory);
  // An existing file of that name counts as created.
  if (!EC && !sys::fs::is_directory(Directory))
    EC = std::make_error_code(std::errc::not_a_directory);
  if (EC)
    return createStringError(EC, "cannot create the cache directory '%s': %s",
                             Directory.str().c_str(), EC.message().c_str());
  markAsCache(Directory);
  return std::unique_ptr<ResultCache>(
      new ResultCache(Directory.str(), std::move(ToolIdentity)));
}

CacheKey ResultCache::key(const CacheKeyInputs &Inputs) const {
  KeyBuilder Key;
  Key.field("acm-tidy result cache 1");
  Key.field(ToolIdentity);
  Key.field(Inputs.File);
  Key.field(std::to_string(Inputs.Commands.size()));
  bool RelativeDirectory = false;
  for (const clang::tooling::CompileCommand &Command : Inputs.Commands) {
    Key.field(Command.Directory);
    Key.field(Command.Filename);
    Key.field(std::to_string(Command.CommandLine.size()));
    for (const std::string &Argument : Command.CommandLine)
      Key.field(Argument);
    RelativeDirectory |= !sys::path::is_absolute(Command.Directory);
  }
  // Only then does the process's directory say where files are.
  if (RelativeDirectory) {
    SmallString<256> WorkingDirectory;
    sys::fs::current_path(WorkingDirectory);
    Key.field(WorkingDirectory);
  }
  for (const char *Name : DriverEnvironment)
    Key.optional(sys::Process::GetEnv(Name));
  if (Inputs.Options)
    addOptions(Key, *Inputs.Options);
  Key.field(Inputs.FixesFromNotes ? "fixes from notes" : "no fixes from notes");
  return Key.finish();
}

std::string ResultCache::entryPath(const CacheKey &Key) const {
  SmallString<256> Path(Directory);
  sys::path::append(Path, hexName(Key));
  return std::string(Path);
}

std::optional<CacheEntry> ResultCache::lookup(const CacheKey &Key) {
  std::string Path = entryPath(Key);
  // Read, not mapped: another process may replace the file meanwhile.
  auto Bytes = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                     /*RequiresNullTerminator=*/false,
                                     /*IsVolatile=*/true);
  if (!Bytes)
    return std::nullopt;
  std::optional<CacheEntry> Entry = decodeCacheEntry((*Bytes)->getBuffer());
  if (!Entry || Entry->Key != Key)
    return std::nullopt;
  for (const FileQuery &Query : Entry->Queries)
    if (!Answers.same(Query))
      return std::nullopt;
  // Used entries are the recent ones: pruning by age keeps them.
  ::utimensat(AT_FDCWD, Path.c_str(), nullptr, 0);
  ++HitCount;
  return Entry;
}

void ResultCache::store(const CacheKey &Key, ArrayRef<FileQuery> Queries,
                        ArrayRef<Result> Results, const FilesRead &Read) {
  ++MissCount;
  std::string Bytes = encodeCacheEntry(Key, Queries, Results, Read);
  Error Written = writeFileAtomically(entryPath(Key), [&](int FD) -> Error {
    raw_fd_ostream OS(FD, /*shouldClose=*/false);
    OS << Bytes;
    return errorCodeToError(takeWriteError(OS));
  });
  if (!Written)
    return;
  std::string Problem = toString(std::move(Written));
  std::lock_guard<std::mutex> Guard(ProblemLock);
  if (FirstWriteProblem.empty())
    FirstWriteProblem = std::move(Problem);
}

unsigned ResultCache::prune(uint64_t MaxBytes) {
  struct Found {
    std::string Path;
    uint64_t Size;
    sys::TimePoint<> Used;
  };
  std::vector<Found> Entries;
  uint64_t Total = 0;
  auto DayAgo = std::chrono::system_clock::now() - std::chrono::hours(24);
  std::error_code EC;
  for (sys::fs::directory_iterator It(Directory, EC), End; !EC && It != End;
       It.increment(EC)) {
    sys::fs::file_status Status;
    if (sys::fs::status(It->path(), Status) ||
        Status.type() != sys::fs::file_type::regular_file)
      continue;
    StringRef Name = sys::path::filename(It->path());
    if (Name.starts_with(".") && Name.ends_with(".tmp")) {
      if (Status.getLastModificationTime() < DayAgo)
        sys::fs::remove(It->path());
      continue;
    }
    if (Name.size() != 32 || !llvm::all_of(Name, isHexDigit))
      continue;
    Entries.push_back({It->path(), Status.getSize(),
                       Status.getLastModificationTime()});
    Total += Status.getSize();
  }
  if (Total <= MaxBytes)
    return 0;
  llvm::sort(Entries, [](const Found &A, const Found &B) {
    return std::tie(A.Used, A.Path) < std::tie(B.Used, B.Path);
  });
  unsigned Removed = 0;
  for (const Found &Entry : Entries) {
    if (Total <= MaxBytes / 10 * 9)
      break;
    // Another process may have removed it, or be reading it: then it
    // finds no entry, which is a miss.
    if (!sys::fs::remove(Entry.Path)) {
      Total -= Entry.Size;
      ++Removed;
    }
  }
  return Removed;
}

CacheStatistics ResultCache::statistics() const {
  return {HitCount, MissCount, NotStoredCount};
}

std::string ResultCache::writeProblem() const {
  std::lock_guard<std::mutex> Guard(ProblemLock);
  return FirstWriteProblem;
}

std::string toolIdentity(const char *Argv0, void *MainAddress) {
  std::string Executable = sys::fs::getMainExecutable(Argv0, MainAddress);
  auto Bytes = MemoryBuffer::getFile(Executable, /*IsText=*/false,
                                     /*RequiresNullTerminator=*/false);
  if (Executable.empty() || !Bytes)
    return "";
  Digest Binary = Digest::of((*Bytes)->getBuffer());
  return (Twine("acm-tidy ") + utohexstr(Binary.High) + utohexstr(Binary.Low) +
          "\n" + clang::getClangFullVersion() + "\nLLVM " +
          LLVM_VERSION_STRING + "\n" +
          libraryStamp(
              reinterpret_cast<const void *>(&clang::getClangFullVersion)) +
          "\n" +
          libraryStamp(reinterpret_cast<const void *>(
              static_cast<raw_fd_ostream &(*)()>(&errs))))
      .str();
}

std::string compilationDatabaseDirectory(StringRef Start) {
  SmallString<256> Directory(Start);
  if (sys::fs::make_absolute(Directory))
    return "";
  sys::path::remove_dots(Directory, /*remove_dot_dot=*/true);
  for (StringRef Dir = Directory; !Dir.empty();
       Dir = sys::path::parent_path(Dir)) {
    SmallString<256> Database(Dir);
    sys::path::append(Database, "compile_commands.json");
    if (sys::fs::exists(Database)) {
      // A compile_commands.json linked into the sources from the build
      // directory: the cache goes to the build directory.
      SmallString<256> Real;
      if (!sys::fs::real_path(Database, Real))
        return std::string(sys::path::parent_path(Real));
      return Dir.str();
    }
    SmallString<256> Flags(Dir);
    sys::path::append(Flags, "compile_flags.txt");
    if (sys::fs::exists(Flags))
      return "";
  }
  return "";
}

} // namespace acm
