//===- AcmClangd.cpp - clangd with the acm checks built in ----------------===//
//
// clangd's own main, linked with the acm module. Users enable the checks in
// .clangd (Diagnostics: ClangTidy: Add: [acm-*], FastCheckFilter: Loose).
//
// clangd parses the .clang-tidy files it finds with clang-tidy's parser,
// which recurses once per level of nesting: the linker sends those calls
// through boundedParseConfiguration (see tool/CMakeLists.txt), so that a
// hostile file is refused instead of overflowing the stack.
//
//===----------------------------------------------------------------------===//

#include "../common/Nesting.h"
#include "../common/ResourceDir.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringRef.h"
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

llvm::ErrorOr<clang::tidy::ClangTidyOptions>
boundedParseConfiguration(llvm::MemoryBufferRef Config,
                          ConfigurationDiagnostics Handler) {
  std::string Problem = yamlNestingProblem(Config.getBuffer());
  if (Problem.empty())
    return parseConfiguration(Config, Handler);
  // clangd logs it, as it logs the parser's own errors.
  llvm::SourceMgr NoSources;
  Handler(llvm::SMDiagnostic(NoSources, llvm::SMLoc(),
                             Config.getBufferIdentifier(), /*Line=*/1,
                             /*Col=*/0, llvm::SourceMgr::DK_Error, Problem,
                             /*LineStr=*/"", /*Ranges=*/{}));
  return std::make_error_code(std::errc::invalid_argument);
}

} // namespace acm

int main(int argc, char *argv[]) {
  // Keep the module's registration linked in.
  (void)AcmModuleAnchorSource;

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
