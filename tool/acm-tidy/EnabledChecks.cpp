//===- EnabledChecks.cpp --------------------------------------------------===//

#include "EnabledChecks.h"
#include "Checks/CheckCatalog.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::tidy;

namespace acm {

namespace {

constexpr llvm::StringLiteral AnalyzerPrefix = "clang-analyzer-";

/// True if the glob \p Text ('*' its only wildcard) can match some name
/// that begins with the analyzer's prefix.
bool mayMatchAnalyzerName(llvm::StringRef Text) {
  size_t Star = Text.find('*');
  if (Star == llvm::StringRef::npos)
    return Text.starts_with(AnalyzerPrefix);
  // What comes before the first '*' must agree with the prefix as far as
  // both go; after it, anything can follow.
  llvm::StringRef Literal = Text.take_front(Star);
  return Literal.starts_with(AnalyzerPrefix) ||
         AnalyzerPrefix.starts_with(Literal);
}

} // namespace

bool mayEnableAnalyzerChecks(llvm::StringRef Checks) {
  // A name is enabled if the last glob that matches it is positive, so
  // none can be unless some positive glob matches it.
  GlobList Globs(Checks);
  return llvm::any_of(Globs.getItems(), [](const auto &Item) {
    return Item.IsPositive && mayMatchAnalyzerName(Item.Text);
  });
}

bool enablesNoCheck(const ClangTidyOptions &Options) {
  GlobList Globs(Options.Checks.value_or(""));
  if (llvm::any_of(checkCatalog(), [&](const CheckInfo &Check) {
        return Globs.contains(Check.Name);
      }))
    return false;
  return getCheckNames(Options, /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                       /*ExperimentalCustomChecks=*/false)
      .empty();
}

bool onlyAcmChecksEnabled(const ClangTidyContext &Context,
                          const ClangTidyCheckFactories &Factories,
                          ClangTidyASTConsumerFactory &Framework) {
  for (const auto &Factory : Factories)
    if (!findCheck(Factory.getKey()) &&
        Context.isCheckEnabled(Factory.getKey()))
      return false;
  if (!mayEnableAnalyzerChecks(Context.getOptions().Checks.value_or("")))
    return true;
  return llvm::all_of(Framework.getCheckNames(), [](const std::string &Name) {
    return findCheck(Name) != nullptr;
  });
}

} // namespace acm
