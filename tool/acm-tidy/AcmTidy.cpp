//===- AcmTidy.cpp - The standalone acm-tidy driver -----------------------===//
//
//   acm-tidy [options] <file>... [-- <compiler args>]
//   acm-tidy -p <build-dir> [<file>...]
//
// Runs the acm checks through clang-tidy's library, so configuration
// (.clang-tidy, --config-file), NOLINT comments and the text output are
// those of clang-tidy. Translation units are checked in parallel; the
// results are merged, filtered (--baseline, --diff) and written as text,
// SARIF or JSON. Exit status: 0 clean, 1 findings, 2 usage or compile
// error, or a fix that could not be applied.
//
//===----------------------------------------------------------------------===//

#include "../common/DocsDir.h"
#include "../common/ResourceDir.h"
#include "Baseline.h"
#include "CiFormats.h"
#include "Checks/AcmCheck.h"
#include "Checks/CheckCatalog.h"
#include "Diff.h"
#include "EnabledChecks.h"
#include "FixApplier.h"
#include "OutputFile.h"
#include "Reports.h"
#include "ResultCache.h"
#include "Results.h"
#include "Runner.h"
#include "Summary.h"
#include "VerifyConfig.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <csignal>
#include <map>
#include <mutex>
#include <unistd.h>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

extern volatile int AcmModuleAnchorSource;

namespace {

constexpr int ExitClean = 0;
constexpr int ExitFindings = 1;
constexpr int ExitError = 2;

/// The most translation units -j checks at a time. More threads than this
/// only cost memory, and LLVM's thread pool starts no thread at all for a
/// count past INT_MAX.
constexpr unsigned MaxJobs = 1024;

cl::OptionCategory AcmCategory("acm-tidy options");

/// An option's description. --help prints its first line next to the
/// option; the raw strings below start with a newline only for layout.
cl::desc describe(StringRef Text) { return cl::desc(Text.ltrim('\n')); }

cl::opt<std::string> Checks("checks", describe(R"(
Comma-separated globs of checks to run, as in clang-tidy.
Applied on top of .clang-tidy files; default: acm-*.)"),
                            cl::init(""), cl::cat(AcmCategory));

cl::opt<std::string> ConfigFile("config-file", describe(R"(
Read the configuration from this file (in .clang-tidy
format) instead of searching for .clang-tidy files.)"),
                                cl::init(""), cl::cat(AcmCategory));

cl::opt<std::string> Config("config", describe(R"(
Configuration in YAML/JSON, as clang-tidy's --config.)"),
                            cl::init(""), cl::cat(AcmCategory));

cl::opt<std::string> WarningsAsErrors("warnings-as-errors", describe(R"(
Globs of checks whose warnings are reported as errors.)"),
                                      cl::init(""), cl::cat(AcmCategory));

cl::opt<std::string> HeaderFilter("header-filter", describe(R"(
Regular expression of headers whose findings are shown,
as in clang-tidy (default: all non-system headers).)"),
                                  cl::init(""), cl::cat(AcmCategory));

cl::opt<std::string> ExcludeHeaderFilter("exclude-header-filter", describe(R"(
Regular expression of headers whose findings are not
shown, even when --header-filter matches them.)"),
                                         cl::init(""), cl::cat(AcmCategory));

cl::opt<std::string> LineFilterOption("line-filter", describe(R"(
Report only findings on these lines, in clang-tidy's
JSON: [{"name":"file.cpp","lines":[[1,3],[5,5]]},
{"name":"file.h"}] (no "lines": the whole file).)"),
                                       cl::value_desc("json"), cl::init(""),
                                       cl::cat(AcmCategory));

cl::opt<bool> SystemHeaders("system-headers", describe(R"(
Also report findings in system headers.)"),
                            cl::init(false), cl::cat(AcmCategory));

cl::opt<bool> UseColor("use-color", describe(R"(
Color the text output (--use-color=false: never). By
default only on a terminal, and never when NO_COLOR is
set or TERM is dumb.)"),
                       cl::init(false), cl::cat(AcmCategory));

cl::list<std::string> RemovedArgs("removed-arg", describe(R"(
Remove this argument from every compile command, after
--extra-arg and --extra-arg-before.)"),
                                  cl::value_desc("arg"), cl::cat(AcmCategory));

cl::opt<bool> Fix("fix", cl::desc("Apply the suggested fixes."),
                  cl::init(false), cl::cat(AcmCategory));

cl::opt<std::string> ExportFixes("export-fixes", describe(R"(
Write the suggested fixes as YAML that
clang-apply-replacements accepts.)"),
                                 cl::value_desc("filename"),
                                 cl::cat(AcmCategory));

cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the enabled checks and exit."),
                         cl::init(false), cl::cat(AcmCategory));

cl::opt<bool> DumpConfig("dump-config",
                         cl::desc("Print the effective configuration."),
                         cl::init(false), cl::cat(AcmCategory));

cl::opt<bool> VerifyConfig("verify-config", describe(R"(
Check the configuration and exit: acm check globs, option
keys and values. 0 when it is valid, 2 when it is not.)"),
                           cl::init(false), cl::cat(AcmCategory));

cl::opt<bool> ExitZero("exit-zero", describe(R"(
Exit with 0 although there are findings, as clang-tidy
does (for CMAKE_CXX_CLANG_TIDY); findings that
--warnings-as-errors turns into errors still exit with 1,
usage and compile errors with 2.)"),
                       cl::init(false), cl::cat(AcmCategory));

cl::opt<bool> ShowProgress("progress", describe(R"(
Print "[i/N] file" on stderr as each file starts, one
line each, also when stderr is no terminal (CI logs).)"),
                           cl::init(false), cl::cat(AcmCategory));

cl::opt<bool> Statistics("statistics", describe(R"(
After the summary, print the findings per check and per
file on stderr.)"),
                         cl::init(false), cl::cat(AcmCategory));

cl::opt<std::string> Explain("explain", describe(R"(
Print the documentation of this check and exit.)"),
                             cl::value_desc("check"), cl::init(""),
                             cl::cat(AcmCategory));

cl::opt<bool> Quiet("quiet", cl::desc("Print no summary line."),
                    cl::init(false), cl::cat(AcmCategory));

cl::opt<unsigned> Jobs("j", describe(R"(
Check this many translation units in parallel, at most
1024 (default, or 0: all cores). The output does not
depend on it.)"),
                       cl::value_desc("N"), cl::Prefix, cl::init(0),
                       cl::cat(AcmCategory));

cl::opt<std::string> Format("format", describe(R"(
Output format: text (default), sarif (SARIF 2.1.0),
json, github (GitHub Actions annotations), gitlab
(GitLab Code Quality) or junit (JUnit XML).)"),
                            cl::init("text"), cl::cat(AcmCategory));

cl::opt<std::string> Output("output", describe(R"(
Write the findings to this file instead of stdout.)"),
                            cl::value_desc("filename"), cl::init(""),
                            cl::cat(AcmCategory));

cl::opt<std::string> SourceRoot("source-root", describe(R"(
The project's root directory. The outputs name files
inside it relative to it (SARIF: against SRCROOT);
baselines and --diff name files relative to it
(default: the current directory; for SARIF and JSON,
absolute paths).)"),
                                cl::value_desc("dir"), cl::init(""),
                                cl::cat(AcmCategory));

cl::opt<std::string> WriteBaseline("write-baseline", describe(R"(
Record the findings of this run in a baseline file
and exit with 0 (2 if a file does not compile).)"),
                                   cl::value_desc("filename"), cl::init(""),
                                   cl::cat(AcmCategory));

cl::opt<std::string> BaselineFile("baseline", describe(R"(
Report only findings that are not in this baseline file
(written by --write-baseline).)"),
                                  cl::value_desc("filename"), cl::init(""),
                                  cl::cat(AcmCategory));

cl::opt<bool> DiffMode("diff", describe(R"(
Read a unified diff (git diff -U0) from stdin and report
only findings on the lines it adds or changes. With no
files, check the changed files.)"),
                       cl::init(false), cl::cat(AcmCategory));

cl::opt<std::string> Shard("shard", describe(R"(
Check only part K of N of the files (1 <= K <= N), so N
CI jobs share a project; every file is in one part.)"),
                           cl::value_desc("K/N"), cl::init(""),
                           cl::cat(AcmCategory));

cl::opt<bool> MergeSarif("merge-sarif", describe(R"(
Merge the SARIF logs named as inputs (from the shards of
one project) into one log, and exit.)"),
                         cl::init(false), cl::cat(AcmCategory));

cl::opt<std::string> CacheDir("cache-dir", describe(R"(
Keep the result cache in this directory (default:
.acm-tidy-cache in the directory of compile_commands.json;
no cache for commands given after --).)"),
                              cl::value_desc("dir"), cl::init(""),
                              cl::cat(AcmCategory));

cl::opt<std::string> CacheMaxSize("cache-max-size", describe(R"(
After a run that stored results, remove the entries used
least recently until the cache takes at most this much:
a number of bytes, or with K, M or G (default: 1G; 0: no
limit).)"),
                                  cl::value_desc("size"), cl::init("1G"),
                                  cl::cat(AcmCategory));

cl::opt<bool> NoCache("no-cache", describe(R"(
Check every file: neither read nor write the result
cache.)"),
                      cl::init(false), cl::cat(AcmCategory));

cl::opt<bool> DebugFlow("acm-debug-flow", describe(R"(
Print each coroutine's CFG size, final flow states,
flow statistics and the bounds the analysis reached to
stderr (for developers; use with -j 1).)"),
                        cl::init(false), cl::Hidden, cl::cat(AcmCategory));

cl::opt<std::string> TestBeforeFix("acm-test-before-fix", describe(R"(
Run this shell command after checking and before --fix
reads the files again (for tests of files that change
meanwhile).)"),
                                   cl::value_desc("command"), cl::init(""),
                                   cl::Hidden, cl::cat(AcmCategory));

cl::opt<std::string> TestToolIdentity("acm-test-tool-identity", describe(R"(
Name the tool this way in result cache keys instead of by
a digest of its executable (for tests of a rebuilt tool).)"),
                                      cl::value_desc("text"), cl::init(""),
                                      cl::Hidden, cl::cat(AcmCategory));

const char Overview[] = R"(acm-tidy finds bugs in the asynchronous enter/exit protocol of C++20
coroutines: exits that are never awaited, awaited twice or used after.

