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

#include "../common/DocsDir.h"
#include "../common/Nesting.h"
#include "../common/ResourceDir.h"
#include "Checks/AcmCheck.h"
#include "Checks/CheckCatalog.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
struct PublishDiagnosticsParams;
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

// The mangled names of clang::clangd::isFastTidyCheck and
// clang::clangd::versionString.
#define ACM_IS_FAST_TIDY_CHECK                                                 \
  "_ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE"
#define ACM_CLANGD_VERSION_STRING "_ZN5clang6clangd13versionStringB5cxx11Ev"

std::optional<bool>
isFastTidyCheck(llvm::StringRef Check) asm("__real_" ACM_IS_FAST_TIDY_CHECK);
std::optional<bool>
isFastTidyCheckOrAcm(llvm::StringRef Check) asm("__wrap_" ACM_IS_FAST_TIDY_CHECK);

/// clangd runs by default only the checks its table says are fast
/// (FastCheckFilter: Strict) and the table does not know ours. The acm
/// checks share one analysis per coroutine, near the cost of the parse
/// (docs/benchmarks.md): they count as fast, so that enabling them is all
/// a .clangd needs.
std::optional<bool> isFastTidyCheckOrAcm(llvm::StringRef Check) {
  if (Check.starts_with("acm-"))
    return true;
  return isFastTidyCheck(Check);
}

std::string clangdVersion() asm("__real_" ACM_CLANGD_VERSION_STRING);
std::string acmClangdVersion() asm("__wrap_" ACM_CLANGD_VERSION_STRING);

/// What --version prints and the LSP serverInfo's version says:
/// "acm-clangd 0.1.0 (Debian clangd version 22.1.8 ...)". The serverInfo's
/// name stays "clangd", which editors' clangd extensions look for.
std::string acmClangdVersion() {
  return "acm-clangd " ACM_VERSION " (" + clangdVersion() + ")";
}

// The mangled name of
// clang::clangd::toJSON(const clang::clangd::PublishDiagnosticsParams &).
#define ACM_PUBLISH_DIAGNOSTICS_TO_JSON                                        \
  "_ZN5clang6clangd6toJSONERKNS0_24PublishDiagnosticsParamsE"

llvm::json::Value
publishedDiagnostics(const clang::clangd::PublishDiagnosticsParams &Params) asm(
    "__real_" ACM_PUBLISH_DIAGNOSTICS_TO_JSON);
llvm::json::Value publishedDiagnosticsLinkingAcmPages(
    const clang::clangd::PublishDiagnosticsParams &Params) asm(
    "__wrap_" ACM_PUBLISH_DIAGNOSTICS_TO_JSON);

/// Where the check pages are (see docsUri), set before clangd starts.
std::string DocsBase;

/// clangd links each clang-tidy diagnostic to
/// clang.llvm.org/extra/clang-tidy/checks/<module>/<check>.html, which has
/// no acm pages: the acm findings link to the check's own page instead.
llvm::json::Value publishedDiagnosticsLinkingAcmPages(
    const clang::clangd::PublishDiagnosticsParams &Params) {
  llvm::json::Value Published = publishedDiagnostics(Params);
  llvm::json::Object *Message = Published.getAsObject();
  llvm::json::Array *Diagnostics =
      Message ? Message->getArray("diagnostics") : nullptr;
  if (!Diagnostics)
    return Published;
  for (llvm::json::Value &Value : *Diagnostics) {
    llvm::json::Object *Diagnostic = Value.getAsObject();
    if (!Diagnostic)
      continue;
    std::optional<llvm::StringRef> Code = Diagnostic->getString("code");
    const CheckInfo *Check = Code ? findCheck(*Code) : nullptr;
    llvm::json::Object *Link = Diagnostic->getObject("codeDescription");
    if (Check && Link)
      (*Link)["href"] = DocsBase + "/" + Check->docPath();
  }
  return Published;
}

} // namespace acm

int main(int argc, char *argv[]) {
  // Keep the module's registration linked in.
  (void)AcmModuleAnchorSource;
  acm::setConfigurationProblemsInMainFile(true);
  acm::DocsBase = acm::docsUri(argv[0], reinterpret_cast<void *>(&main));

  std::vector<char *> Args(argv, argv + argc);
  bool HasResourceDir = false, Checks = false, HasCheckWarnings = false;
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef Arg(argv[I]);
    Arg.consume_front("-");
    Arg.consume_front("-");
    if (Arg.starts_with("resource-dir"))
      HasResourceDir = true;
    if (Arg == "check" || Arg.starts_with("check="))
      Checks = true;
    if (Arg.starts_with("check-warnings"))
      HasCheckWarnings = true;
  }
  // --check prints only errors unless told otherwise; the acm findings are
  // warnings, and showing them is what one runs acm-clangd --check for.
  static char CheckWarnings[] = "--check-warnings";
  if (Checks && !HasCheckWarnings)
    Args.push_back(CheckWarnings);
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
