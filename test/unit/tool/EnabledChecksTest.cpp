//===- EnabledChecksTest.cpp - The cheap answers agree with clang-tidy's --===//
//
// acm-tidy answers "is any check enabled" and "are only acm checks enabled"
// from the Checks globs, without clang-tidy's list of every enabled check
// (EnabledChecks.h). Each answer is compared here with the one that list
// gives, on globs that enable the analyzer's checks in every way a glob
// can and on globs that cannot.

#include "EnabledChecks.h"
#include "Checks/CheckCatalog.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "llvm/ADT/STLExtras.h"
#include "gtest/gtest.h"

using namespace clang::tidy;

namespace acm {
namespace {

const char *const GlobLists[] = {
    "",
    "*",
    "-*",
    "acm-*",
    "-*,acm-*",
    "-*,acm-missing-exit-await",
    "-*,acm-*,-acm-use-after-exit",
    "-*, acm-* ,\n acm-unawaited-enter",
    "misc-*",
    "clang-diagnostic-*",
    "clang-analyzer-*",
    "clang-diagnostic-*,clang-analyzer-*",
    "-*,clang-analyzer-core.DivideZero",
    "-*,clang-analyzer-core*",
    "-*,acm-*,\nclang-analyzer-cplusplus*",
    "-*,clang*",
    "-*,c*",
    "-*,*-analyzer-*",
    "-*,*DivideZero",
    "-*,clang-analyzer",
    "-*,clang-analyzer-no.such.checker",
    "-*,acm-*,clang-analyzer-*,-clang-analyzer-*",
    "-*,acm-*,-clang-analyzer-*",
};

ClangTidyOptions withChecks(llvm::StringRef Checks) {
  ClangTidyOptions Options = ClangTidyOptions::getDefaults();
  Options.Checks = Checks.str();
  return Options;
}

std::vector<std::string> exactNames(llvm::StringRef Checks) {
  return getCheckNames(withChecks(Checks), false, false);
}

TEST(EnabledChecks, NoAnalyzerCheckIsMissedAndTheUsualListsSayNone) {
  unsigned Enabling = 0;
  for (const char *Checks : GlobLists) {
    bool Enabled = llvm::any_of(exactNames(Checks), [](llvm::StringRef Name) {
      return Name.starts_with("clang-analyzer-");
    });
    Enabling += Enabled;
    if (Enabled)
      EXPECT_TRUE(mayEnableAnalyzerChecks(Checks)) << Checks;
  }
  // The analyzer is in clang-tidy's library: the lists above enable it.
  EXPECT_GE(Enabling, 8u);
  // Lists of acm checks need no list of the analyzer's checks.
  for (const char *Checks :
       {"", "-*", "acm-*", "-*,acm-*", "-*,acm-missing-exit-await",
        "-*,acm-*,-clang-analyzer-*", "misc-*", "-*,clang-analyzer"})
    EXPECT_FALSE(mayEnableAnalyzerChecks(Checks)) << Checks;
}

TEST(EnabledChecks, NoCheckEnabledAsClangTidySays) {
  unsigned None = 0;
  for (const char *Checks : GlobLists) {
    bool Exact = exactNames(Checks).empty();
    None += Exact;
    EXPECT_EQ(enablesNoCheck(withChecks(Checks)), Exact) << Checks;
  }
  EXPECT_GE(None, 3u);
}

TEST(EnabledChecks, OnlyAcmChecksAsClangTidysFactorySays) {
  ClangTidyCheckFactories Factories;
  for (const ClangTidyModuleRegistry::entry &Module :
       ClangTidyModuleRegistry::entries())
    Module.instantiate()->addCheckFactories(Factories);
  unsigned Only = 0, Other = 0;
  for (const char *Checks : GlobLists) {
    ClangTidyContext Context(std::make_unique<DefaultOptionsProvider>(
        ClangTidyGlobalOptions(), withChecks(Checks)));
    Context.setCurrentFile("input.cpp");
    ClangTidyASTConsumerFactory Framework(Context);
    bool Exact =
        llvm::all_of(Framework.getCheckNames(), [](const std::string &Name) {
          return findCheck(Name) != nullptr;
        });
    (Exact ? Only : Other) += 1;
    EXPECT_EQ(onlyAcmChecksEnabled(Context, Factories, Framework), Exact)
        << Checks;
  }
  EXPECT_GE(Only, 8u);
  EXPECT_GE(Other, 8u);
}

} // namespace
} // namespace acm
