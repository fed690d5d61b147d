//===- AcmCheck.h - Shared base of the acm checks --------------------------===//
//
// Every acm check runs the same analysis over each coroutine and emits the
// findings that belong to its name. The model options are shared: a key
// "acm.<Option>" applies to all checks, "<check-name>.<Option>" to one.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_CHECKS_ACMCHECK_H
#define ACM_CHECKS_ACMCHECK_H

#include "Model/ProtocolModel.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <memory>
#include <set>
#include <string>

namespace acm {

class AcmCheck : public clang::tidy::ClangTidyCheck {
public:
  AcmCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  bool isLanguageVersionSupported(
      const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result)
      override;
  void onStartOfTranslationUnit() override;

private:
  std::string Name;
  ModelOptions ModelOpts;
  std::unique_ptr<ProtocolModel> Model;
  llvm::DenseSet<const clang::FunctionDecl *> Analyzed;
  /// Template instantiations share their pattern's locations: report each
  /// (location, message) once.
  std::set<std::pair<unsigned, std::string>> Reported;
};

} // namespace acm

#endif // ACM_CHECKS_ACMCHECK_H
