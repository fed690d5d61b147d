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

#include "Analysis/Findings.h"
#include "Model/ProtocolModel.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace acm {

struct CheckInfo;

/// Makes the acm checks print each coroutine's flow (see
/// AnalysisOptions::DebugFlow) to \p OS; null stops it.
void setFlowDebugOutput(llvm::raw_ostream *OS);

/// Makes the checks show configuration problems as an error at the start of
/// each main file they check, on every parse. An editor has no other place
/// to show them; the command-line tools report them once, as clang-tidy
/// does.
void setConfigurationProblemsInMainFile(bool Enabled);

/// Records that the configuration file \p Path was ignored because of
/// \p Problem, or with an empty \p Problem, that it reads again. Shown with
/// the configuration problems of the files below its directory.
void noteConfigurationFile(llvm::StringRef Path, std::string Problem);

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
  /// Emits the translation unit's findings (checkDeclaration).
  void onEndOfTranslationUnit() override;

  /// Adds to \p Finder the matchers of the definitions the checks read
  /// (coroutines, lambdas, classes); matchedDefinition gives each match's
  /// definition.
  static void addDefinitionMatchers(
      clang::ast_matchers::MatchFinder &Finder,
      clang::ast_matchers::MatchFinder::MatchCallback *Callback);
  static const clang::Decl *matchedDefinition(
      const clang::ast_matchers::MatchFinder::MatchResult &Result);

  /// True for the declarations the checks analyse: coroutine definitions
  /// and class definitions, outside templates and requires-expressions.
  static bool isAnalyzed(const clang::Decl &D);
  /// Analyses \p D if isAnalyzed(D), once per translation unit, and keeps
  /// this check's findings for it, emitted at the end of the unit. Every
  /// match of registerMatchers's matchers comes here; so does acm-tidy's
  /// ChecksConsumer, without matchers.
  void checkDeclaration(const clang::Decl &D, clang::ASTContext &ASTCtx);
  void registerPPCallbacks(const clang::SourceManager &SM,
                           clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;

  /// Emits the configuration problems that apply to the main file at its
  /// start (see setConfigurationProblemsInMainFile).
  void reportConfigurationProblemsIn(const clang::SourceManager &SM);

private:
  /// Reports \p Problem as clang-tidy reports configuration errors (once
  /// per process) and keeps it for the editor.
  void configurationProblem(std::string Problem);

  const CheckInfo &Info;
  clang::tidy::ClangTidyContext *Context;
  /// The problems of the options this check read, in the order found.
  std::vector<std::string> ConfigurationProblems;
  ModelOptions ModelOpts;
  /// The number the analysis cache gives ModelOpts: the checks that read
  /// the same options share one model and one analysis of each
  /// declaration.
  std::optional<unsigned> OptionsId;
  llvm::DenseSet<const clang::Decl *> Analyzed;
  /// The translation unit's findings, in the order first found, one per
  /// (location, message): template instantiations share their pattern's
  /// locations. Of the findings at one place, the one with the earliest
  /// notes is kept, whichever declaration came first: acm-tidy's finder
  /// and the matchers meet them in different orders.
  std::vector<Finding> Pending;
  std::map<std::pair<unsigned, std::string>, size_t> PendingAt;
  const clang::SourceManager *SM = nullptr;
};

} // namespace acm

#endif // ACM_CHECKS_ACMCHECK_H