  acm-tidy [options] <file>... [-- <compiler args>]
  acm-tidy -p <build-dir> [<file>...]   (no file: every file in the database)
  acm-tidy --merge-sarif [--output=<file>] <log.sarif>...
)";

cl::extrahelp ExitStatusHelp(R"(
Exit status:
  0  no findings (with --exit-zero: none that --warnings-as-errors
     makes errors); also after --write-baseline
  1  findings
  2  a usage error, an invalid configuration, a file that does not
     compile, an output that cannot be written, a fix not applied
)");

/// Set when the compile commands are those after --.
bool FixedCommands = false;

/// Set when a configuration file clang-tidy's search found is invalid.
std::atomic<bool> FoundInvalidConfiguration = false;

/// The configuration in \p Text, or std::nullopt after reporting why not.
/// LLVM's YAML parser would overflow the stack on text nested too deep.
std::optional<ClangTidyOptions> readConfiguration(MemoryBufferRef Text) {
  std::string Problem = acm::yamlNestingProblem(Text.getBuffer());
  if (Problem.empty()) {
    auto Parsed = parseConfiguration(Text);
    if (Parsed)
      return std::move(*Parsed);
    Problem = Parsed.getError().message();
  }
  errs() << "error: invalid configuration in " << Text.getBufferIdentifier()
         << ": " << Problem << "\n";
  return std::nullopt;
}

/// clang-tidy's search for .clang-tidy files, with our parser. An invalid
/// file is reported once and taken as empty, so that clang-tidy's search
/// keeps it (instead of reporting it again for every file) and stops
/// there; the run then ends with status 2 before checking anything.
class DiscoveredOptionsProvider : public FileOptionsProvider {
public:
  DiscoveredOptionsProvider(ClangTidyGlobalOptions GlobalOptions,
                            ClangTidyOptions DefaultOptions,
                            ClangTidyOptions OverrideOptions,
                            IntrusiveRefCntPtr<vfs::FileSystem> FS)
      : FileOptionsProvider(std::move(GlobalOptions), std::move(DefaultOptions),
                            std::move(OverrideOptions),
                            ConfigFileHandlers{{".clang-tidy", parse}}) {
    // The constructor that takes handlers leaves the file system unset.
    this->FS = std::move(FS);
  }

private:
  static ErrorOr<ClangTidyOptions> parse(MemoryBufferRef Text) {
    if (std::optional<ClangTidyOptions> Read = readConfiguration(Text))
      return std::move(*Read);
    FoundInvalidConfiguration = true;
    return ClangTidyOptions();
  }
};

/// A terminal that shows escape codes as they are (TERM=dumb), or a user
/// who asked for none (NO_COLOR, https://no-color.org).
bool escapeCodesUnwanted() {
  std::optional<std::string> NoColor = sys::Process::GetEnv("NO_COLOR");
  std::optional<std::string> Term = sys::Process::GetEnv("TERM");
  return (NoColor && !NoColor->empty()) || (Term && *Term == "dumb");
}

/// --use-color when given; otherwise none when unwanted, or unset, so that
/// clang-tidy's reporter colors only a terminal's output.
std::optional<bool> colorChoice() {
  if (UseColor.getNumOccurrences())
    return UseColor;
  if (escapeCodesUnwanted())
    return false;
  return std::nullopt;
}

