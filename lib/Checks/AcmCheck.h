//===- AcmCheck.h - Shared base of the acm checks
//--------------------------===//
//
// Every acm check runs the same analysis over each coroutine (once per
// translation unit, however many checks are enabled) and emits the findings
// of the kinds its catalog entry lists. The model options are shared: a key
// "acm.<Option>" applies to all checks, "<check-name>.<Option>" to one.
//
// Checks room: clang-tidy glue only.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_CHECKS_ACMCHECK_H
#define ACM_CHECKS_ACMCHECK_H

#include "Model/ProtocolModel.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <set>
#include <string>

namespace acm {

struct CheckInfo;

/// Makes the acm checks print each coroutine's flow (see
/// AnalysisOptions::DebugFlow) to \p OS; null stops it.
void setFlowDebugOutput(llvm::raw_ostream *OS);

class AcmCheck : public clang::tidy::ClangTidyCheck {
public:
  AcmCheck(const CheckInfo &Info, clang::tidy::ClangTidyContext *Context);

  bool isLanguageVersionSupported(
      const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

private:
  const CheckInfo &Info;
  ModelOptions ModelOpts;
  std::unique_ptr<ProtocolModel> Model;
  llvm::DenseSet<const clang::Decl *> Analyzed;
  /// Template instantiations share their pattern's locations: report each
  /// (location, message) once.
  std::set<std::pair<unsigned, std::string>> Reported;
};

} // namespace acm

#endif // ACM_CHECKS_ACMCHECK_H
