//===- AcmClangd.cpp - clangd with the acm checks built in ----------------===//
//
// clangd's own main, linked with the acm module. Users enable the checks in
// .clangd (Diagnostics: ClangTidy: Add: [acm-*], FastCheckFilter: Loose).
//
// clangd parses the .clang-tidy files it finds with clang-tidy's parser and
// its own .clangd files with another; both recurse once per level of
// nesting. The linker sends those calls through the bounded versions below
// (see tool/CMakeLists.txt), so that a hostile file is refused instead of
// overflowing the stack.
//
// clangd only logs the configuration problems of .clang-tidy files and of
// check options, where no editor shows them: the acm checks show them as an
// error at the start of each file they check.
//
//===----------------------------------------------------------------------===//

#include "../common/Nesting.h"
#include "../common/ResourceDir.h"
#include "Checks/AcmCheck.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include <string>
#include <vector>

namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

extern volatile int AcmModuleAnchorSource;

namespace acm {

using ConfigurationDiagnostics =
    llvm::function_ref<void(const llvm::SMDiagnostic &)>;

// The mangled name of clang::tidy::parseConfigurationWithDiags.
#define ACM_PARSE_CONFIGURATION                                                \
  "_ZN5clang4tidy27parseConfigurationWithDiagsEN4llvm15MemoryBufferRefENS1_"   \
  "12function_refIFvRKNS1_12SMDiagnosticEEEE"

// The original and its replacement, under the names the linker's --wrap
// gives them.
llvm::ErrorOr<clang::tidy::ClangTidyOptions> parseConfiguration(
    llvm::MemoryBufferRef Config,
    ConfigurationDiagnostics Handler) asm("__real_" ACM_PARSE_CONFIGURATION);
llvm::ErrorOr<clang::tidy::ClangTidyOptions> boundedParseConfiguration(
    llvm::MemoryBufferRef Config,
    ConfigurationDiagnostics Handler) asm("__wrap_" ACM_PARSE_CONFIGURATION);

namespace {

/// Reports \p Problem at the start of the configuration file \p Name
/// holding \p Text to \p Handler, as the parsers report their own errors:
/// with a source manager that holds the text (clangd reads the position
/// through it).
void reportProblem(ConfigurationDiagnostics Handler, llvm::StringRef Text,
                   llvm::StringRef Name, llvm::StringRef Problem) {
  llvm::SourceMgr Sources;
  Sources.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBuffer(Text, Name,
                                       /*RequiresNullTerminator=*/false),
      llvm::SMLoc());
  Handler(Sources.GetMessage(llvm::SMLoc::getFromPointer(Text.data()),
                             llvm::SourceMgr::DK_Error, Problem));
}

} // namespace

llvm::ErrorOr<clang::tidy::ClangTidyOptions>
boundedParseConfiguration(llvm::MemoryBufferRef Config,
                          ConfigurationDiagnostics Handler) {
  llvm::StringRef Name = Config.getBufferIdentifier();
  std::string Problem = yamlNestingProblem(Config.getBuffer());
  if (!Problem.empty()) {
    // clangd logs it, as it logs the parser's own errors.
    reportProblem(Handler, Config.getBuffer(), Name, Problem);
    noteConfigurationFile(Name, Problem);
    return std::make_error_code(std::errc::invalid_argument);
  }
  std::string FirstError;
  auto Parsed =
      parseConfiguration(Config, [&](const llvm::SMDiagnostic &Diagnostic) {
        if (FirstError.empty() &&
            Diagnostic.getKind() == llvm::SourceMgr::DK_Error)
          FirstError = "line " + std::to_string(Diagnostic.getLineNo()) +
                       ": " + Diagnostic.getMessage().str();
        Handler(Diagnostic);
      });
  if (Parsed)
    noteConfigurationFile(Name, "");
  else
    noteConfigurationFile(Name, FirstError.empty()
                                    ? Parsed.getError().message()
                                    : FirstError);
  return Parsed;
}

/// Stands in for clangd's config::Fragment, which no installed header
/// declares: the bounded parser below only passes the real parser's result
/// on or returns an empty vector, and an empty std::vector's layout does not
/// depend on its element type.
struct ClangdFragment {
  char Unused;
};
using ClangdFragments = std::vector<ClangdFragment>;

// The mangled name of clang::clangd::config::Fragment::parseYAML.
#define ACM_PARSE_CLANGD_CONFIG                                                \
  "_ZN5clang6clangd6config8Fragment9parseYAMLEN4llvm9StringRefES4_NS3_12"      \
  "function_refIFvRKNS3_12SMDiagnosticEEEE"

ClangdFragments parseClangdConfig(llvm::StringRef YAML,
                                  llvm::StringRef BufferName,
                                  ConfigurationDiagnostics Handler) asm(
    "__real_" ACM_PARSE_CLANGD_CONFIG);
ClangdFragments boundedParseClangdConfig(llvm::StringRef YAML,
                                         llvm::StringRef BufferName,
                                         ConfigurationDiagnostics Handler) asm(
    "__wrap_" ACM_PARSE_CLANGD_CONFIG);

ClangdFragments boundedParseClangdConfig(llvm::StringRef YAML,
                                         llvm::StringRef BufferName,
                                         ConfigurationDiagnostics Handler) {
  std::string Problem = yamlNestingProblem(YAML);
  if (Problem.empty())
    return parseClangdConfig(YAML, BufferName, Handler);
  // clangd shows it in the editor on the .clangd file, as its own errors.
  reportProblem(Handler, YAML, BufferName, Problem);
  return {};
}

} // namespace acm

int main(int argc, char *argv[]) {
  // Keep the module's registration linked in.
  (void)AcmModuleAnchorSource;
  acm::setConfigurationProblemsInMainFile(true);

  std::vector<char *> Args(argv, argv + argc);
  bool HasResourceDir = false;
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef Arg(argv[I]);
    if (Arg.starts_with("--resource-dir") || Arg.starts_with("-resource-dir"))
      HasResourceDir = true;
  }
  std::string ResourceFlag;
  if (!HasResourceDir) {
    std::string Dir =
        acm::preferredResourceDir(argv[0], reinterpret_cast<void *>(&main));
    if (!Dir.empty()) {
      ResourceFlag = "--resource-dir=" + Dir;
      Args.insert(Args.begin() + 1, ResourceFlag.data());
    }
  }
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size() - 1),
                                   Args.data());
}