std::unique_ptr<ClangTidyOptionsProvider>
createOptionsProvider(IntrusiveRefCntPtr<vfs::FileSystem> FS) {
  ClangTidyGlobalOptions GlobalOptions;
  ClangTidyOptions DefaultOptions = ClangTidyOptions::getDefaults();
  DefaultOptions.Checks = "-*,acm-*";

  ClangTidyOptions OverrideOptions;
  if (Checks.getNumOccurrences())
    OverrideOptions.Checks = Checks;
  if (WarningsAsErrors.getNumOccurrences())
    OverrideOptions.WarningsAsErrors = WarningsAsErrors;
  if (HeaderFilter.getNumOccurrences())
    OverrideOptions.HeaderFilterRegex = HeaderFilter;
  if (ExcludeHeaderFilter.getNumOccurrences())
    OverrideOptions.ExcludeHeaderFilterRegex = ExcludeHeaderFilter;
  if (SystemHeaders.getNumOccurrences())
    OverrideOptions.SystemHeaders = SystemHeaders;
  OverrideOptions.UseColor = colorChoice();

  auto FromText =
      [&](StringRef Text,
          StringRef Source) -> std::unique_ptr<ClangTidyOptionsProvider> {
    auto Parsed = readConfiguration(MemoryBufferRef(Text, Source));
    if (!Parsed)
      return nullptr;
    return std::make_unique<ConfigOptionsProvider>(
        std::move(GlobalOptions), std::move(DefaultOptions), *Parsed,
        std::move(OverrideOptions), FS);
  };

  if (!ConfigFile.empty() && !Config.empty()) {
    errs() << "error: --config and --config-file are mutually exclusive\n";
    return nullptr;
  }
  if (!ConfigFile.empty()) {
    auto Text = MemoryBuffer::getFile(ConfigFile);
    if (!Text) {
      errs() << "error: cannot read config file '" << ConfigFile
             << "': " << Text.getError().message() << "\n";
      return nullptr;
    }
    return FromText((*Text)->getBuffer(), ConfigFile);
  }
  if (!Config.empty())
    return FromText(Config, "<command line>");
  return std::make_unique<DiscoveredOptionsProvider>(
      std::move(GlobalOptions), std::move(DefaultOptions),
      std::move(OverrideOptions), FS);
}

/// Reports, once each, the problems of the acm part of the configuration
/// that applies to each of \p Files (see VerifyConfig.h); with
/// \p CheckValues, also values the checks cannot use. Returns whether there
/// were any.
bool reportConfigurationProblems(ClangTidyOptionsProvider &Provider,
                                 ArrayRef<std::string> Files,
                                 bool CheckValues) {
  // Files of one directory share their sources: each is looked at once.
  StringSet<> Seen;
  bool Found = false;
  for (const std::string &File : Files) {
    for (const auto &[Options, Source] : Provider.getRawOptions(File)) {
      if (!Seen.insert(Source).second)
        continue;
      // The provider names --config-file's text as if it were --config.
      StringRef Where = Source;
      if (!ConfigFile.empty() &&
          Where == ClangTidyOptionsProvider::
                       OptionsSourceTypeConfigCommandLineOption)
        Where = ConfigFile;
      for (const std::string &Problem :
           acm::configurationProblems(Options, CheckValues)) {
        errs() << "error: invalid configuration in " << Where << ": " << Problem
               << "\n";
        Found = true;
      }
    }
  }
  return Found;
}

/// --verify-config: reports every problem of the configuration that applies
/// to \p Files, also values the checks cannot use and configurations that
/// enable no acm check. Returns the exit status.
int verifyConfiguration(ClangTidyOptionsProvider &Provider,
                        ArrayRef<std::string> Files) {
  bool Invalid =
      reportConfigurationProblems(Provider, Files, /*CheckValues=*/true);
  bool NoneEnabled = llvm::any_of(Files, [&](const std::string &File) {
    return acm::enablesNoCheck(Provider.getOptions(File));
  });
  if (NoneEnabled)
    errs() << "error: no checks enabled (see --checks and .clang-tidy)\n";
  if (Invalid || NoneEnabled || FoundInvalidConfiguration)
    return ExitError;
  outs() << "No config errors detected.\n";
  return ExitClean;
}

/// Adds -resource-dir to compile commands that lack one, so builtin headers
/// are found wherever acm-tidy runs from.
tooling::ArgumentsAdjuster resourceDirAdjuster(std::string Dir) {
  return [Dir](const tooling::CommandLineArguments &Args, StringRef) {
    if (Dir.empty())
      return Args;
    for (const std::string &Arg : Args)
      if (StringRef(Arg).starts_with("-resource-dir"))
        return Args;
    tooling::CommandLineArguments Adjusted = Args;
    Adjusted.insert(Adjusted.begin() + (Adjusted.empty() ? 0 : 1),
                    "-resource-dir=" + Dir);
    return Adjusted;
  };
}

/// Removes the arguments --removed-arg names, as clang-tidy does.
tooling::ArgumentsAdjuster removedArgsAdjuster() {
  std::vector<std::string> Removed(RemovedArgs.begin(), RemovedArgs.end());
  return [Removed](const tooling::CommandLineArguments &Args, StringRef) {
    tooling::CommandLineArguments Kept;
    for (const std::string &Arg : Args)
      if (!llvm::is_contained(Removed, Arg))
        Kept.push_back(Arg);
    return Kept;
  };
}

/// The database the checks use: every command gets a resource directory,
/// and the threads that check files in parallel take turns to read it.
class CheckingDatabase : public tooling::CompilationDatabase {
public:
  CheckingDatabase(tooling::CompilationDatabase &Inner,
                   tooling::ArgumentsAdjuster Adjust)
      : Inner(Inner), Adjust(std::move(Adjust)) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef File) const override {
    std::lock_guard<std::mutex> Guard(Lock);
    return adjust(Inner.getCompileCommands(File));
  }
  std::vector<std::string> getAllFiles() const override {
    std::lock_guard<std::mutex> Guard(Lock);
    return Inner.getAllFiles();
  }
  std::vector<tooling::CompileCommand> getAllCompileCommands() const override {
    std::lock_guard<std::mutex> Guard(Lock);
    return adjust(Inner.getAllCompileCommands());
  }

private:
  std::vector<tooling::CompileCommand>
  adjust(std::vector<tooling::CompileCommand> Commands) const {
    for (tooling::CompileCommand &Command : Commands)
      Command.CommandLine = Adjust(Command.CommandLine, Command.Filename);
    return Commands;
  }
  mutable std::mutex Lock;
  tooling::CompilationDatabase &Inner;
  tooling::ArgumentsAdjuster Adjust;
};

/// The value of CommonOptionsParser's -p option.
std::string buildPathOption() {
  auto &Registered = cl::getRegisteredOptions();
  auto It = Registered.find("p");
  if (It == Registered.end())
    return "";
  return static_cast<cl::opt<std::string> *>(It->second)->getValue();
}

