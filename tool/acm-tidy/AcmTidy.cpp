//===- AcmTidy.cpp - The standalone acm-tidy driver -----------------------===//
//
//   acm-tidy [options] <file>... [-- <compiler args>]
//   acm-tidy -p <build-dir> [<file>...]
//
// Runs the acm checks through clang-tidy's library, so configuration
// (.clang-tidy, --config-file), NOLINT comments and the output format are
// those of clang-tidy. Exit status: 0 clean, 1 findings, 2 usage or compile
// error.
//
//===----------------------------------------------------------------------===//

#include "../common/ResourceDir.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

extern volatile int AcmModuleAnchorSource;

namespace {

constexpr int ExitClean = 0;
constexpr int ExitFindings = 1;
constexpr int ExitError = 2;

cl::OptionCategory AcmCategory("acm-tidy options");

cl::opt<std::string> Checks("checks", cl::desc(R"(
Comma-separated globs of checks to run, as in clang-tidy.
Applied on top of .clang-tidy files; default: acm-*.)"),
                            cl::init(""), cl::cat(AcmCategory));

cl::opt<std::string> ConfigFile("config-file", cl::desc(R"(
Read the configuration from this file (in .clang-tidy
format) instead of searching for .clang-tidy files.)"),
                                cl::init(""), cl::cat(AcmCategory));

cl::opt<std::string> Config("config", cl::desc(R"(
Configuration in YAML/JSON, as clang-tidy's --config.)"),
                            cl::init(""), cl::cat(AcmCategory));

cl::opt<std::string> WarningsAsErrors("warnings-as-errors", cl::desc(R"(
Globs of checks whose warnings are reported as errors.)"),
                                      cl::init(""), cl::cat(AcmCategory));

cl::opt<std::string> HeaderFilter("header-filter", cl::desc(R"(
Regular expression of headers whose findings are shown,
as in clang-tidy.)"),
                                  cl::init(""), cl::cat(AcmCategory));

cl::opt<bool> Fix("fix", cl::desc("Apply the suggested fixes."),
                  cl::init(false), cl::cat(AcmCategory));

cl::opt<std::string> ExportFixes("export-fixes", cl::desc(R"(
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

cl::opt<bool> Quiet("quiet", cl::desc("Print no summary line."),
                    cl::init(false), cl::cat(AcmCategory));

const char Overview[] = R"(
acm-tidy finds bugs in the asynchronous enter/exit protocol of C++20
coroutines: exits that are never awaited, awaited twice or used after.

  acm-tidy [options] <file>... [-- <compiler args>]
  acm-tidy -p <build-dir> [<file>...]   (no file: every file in the database)
)";

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

  auto FromText = [&](StringRef Text, StringRef Source)
      -> std::unique_ptr<ClangTidyOptionsProvider> {
    auto Parsed = parseConfiguration(MemoryBufferRef(Text, Source));
    if (!Parsed) {
      errs() << "error: invalid configuration in " << Source << ": "
             << Parsed.getError().message() << "\n";
      return nullptr;
    }
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
  return std::make_unique<FileOptionsProvider>(
      std::move(GlobalOptions), std::move(DefaultOptions),
      std::move(OverrideOptions), FS);
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

bool isCompilerError(const ClangTidyError &Error) {
  return Error.DiagLevel == ClangTidyError::Error &&
         StringRef(Error.DiagnosticName).starts_with("clang-diagnostic-");
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM Init(argc, argv);
  (void)AcmModuleAnchorSource;

  auto Parser = tooling::CommonOptionsParser::create(
      argc, argv, AcmCategory, cl::ZeroOrMore, Overview);
  if (!Parser) {
    errs() << toString(Parser.takeError());
    return ExitError;
  }

  auto BaseFS = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(
      vfs::getRealFileSystem());
  auto Provider = createOptionsProvider(BaseFS);
  if (!Provider)
    return ExitError;

  std::vector<std::string> Files = Parser->getSourcePathList();
  std::unique_ptr<tooling::CompilationDatabase> Loaded;
  if (Files.empty() && (ListChecks || DumpConfig) && buildPathOption().empty())
    Files.push_back("dummy.cpp"); // Only the configuration is needed.
  else if (Files.empty()) {
    // With no files the parser loads no database: read the one -p names and
    // check everything in it.
    std::string BuildPath = buildPathOption();
    if (BuildPath.empty()) {
      errs() << "error: no input files (name files, or pass -p <build-dir> "
                "with a compile_commands.json)\n";
      return ExitError;
    }
    std::string Message;
    Loaded = tooling::CompilationDatabase::autoDetectFromDirectory(BuildPath,
                                                                   Message);
    if (!Loaded) {
      errs() << "error: " << Message << "\n";
      return ExitError;
    }
    // The parser applies --extra-arg(-before) to the database it loads;
    // do the same for this one.
    auto WithExtraArgs =
        std::make_unique<tooling::ArgumentsAdjustingCompilations>(
            std::move(Loaded));
    WithExtraArgs->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        listOption("extra-arg-before"), tooling::ArgumentInsertPosition::BEGIN));
    WithExtraArgs->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        listOption("extra-arg"), tooling::ArgumentInsertPosition::END));
    Loaded = std::move(WithExtraArgs);
    Files = Loaded->getAllFiles();
  }
  tooling::CompilationDatabase &Database =
      Loaded ? *Loaded : Parser->getCompilations();

