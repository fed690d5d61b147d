//===- AcmCheck.cpp -------------------------------------------------------===//

#include "Checks/AcmCheck.h"
#include "Analysis/ExitAnalysis.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace acm {

namespace {

/// The option names every check understands, and where they go.
struct ListOption {
  const char *Name;
  std::vector<std::string> ModelOptions::*Field;
};
constexpr ListOption ListOptions[] = {
    {"EnterOps", &ModelOptions::EnterOps},
    {"ExitOps", &ModelOptions::ExitOps},
    {"CloseOps", &ModelOptions::CloseOps},
    {"ExitHelpers", &ModelOptions::ExitHelpers},
    {"GeneratorManagers", &ModelOptions::GeneratorManagers},
};

/// clang's diagnostic formatter gives '%' a meaning; findings are plain text.
std::string escapeFormat(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    if (C == '%')
      Out += '%';
    Out += C;
  }
  return Out;
}

} // namespace

AcmCheck::AcmCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Name(Name.str()) {
  OptionsView Shared("acm", Context->getOptions().CheckOptions, Context);
  for (const ListOption &Option : ListOptions) {
    std::optional<StringRef> Value = Options.get(Option.Name);
    if (!Value)
      Value = Shared.get(Option.Name);
    ModelOpts.*Option.Field = ModelOptions::parseList(Value.value_or(""));
  }
}

void AcmCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  for (const ListOption &Option : ListOptions)
    Options.store(Opts, Option.Name,
                  ModelOptions::joinList(ModelOpts.*Option.Field));
}

void AcmCheck::onStartOfTranslationUnit() {
  // Declarations and their cached roles are per translation unit.
  Model = std::make_unique<ProtocolModel>(ModelOpts);
  Analyzed.clear();
  Reported.clear();
}

void AcmCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(isDefinition(), hasBody(coroutineBodyStmt())).bind("fn"),
      this);
  Finder->addMatcher(lambdaExpr().bind("lambda"), this);
}

void AcmCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    Function = Lambda->getCallOperator();
  if (!Function || !isAnalyzableCoroutine(*Function) ||
      !Analyzed.insert(Function).second)
    return;
  if (!Model)
    Model = std::make_unique<ProtocolModel>(ModelOpts);

  FindingList Findings;
  analyzeCoroutine(*Function, *Result.Context, *Model, Findings);
  for (const Finding &F : Findings.Findings) {
    if (checkNameFor(F.Kind) != Name)
      continue;
    if (!Reported.emplace(F.Loc.getRawEncoding(), F.Message).second)
      continue;
    {
      DiagnosticBuilder Diag = diag(F.Loc, escapeFormat(F.Message));
      if (F.Fix)
        Diag << FixItHint::CreateInsertion(F.Fix->InsertLoc, F.Fix->Text);
    }
    for (const FindingNote &Note : F.Notes)
      if (Note.Loc.isValid())
        diag(Note.Loc, escapeFormat(Note.Message), DiagnosticIDs::Note);
  }
}

} // namespace acm