/// The values of one of CommonOptionsParser's list options.
std::vector<std::string> listOption(StringRef Name) {
  auto &Registered = cl::getRegisteredOptions();
  auto It = Registered.find(Name);
  if (It == Registered.end())
    return {};
  auto *List = static_cast<cl::list<std::string> *>(It->second);
  return std::vector<std::string>(List->begin(), List->end());
}

/// Whether the compile_commands.json in \p BuildPath, if there is one,
/// loads; false after reporting why not. clang's search would go on to a
/// parent directory's database instead.
bool checkDatabaseLoads(StringRef BuildPath) {
  SmallString<256> Path(BuildPath);
  sys::path::append(Path, "compile_commands.json");
  if (!sys::fs::exists(Path))
    return true;
  // Read as JSON first: clang's loader prints its YAML parser's errors.
  auto Read = acm::readJsonFile(Path, "a compilation database");
  if (!Read) {
    errs() << "error: -p: " << toString(Read.takeError()) << "\n";
    return false;
  }
  std::string Message;
  if (tooling::JSONCompilationDatabase::loadFromFile(
          Path, Message, tooling::JSONCommandLineSyntax::AutoDetect))
    return true;
  errs() << "error: -p: '" << Path
         << "' is not a compilation database: " << Message << "\n";
  return false;
}

/// Whether an output would overwrite one of the \p Files to check; true
/// after reporting it.
bool outputOverwritesInput(ArrayRef<std::string> Files) {
  for (const cl::opt<std::string> *Option :
       {&Output, &WriteBaseline, &ExportFixes}) {
    StringRef Path = *Option;
    if (Path.empty() || Path == "-")
      continue;
    for (const std::string &File : Files) {
      bool Same = false;
      if (!sys::fs::equivalent(Path, File, Same) && Same) {
        errs() << "error: --" << Option->ArgStr << " '" << Path
               << "' is a file to check; not overwriting it\n";
        return true;
      }
    }
  }
  return false;
}

/// Loads the database -p names, as CommonOptionsParser would have: with
/// --extra-arg(-before) applied and commands inferred for files it lacks
/// (headers named by --diff).
std::unique_ptr<tooling::CompilationDatabase>
loadDatabase(StringRef BuildPath) {
  std::string Message;
  auto Loaded =
      tooling::CompilationDatabase::autoDetectFromDirectory(BuildPath, Message);
  if (!Loaded) {
    errs() << "error: " << Message << "\n";
    return nullptr;
  }
  auto Adjusted = std::make_unique<tooling::ArgumentsAdjustingCompilations>(
      tooling::inferMissingCompileCommands(std::move(Loaded)));
  Adjusted->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      listOption("extra-arg-before"), tooling::ArgumentInsertPosition::BEGIN));
  Adjusted->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      listOption("extra-arg"), tooling::ArgumentInsertPosition::END));
  return Adjusted;
}

bool isCxxFile(StringRef Path) {
  static const StringSet<> Extensions = {
      ".c",   ".cc",  ".cpp", ".cxx", ".c++", ".C", ".cppm", ".ixx",
      ".h",   ".hh",  ".hpp", ".hxx", ".h++", ".H", ".inl",  ".ipp",
      ".tcc", ".tpp", ".cu",  ".cuh", ".m",   ".mm"};
  return Extensions.contains(sys::path::extension(Path));
}

/// Parses --cache-max-size: bytes, or kibibytes, mebibytes or gibibytes
/// with K, M or G.
bool parseSize(StringRef Text, uint64_t &Bytes) {
  unsigned Shift = 0;
  if (Text.consume_back("K") || Text.consume_back("k"))
    Shift = 10;
  else if (Text.consume_back("M") || Text.consume_back("m"))
    Shift = 20;
  else if (Text.consume_back("G") || Text.consume_back("g"))
    Shift = 30;
  if (Text.getAsInteger(10, Bytes) || Bytes > (UINT64_MAX >> Shift))
    return false;
  Bytes <<= Shift;
  return true;
}

/// Parses --shard's "K/N".
bool parseShard(StringRef Text, unsigned &Part, unsigned &Parts) {
  auto [K, N] = Text.split('/');
  return !K.getAsInteger(10, Part) && !N.getAsInteger(10, Parts) &&
         Parts >= 1 && Part >= 1 && Part <= Parts;
}

/// "[37/412] src/net/conn.cpp" as each file starts: with --progress, one
/// line per file, as run-clang-tidy prints (for CI logs); otherwise on a
/// terminal that shows escape codes, one line that overwrites itself.
class Progress {
public:
  Progress(size_t Total, bool LinePerFile)
      : Total(Total), LinePerFile(LinePerFile),
        Shown(LinePerFile || (sys::Process::StandardErrIsDisplayed() &&
                              !escapeCodesUnwanted())) {
    sys::fs::current_path(WorkingDirectory);
  }
  void start(StringRef File, size_t Started, bool FromCache) {
    if (!Shown)
      return;
    std::string Line = ("[" + Twine(Started) + "/" + Twine(Total) + "] " +
                        acm::relativePath(File, WorkingDirectory) +
                        (FromCache ? " (cached)" : ""))
                           .str();
    if (LinePerFile) {
      errs() << Line << "\n";
      errs().flush();
      return;
    }
    // One line that overwrites itself: never wider than the terminal.
    unsigned Width = sys::Process::StandardErrColumns();
    if (Width > 1 && Line.size() >= Width)
      Line.resize(Width - 1);
    errs() << "\r\x1b[K" << Line;
    errs().flush();
    Dirty = true;
  }
  void finish() {
    if (Dirty)
      errs() << "\r\x1b[K";
  }

private:
  size_t Total;
  bool LinePerFile, Shown, Dirty = false;
  SmallString<256> WorkingDirectory;
};

/// Runs \p Print with the process's standard output sent to \p Path:
/// clang-tidy's reporter prints to stdout only.
bool withStdoutTo(StringRef Path, function_ref<void()> Print) {
  if (std::error_code EC = acm::takeWriteError(outs())) {
    errs() << "error: cannot write to stdout: " << EC.message() << "\n";
    return false;
  }
  llvm::Error Written = acm::writeFileAtomically(Path, [&](int FD) {
    int Saved = ::dup(STDOUT_FILENO);
    ::dup2(FD, STDOUT_FILENO);
    Print();
    std::error_code EC = acm::takeWriteError(outs());
    ::dup2(Saved, STDOUT_FILENO);
    ::close(Saved);
    return errorCodeToError(EC);
  });
  if (!Written)
    return true;
  errs() << "error: " << toString(std::move(Written)) << "\n";
  return false;
}

/// Writes \p Path ("" or "-": stdout) with \p Write, whole or not at all.
bool writeTo(StringRef Path, function_ref<void(raw_ostream &)> Write) {
  llvm::Error Written = acm::writeOutput(Path, Write);
  if (!Written)
    return true;
  errs() << "error: " << toString(std::move(Written)) << "\n";
  return false;
}