  if (ListChecks || DumpConfig) {
    StringRef Probe = Files.empty() ? StringRef("dummy.cpp") : Files.front();
    ClangTidyOptions Effective = Provider->getOptions(Probe);
    if (ListChecks) {
      outs() << "Enabled checks:\n";
      for (const std::string &Name : getCheckNames(Effective, false, false))
        outs() << "    " << Name << "\n";
      return ExitClean;
    }
    // Show every option the enabled checks read, with its current value.
    for (auto &Option : getCheckOptions(Effective, false, false))
      Effective.CheckOptions.try_emplace(Option.getKey(), Option.getValue());
    outs() << configurationAsText(Effective) << "\n";
    return ExitClean;
  }

  if (Files.empty()) {
    errs() << "error: no input files (name files, or pass -p <build-dir> "
              "with a compile_commands.json)\n";
    return ExitError;
  }

  // Wrap the database so every command carries a resource directory.
  class ResourceDirDatabase : public tooling::CompilationDatabase {
  public:
    ResourceDirDatabase(tooling::CompilationDatabase &Inner,
                        tooling::ArgumentsAdjuster Adjust)
        : Inner(Inner), Adjust(std::move(Adjust)) {}
    std::vector<tooling::CompileCommand>
    getCompileCommands(StringRef File) const override {
      return adjust(Inner.getCompileCommands(File));
    }
    std::vector<std::string> getAllFiles() const override {
      return Inner.getAllFiles();
    }
    std::vector<tooling::CompileCommand> getAllCompileCommands() const override {
      return adjust(Inner.getAllCompileCommands());
    }

  private:
    std::vector<tooling::CompileCommand>
    adjust(std::vector<tooling::CompileCommand> Commands) const {
      for (tooling::CompileCommand &Command : Commands)
        Command.CommandLine = Adjust(Command.CommandLine, Command.Filename);
      return Commands;
    }
    tooling::CompilationDatabase &Inner;
    tooling::ArgumentsAdjuster Adjust;
  };
  ResourceDirDatabase WithResourceDir(
      Database, resourceDirAdjuster(acm::preferredResourceDir(
                    argv[0], reinterpret_cast<void *>(&main))));

  if (getCheckNames(Provider->getOptions(Files.front()), false, false)
          .empty()) {
    errs() << "error: no checks enabled (see --checks and .clang-tidy)\n";
    return ExitError;
  }

  ClangTidyContext Context(std::move(Provider));
  std::vector<ClangTidyError> Errors =
      runClangTidy(Context, WithResourceDir, Files, BaseFS,
                   /*ApplyAnyFix=*/Fix || !ExportFixes.empty(),
                   /*EnableCheckProfile=*/false, "", /*Quiet=*/true);

  bool CompileErrors = llvm::any_of(Errors, isCompilerError);
  // Configuration warnings (clang-tidy-config) are not findings.
  unsigned Findings = llvm::count_if(Errors, [](const ClangTidyError &E) {
    return !isCompilerError(E) &&
           !StringRef(E.DiagnosticName).starts_with("clang-tidy-");
  });

  unsigned WarningsAsErrorsCount = 0;
  FixBehaviour Behaviour =
      Fix && !CompileErrors ? FB_Fix : FB_NoFix;
  handleErrors(Errors, Context, Behaviour, WarningsAsErrorsCount, BaseFS);

  if (!ExportFixes.empty() && !Errors.empty()) {
    std::error_code EC;
    raw_fd_ostream OS(ExportFixes, EC, sys::fs::OF_None);
    if (EC) {
      errs() << "error: cannot write '" << ExportFixes << "': "
             << EC.message() << "\n";
      return ExitError;
    }
    exportReplacements(Files.front(), Errors, OS);
  }

  if (!Quiet && Findings)
    errs() << Findings << " finding" << (Findings == 1 ? "" : "s")
           << " in " << Files.size() << " file"
           << (Files.size() == 1 ? "" : "s") << ".\n";
  if (CompileErrors) {
    errs() << "error: compilation failed; see the errors above\n";
    return ExitError;
  }
  return Findings ? ExitFindings : ExitClean;
}