std::string plural(size_t Count, StringRef Noun) {
  return (Twine(Count) + " " + Noun + (Count == 1 ? "" : "s")).str();
}

/// Reads --baseline, the diff of --diff and --line-filter; false after
/// reporting an error.
bool readFilters(StringRef ProjectRoot, std::optional<acm::Baseline> &Known,
                 std::optional<acm::ChangedLines> &Changed,
                 std::optional<acm::LineFilter> &Lines) {
  if (!LineFilterOption.empty()) {
    auto Parsed = acm::LineFilter::parse(LineFilterOption);
    if (!Parsed) {
      errs() << "error: --line-filter: " << toString(Parsed.takeError())
             << "\n";
      return false;
    }
    Lines = std::move(*Parsed);
  }
  if (!BaselineFile.empty()) {
    auto Read = acm::readBaseline(BaselineFile);
    if (!Read) {
      errs() << "error: " << toString(Read.takeError()) << "\n";
      return false;
    }
    Known = std::move(*Read);
  }
  if (DiffMode) {
    if (sys::Process::StandardInIsUserInput()) {
      errs() << "error: --diff reads a unified diff from stdin, e.g. "
                "git diff -U0 | acm-tidy --diff -p build\n";
      return false;
    }
    auto Input = MemoryBuffer::getSTDIN();
    if (!Input) {
      errs() << "error: cannot read the diff from stdin: "
             << Input.getError().message() << "\n";
      return false;
    }
    auto Parsed = acm::ChangedLines::parse((*Input)->getBuffer(), ProjectRoot);
    if (!Parsed) {
      errs() << "error: --diff: " << toString(Parsed.takeError()) << "\n";
      return false;
    }
    Changed = std::move(*Parsed);
  }
  return true;
}

/// The files to check, absolute and sorted: \p Files (named, or the
/// database's), with no file named only those \p Changed has.
std::vector<std::string> selectFiles(std::vector<std::string> Files, bool Named,
                                     const acm::ChangedLines *Changed) {
  for (std::string &File : Files)
    File = acm::absolutePath(File);
  if (Changed && !Named) {
    // The changed C and C++ files, named as the database names them when it
    // has them; others (headers) get commands inferred from similar files.
    StringMap<std::string> DatabaseName;
    for (const std::string &File : Files)
      DatabaseName[acm::canonicalPath(File)] = File;
    Files.clear();
    for (const std::string &File : Changed->files()) {
      auto It = DatabaseName.find(File);
      if (It != DatabaseName.end())
        Files.push_back(It->second);
      else if (isCxxFile(File))
        Files.push_back(File);
    }
  }
  // The same order whatever the database's, so shards are stable.
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  return Files;
}

/// The part of the sorted \p Files that --shard asks for.
std::vector<std::string> shardOf(std::vector<std::string> Files, unsigned Part,
                                 unsigned Parts) {
  if (Parts <= 1)
    return Files;
  std::vector<std::string> Selected;
  for (size_t I = Part - 1; I < Files.size(); I += Parts)
    Selected.push_back(Files[I]);
  return Selected;
}

/// Findings that --baseline, --diff and --line-filter hide.
struct Hidden {
  unsigned InBaseline = 0;
  unsigned OutsideDiff = 0;
  unsigned OutsideLineFilter = 0;
};

/// Removes the findings none of whose lines \p OnLine takes; returns how
/// many. A finding is on the lines when its warning or one of its notes
/// is: adding an enter can make a warning at a return further down.
unsigned keepFindingsOnLines(std::vector<acm::Result> &Results,
                             function_ref<bool(StringRef, unsigned)> OnLine) {
  auto OnLines = [&](const acm::Located &L) {
    return !L.File.empty() && L.Pos.Line && OnLine(L.File, L.Pos.Line);
  };
  size_t Before = Results.size();
  llvm::erase_if(Results, [&](const acm::Result &R) {
    return R.isFinding() && !OnLines(R.Main) &&
           llvm::none_of(R.Notes, OnLines);
  });
  return Before - Results.size();
}

/// Removes from \p Results what --baseline, --diff and --line-filter hide;
/// the findings of the baseline on the lines shown go to \p Unchanged.
Hidden filterResults(std::vector<acm::Result> &Results,
                     const acm::Baseline *Known,
                     const acm::ChangedLines *Changed,
                     const acm::LineFilter *Lines, StringRef ProjectRoot,
                     std::vector<acm::Result> &Unchanged) {
  Hidden Out;
  if (Known)
    Out.InBaseline =
        acm::subtractBaseline(Results, *Known, ProjectRoot, &Unchanged);
  auto OnChangedLine = [&](StringRef File, unsigned Line) {
    return Changed->contains(acm::canonicalPath(File), Line);
  };
  auto OnFilteredLine = [&](StringRef File, unsigned Line) {
    return Lines->contains(File, Line);
  };
  if (Changed) {
    Out.OutsideDiff = keepFindingsOnLines(Results, OnChangedLine);
    keepFindingsOnLines(Unchanged, OnChangedLine);
  }
  if (Lines) {
    Out.OutsideLineFilter = keepFindingsOnLines(Results, OnFilteredLine);
    keepFindingsOnLines(Unchanged, OnFilteredLine);
  }
  return Out;
}

/// Prints \p Results in the chosen format and exports their fixes; false
/// after reporting an error.
bool report(ArrayRef<acm::Result> Results, ArrayRef<acm::Result> Unchanged,
            ArrayRef<std::string> Files, acm::SharedOptions &Options,
            IntrusiveRefCntPtr<vfs::FileSystem> BaseFS, StringRef DocsUri) {
  std::vector<ClangTidyError> Errors;
  for (const acm::Result &R : Results)
    Errors.push_back(R.Error);
  // clang-tidy's reporter prints the text format; --fix is ours
  // (applyFixes), after the files are reported.
  ClangTidyContext ReportContext(Options.view(BaseFS));
  auto PrintText = [&] {
    unsigned Ignored = 0;
    handleErrors(Errors, ReportContext, FB_NoFix, Ignored, BaseFS);
  };
  if (Format == "text") {
    if (Output.empty())
      PrintText();
    else if (!withStdoutTo(Output, PrintText))
      return false;
  } else {
    // CI systems want paths relative to the checkout, where CI jobs run:
    // their formats default to the current directory as the root.
    bool ForCi = Format == "github" || Format == "gitlab" || Format == "junit";
    acm::ReportOptions ReportOptions{
        ACM_VERSION, DocsUri.str(),
        !SourceRoot.empty() ? acm::canonicalPath(SourceRoot)
        : ForCi             ? acm::canonicalPath(".")
                            : "",
        BaselineFile};
    if (!writeTo(Output, [&](raw_ostream &OS) {
          if (Format == "sarif")
            acm::writeSarif(Results, ReportOptions, OS, Unchanged);
          else if (Format == "github")
            acm::writeGithub(Results, ReportOptions, OS);
          else if (Format == "gitlab")
            acm::writeGitlab(Results, ReportOptions, OS);
          else if (Format == "junit")
            acm::writeJunit(Results, Files, ReportOptions, OS);
          else
            acm::writeJson(Results, ReportOptions, OS);
        }))
      return false;
  }

  if (ExportFixes.empty())
    return true;
  // The fixes of the findings reported; not the compiler's own fix-its.
  std::vector<ClangTidyError> Fixable;
  for (const acm::Result &R : Results)
    if (R.isFinding())
      Fixable.push_back(R.Error);
  return writeTo(ExportFixes, [&](raw_ostream &OS) {
    // One main file, or none for a run over several.
    exportReplacements(Files.size() == 1 ? Files.front() : "", Fixable, OS);
  });
}

/// Applies the fixes of \p Results (--fix) to the files that still hold
/// what \p Parsed recorded; false when a file was left unfixed, after
/// reporting it.
bool fixFiles(ArrayRef<acm::Result> Results, const acm::ParsedFiles &Parsed,
              acm::SharedOptions &Options) {
  // Fixes found in code that clang could not parse may be wrong, as
  // clang-tidy holds; the compile errors already make the status 2.
  if (llvm::any_of(Results,
                   [](const acm::Result &R) { return R.isCompilerError(); })) {
    acm::reportFixesWithheld(Results, errs());
    return true;
  }
  acm::FixOptions FixOptions;
  FixOptions.FormatStyle = [&Options](StringRef File) {
    return Options.options(File).FormatStyle.value_or("none");
  };
  FixOptions.CommandBeforeFixing = TestBeforeFix;
  return !acm::applyFixes(Results, Parsed, FixOptions, errs()).Failed;
}

/// --statistics: the findings shown, per check and per file, the most
/// first; then what the result cache gave.
void printStatistics(ArrayRef<acm::Result> Results,
                     const acm::ResultCache *Cache, raw_ostream &OS) {
  SmallString<256> WorkingDirectory;
  sys::fs::current_path(WorkingDirectory);
  std::map<std::string, size_t> PerCheck, PerFile;
  for (const acm::Result &R : Results) {
    if (!R.isFinding())
      continue;
    ++PerCheck[R.Error.DiagnosticName];
    ++PerFile[R.Main.File.empty()
                  ? std::string("<no file>")
                  : acm::relativePath(R.Main.File, WorkingDirectory)];
  }
  auto Print = [&OS](StringRef Title,
                     const std::map<std::string, size_t> &Counts) {
    if (Counts.empty()) {
      OS << Title << ": none\n";
      return;
    }
    OS << Title << ":\n";
    std::vector<std::pair<std::string, size_t>> Sorted(Counts.begin(),
                                                       Counts.end());
    llvm::sort(Sorted, [](const auto &A, const auto &B) {
      return A.second != B.second ? A.second > B.second : A.first < B.first;
    });
    for (const auto &[Name, Count] : Sorted)
      OS << formatv("{0,7}  {1}\n", Count, Name);
  };
  Print("Findings per check", PerCheck);
  Print("Findings per file", PerFile);
  if (!Cache) {
    OS << "Result cache: not used\n";
    return;
  }
  acm::CacheStatistics Counts = Cache->statistics();
  unsigned Misses = Counts.Misses + Counts.NotStored;
  OS << "Result cache: " << plural(Counts.Hits, "hit") << ", "
     << Misses << (Misses == 1 ? " miss" : " misses") << " ("
     << acm::relativePath(Cache->directory(), WorkingDirectory) << ")\n";
  if (Counts.NotStored)
    OS << "  " << Counts.NotStored
       << " not stored (compile errors are checked again on every run)\n";
}

/// The result cache of this run, or none: --no-cache, --acm-debug-flow
/// (whose output the analysis prints as it runs), commands given after
/// -- without --cache-dir, or a cache that cannot be opened (a warning).
std::unique_ptr<acm::ResultCache>
openResultCache(ArrayRef<std::string> Files, const char *Argv0,
                void *MainAddress) {
  if (NoCache || DebugFlow || Files.empty())
    return nullptr;
  std::string Directory = CacheDir;
  if (Directory.empty()) {
    // After --, the commands are the command line's: no build directory.
    if (FixedCommands)
      return nullptr;
    std::string BuildPath = buildPathOption();
    std::string Database = acm::compilationDatabaseDirectory(
        !BuildPath.empty() ? StringRef(BuildPath)
                           : sys::path::parent_path(Files.front()));
    if (Database.empty())
      return nullptr;
    SmallString<256> Path(Database);
    sys::path::append(Path, ".acm-tidy-cache");
    Directory = std::string(Path);
  }
  std::string Identity = !TestToolIdentity.empty()
                             ? std::string(TestToolIdentity)
                             : acm::toolIdentity(Argv0, MainAddress);
  if (Identity.empty()) {
    errs() << "warning: the result cache is not used: cannot read the "
              "acm-tidy executable\n";
    return nullptr;
  }
  auto Opened = acm::ResultCache::open(Directory, std::move(Identity));
  if (!Opened) {
    errs() << "warning: the result cache is not used: "
           << toString(Opened.takeError()) << "\n";
    return nullptr;
  }
  return std::move(*Opened);
}

/// Where the check pages may be: the installed docs next to the
/// executable (<prefix>/share/doc/acm-tidy), then the source tree's docs,
/// for a binary in the build tree.
std::vector<std::string> docDirectories(const char *Argv0, void *MainAddress) {
  std::string Executable = sys::fs::getMainExecutable(Argv0, MainAddress);
  SmallString<256> Installed(
      sys::path::parent_path(sys::path::parent_path(Executable)));
  sys::path::append(Installed, "share", "doc", "acm-tidy");
  return {std::string(Installed), ACM_SOURCE_DOCS_DIR};
}

/// --explain: prints the page of the check \p Name; returns the exit
/// status.
int explainCheck(StringRef Name, ArrayRef<std::string> DocDirectories) {
  const acm::CheckInfo *Check = acm::findCheck(Name);
  if (!Check) {
    errs() << "error: --explain: '" << Name << "' is not an acm check";
    StringRef Closest = acm::closestCheck(Name);
    if (!Closest.empty())
      errs() << "; did you mean '" << Closest << "'?";
    errs() << " (--list-checks lists them)\n";
    return ExitError;
  }
  std::vector<std::string> Tried;
  for (const std::string &Directory : DocDirectories) {
    SmallString<256> Page(Directory);
    sys::path::append(Page, Check->docPath());
    auto Text = MemoryBuffer::getFile(Page);
    if (Text) {
      outs() << (*Text)->getBuffer();
      return ExitClean;
    }
    Tried.push_back(std::string(Page));
  }
  errs() << "error: --explain: the page of " << Name
         << " is not installed; looked for " << llvm::join(Tried, " and ")
         << "\n";
  return ExitError;
}

} // namespace

int main(int argc, const char **argv);

/// acm-tidy, but for what stdout and stderr make of what it printed.
static int runAcmTidy(int argc, const char **argv) {
  InitLLVM Init(argc, argv);
  // A file size limit (ulimit -f) reached is a write error to report, not
  // a crash: LLVM's handlers would print a stack dump for SIGXFSZ.
  ::signal(SIGXFSZ, SIG_IGN);
  (void)AcmModuleAnchorSource;

  // --merge-sarif takes logs, not sources: an empty "--" keeps the parser
  // from looking for a compilation database for them.
  std::vector<const char *> Args(argv, argv + argc);
  if (llvm::is_contained(Args, StringRef("--merge-sarif")) &&
      !llvm::is_contained(Args, StringRef("--")))
    Args.push_back("--");
  FixedCommands = llvm::is_contained(Args, StringRef("--"));
  int ArgCount = Args.size();
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "acm-tidy " << ACM_VERSION << "\n  built with LLVM "
       << LLVM_VERSION_STRING << "\n";
  });
  auto Parser = tooling::CommonOptionsParser::create(
      ArgCount, Args.data(), AcmCategory, cl::ZeroOrMore, Overview);
  if (!Parser) {
    errs() << toString(Parser.takeError());
    return ExitError;
  }

  if (!Explain.empty())
    return explainCheck(Explain, docDirectories(argv[0],
                                                reinterpret_cast<void *>(&main)));

  if (std::string BuildPath = buildPathOption();
      !BuildPath.empty() && !checkDatabaseLoads(BuildPath))
    return ExitError;

  if (MergeSarif) {
    auto Merged = acm::mergeSarif(Parser->getSourcePathList());
    if (!Merged) {
      errs() << "error: --merge-sarif: " << toString(Merged.takeError())
             << "\n";
      return ExitError;
    }
    bool Written = writeTo(Output, [&](raw_ostream &OS) {
      OS << formatv("{0:2}", *Merged) << "\n";
    });
    return Written ? ExitClean : ExitError;
  }

  constexpr StringRef Formats[] = {"text",   "sarif",  "json",
                                   "github", "gitlab", "junit"};
  if (!llvm::is_contained(Formats, StringRef(Format))) {
    errs() << "error: unknown --format '" << Format
           << "' (expected text, sarif, json, github, gitlab or junit)\n";
    return ExitError;
  }
  if (Jobs > MaxJobs) {
    errs() << "error: -j " << Jobs << " is out of range (0 for all cores, "
           << "or 1 to " << MaxJobs << ")\n";
    return ExitError;
  }
  uint64_t CacheLimit = 0;
  if (!parseSize(CacheMaxSize, CacheLimit)) {
    errs() << "error: --cache-max-size expects a size such as 500M or 2G, "
              "not '"
           << CacheMaxSize << "'\n";
    return ExitError;
  }
  unsigned ShardPart = 1, ShardParts = 1;
  if (!Shard.empty() && !parseShard(Shard, ShardPart, ShardParts)) {
    errs() << "error: --shard expects K/N with 1 <= K <= N, not '" << Shard
           << "'\n";
    return ExitError;
  }
  if (!SourceRoot.empty() && !sys::fs::is_directory(SourceRoot)) {
    errs() << "error: --source-root '" << SourceRoot
           << "' is not a directory\n";
    return ExitError;
  }
  // Where baselines and --diff name files from.
  std::string ProjectRoot = acm::canonicalPath(
      SourceRoot.empty() ? StringRef(".") : StringRef(SourceRoot));
  std::optional<acm::Baseline> Known;
  std::optional<acm::ChangedLines> Changed;
  std::optional<acm::LineFilter> Lines;
  if (!readFilters(ProjectRoot, Known, Changed, Lines))
    return ExitError;

  if (DebugFlow)
    acm::setFlowDebugOutput(&errs());

  auto BaseFS =
      makeIntrusiveRefCnt<vfs::OverlayFileSystem>(vfs::getRealFileSystem());
  auto Provider = createOptionsProvider(BaseFS);
  if (!Provider)
    return ExitError;

  std::vector<std::string> Files = Parser->getSourcePathList();
  bool NamedFiles = !Files.empty();
  std::unique_ptr<tooling::CompilationDatabase> Loaded;
  if (Files.empty() && (ListChecks || DumpConfig || VerifyConfig) &&
      buildPathOption().empty())
    Files.push_back("dummy.cpp"); // Only the configuration is needed.
  else if (Files.empty()) {
    // With no files the parser loads no database: read the one -p names and
    // check everything in it (with --diff: the changed files).
    std::string BuildPath = buildPathOption();
    if (BuildPath.empty()) {
      errs() << "error: no input files (name files, or pass -p <build-dir> "
                "with a compile_commands.json)\n";
      return ExitError;
    }
    Loaded = loadDatabase(BuildPath);
    if (!Loaded)
      return ExitError;
    Files = Loaded->getAllFiles();
  }

  if (VerifyConfig)
    return verifyConfiguration(
        *Provider,
        Files.empty() ? std::vector<std::string>{"dummy.cpp"} : Files);

  if (ListChecks || DumpConfig) {
    StringRef Probe = Files.empty() ? StringRef("dummy.cpp") : Files.front();
    ClangTidyOptions Effective = Provider->getOptions(Probe);
    if (FoundInvalidConfiguration)
      return ExitError;
    if (ListChecks) {
      // clang-tidy's format, with the summary of each acm check.
      outs() << "Enabled checks:\n";
      for (const std::string &Name : getCheckNames(Effective, false, false)) {
        outs() << "    " << Name;
        if (const acm::CheckInfo *Check = acm::findCheck(Name))
          outs() << std::string(Name.size() < 34 ? 34 - Name.size() : 1, ' ')
                 << Check->Summary;
        outs() << "\n";
      }
      return ExitClean;
    }
    // Show every option the enabled checks read, with its current value.
    for (auto &Option : getCheckOptions(Effective, false, false))
      Effective.CheckOptions.try_emplace(Option.getKey(), Option.getValue());
    outs() << configurationAsText(Effective) << "\n";
    return ExitClean;
  }

  if (Files.empty()) {
    if (Loaded)
      errs() << "error: -p " << buildPathOption()
             << ": the compilation database has no entries; nothing to "
                "check\n";
    else
      errs() << "error: no input files (name files, or pass -p <build-dir> "
                "with a compile_commands.json)\n";
    return ExitError;
  }
  // No file left (a diff without C++ changes, an empty shard) is clean,
  // and the summary says why.
  acm::RunSummary Summary;
  Files =
      selectFiles(std::move(Files), NamedFiles, Changed ? &*Changed : nullptr);
  if (Changed && !NamedFiles)
    Summary.DiffChangedFiles = Changed->changedFileCount();
  Summary.ShardPart = ShardPart;
  Summary.ShardParts = ShardParts;
  Summary.FilesInAllParts = Files.size();
  Files = shardOf(std::move(Files), ShardPart, ShardParts);

  if (outputOverwritesInput(Files))
    return ExitError;
  // Every .clang-tidy that applies, read (and reported) before any check,
  // and the names in it that are no acm check or option. The checks report
  // values they cannot use.
  bool UnknownNames =
      reportConfigurationProblems(*Provider, Files, /*CheckValues=*/false);
  if (FoundInvalidConfiguration || UnknownNames)
    return ExitError;

  if (!Files.empty() &&
      acm::enablesNoCheck(Provider->getOptions(Files.front()))) {
    errs() << "error: no checks enabled (see --checks and .clang-tidy)\n";
    return ExitError;
  }

  // Only now: for --list-checks and --dump-config without files the parser
  // has no database, and binding a reference to it would be undefined.
  tooling::CompilationDatabase &Database =
      Loaded ? *Loaded : Parser->getCompilations();
  CheckingDatabase Checking(
      Database, tooling::combineAdjusters(
                    removedArgsAdjuster(),
                    resourceDirAdjuster(acm::preferredResourceDir(
                        argv[0], reinterpret_cast<void *>(&main)))));
  acm::SharedOptions Options(std::move(Provider));
  acm::RunOptions Run;
  Run.Jobs = Jobs ? unsigned(Jobs)
                  : llvm::hardware_concurrency().compute_thread_count();
  Run.FixesFromNotes = Fix || !ExportFixes.empty();
  Run.RecordParsedFiles = Fix;
  Run.FindFunctions =
      Format != "text" || !BaselineFile.empty() || !WriteBaseline.empty();
  Progress Bar(Files.size(), ShowProgress);
  Run.OnStart = [&Bar](StringRef File, size_t Started, bool FromCache) {
    Bar.start(File, Started, FromCache);
  };
  std::unique_ptr<acm::ResultCache> Cache = openResultCache(
      Files, argv[0], reinterpret_cast<void *>(&main));
  Run.Cache = Cache.get();
  std::vector<acm::FileResults> PerFile =
      acm::checkFiles(Files, Checking, Options, Run);
  Bar.finish();
  if (Cache) {
    if (std::string Problem = Cache->writeProblem(); !Problem.empty())
      errs() << "warning: the result cache in '" << Cache->directory()
             << "' is not updated: " << Problem << "\n";
    // Only a run that stored something can have made the cache grow.
    if (CacheLimit && Cache->statistics().Misses)
      Cache->prune(CacheLimit);
  }

  std::vector<acm::Result> Results;
  acm::ParsedFiles Parsed;
  for (acm::FileResults &Checked : PerFile) {
    if (llvm::any_of(Checked.Results,
                     [](const acm::Result &R) { return R.isCompilerError(); }))
      ++Summary.FilesWithCompileErrors;
    for (acm::Result &R : Checked.Results)
      Results.push_back(std::move(R));
    Parsed.merge(Checked.Parsed);
  }
  acm::sortAndDeduplicate(Results);
  // An option value the checks cannot use is an error of the configuration.
  bool InvalidOptions = false;
  for (acm::Result &R : Results)
    if (R.isConfigurationError()) {
      R.Error.DiagLevel = ClangTidyError::Error;
      InvalidOptions = true;
    }

  auto IsFinding = [](const acm::Result &R) { return R.isFinding(); };
  size_t Recorded = llvm::count_if(Results, IsFinding);
  if (!WriteBaseline.empty() && !writeTo(WriteBaseline, [&](raw_ostream &OS) {
        acm::writeBaseline(Results, ProjectRoot, OS);
      }))
    return ExitError;

  // Only SARIF shows the findings of the baseline, marked as such.
  std::vector<acm::Result> Unchanged;
  Hidden Hid = filterResults(Results, Known ? &*Known : nullptr,
                             Changed ? &*Changed : nullptr,
                             Lines ? &*Lines : nullptr, ProjectRoot,
                             Unchanged);
  if (!report(Results, Unchanged, Files, Options, BaseFS,
              acm::docsUri(argv[0], reinterpret_cast<void *>(&main))))
    return ExitError;
  // The errors that fail the run must show on stderr when the findings go
  // elsewhere.
  if (Format != "text" || (!Output.empty() && Output != "-"))
    acm::writeErrorsAsText(Results, errs());
  bool FixesFailed = Fix && !fixFiles(Results, Parsed, Options);

  size_t Findings = llvm::count_if(Results, IsFinding);
  size_t TreatedAsErrors = llvm::count_if(Results, [](const acm::Result &R) {
    return R.isFinding() && R.Error.IsWarningAsError;
  });
  if (!Quiet) {
    Summary.FilesChecked = Files.size();
    Summary.Findings = Findings;
    StringSet<> FilesWithFindings;
    for (const acm::Result &R : Results)
      if (R.isFinding() && !R.Main.File.empty())
        FilesWithFindings.insert(R.Main.File);
    Summary.FilesWithFindings = FilesWithFindings.size();
    Summary.InBaseline = Hid.InBaseline;
    Summary.OutsideDiff = Hid.OutsideDiff;
    Summary.OutsideLineFilter = Hid.OutsideLineFilter;
    errs() << acm::summaryLine(Summary) << "\n";
  }
  if (Statistics)
    printStatistics(Results, Cache.get(), errs());
  if (TreatedAsErrors)
    errs() << plural(TreatedAsErrors, "warning") << " treated as "
           << (TreatedAsErrors == 1 ? "error" : "errors") << "\n";
  if (!WriteBaseline.empty() && !Quiet)
    errs() << "Recorded " << plural(Recorded, "finding") << " in "
           << WriteBaseline << ".\n";
  if (llvm::any_of(Results,
                   [](const acm::Result &R) { return R.isCompilerError(); })) {
    errs() << "error: compilation failed; see the errors above\n";
    return ExitError;
  }
  if (InvalidOptions) {
    errs() << "error: invalid configuration; see the errors above\n";
    return ExitError;
  }
  if (FixesFailed)
    return ExitError;
  if (!WriteBaseline.empty())
    return ExitClean;
  // As clang-tidy: only the warnings made errors fail a build step.
  if (ExitZero)
    return TreatedAsErrors ? ExitFindings : ExitClean;
  return Findings ? ExitFindings : ExitClean;
}

int main(int argc, const char **argv) {
  int Status = runAcmTidy(argc, argv);
  // A stream left with a write error would abort the process as it exits,
  // with status 1; the findings did not reach stdout.
  if (std::error_code EC = acm::takeWriteError(outs())) {
    errs() << "error: cannot write to stdout: " << EC.message() << "\n";
    Status = ExitError;
  }
  acm::takeWriteError(errs());
  return Status;
}
