//===- AcmCheck.cpp -------------------------------------------------------===//

#include "Checks/AcmCheck.h"
#include "Analysis/ClassAnalysis.h"
#include "Analysis/CoroutineAnalysis.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Checks/AcmOptions.h"
#include "Checks/CheckCatalog.h"
#include "Checks/FindingRecorder.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Path.h"
#include <atomic>
#include <map>
#include <mutex>
#include <set>

using namespace clang;
using namespace clang::ast_matchers;

namespace acm {

namespace {

/// Where each coroutine's flow is printed, if anywhere (--acm-debug-flow).
std::atomic<llvm::raw_ostream *> FlowDebugOutput{nullptr};

/// The findings of each coroutine and class in the current translation
/// unit, shared by all acm checks so the analysis runs once however many
/// are enabled.
/// Each thread parses one translation unit at a time (clangd builds several
/// in parallel, on different threads), hence thread_local.
class AnalysisCache {
public:
  /// Called by every check before matching starts. The first call of a new
  /// translation unit finds the cache used and clears it: declarations of
  /// the previous unit may share addresses with this one's.
  void startTranslationUnit() {
    if (!Used)
      return;
    Entries.clear();
    Models.clear();
    Used = false;
  }

  /// A number for the model options whose fingerprint is \p Fingerprint,
  /// the same for equal options: checks that read the same options share
  /// their analyses. Asked once per check and translation unit, not at
  /// every declaration: a fingerprint spells out every option.
  unsigned optionsId(const std::string &Fingerprint) {
    return OptionIds.try_emplace(Fingerprint, OptionIds.size()).first->second;
  }

  /// The model of \p Options, whose number is \p OptionsId: one per
  /// translation unit for all the checks that read the same options. A
  /// model learns the unit's types as it is asked about them.
  const ProtocolModel &model(unsigned OptionsId, const ModelOptions &Options) {
    Used = true;
    std::unique_ptr<ProtocolModel> &Model = Models[OptionsId];
    if (!Model)
      Model = std::make_unique<ProtocolModel>(Options);
    return *Model;
  }

  /// The findings of coroutine or class \p D, analysed with \p Model,
  /// whose options have the number \p OptionsId.
  const std::vector<Finding> &findings(const Decl &D, ASTContext &Context,
                                       const ProtocolModel &Model,
                                       unsigned OptionsId) {
    Used = true;
    auto Key = std::make_pair(&D, OptionsId);
    auto It = Entries.find(Key);
    if (It != Entries.end())
      return It->second;
    FindingList List;
    AnalysisOptions Options;
    Options.DebugFlow = FlowDebugOutput;
    if (const auto *Class = dyn_cast<CXXRecordDecl>(&D))
      analyzeClass(*Class, Context, Model, List, Options);
    else
      analyzeCoroutine(cast<FunctionDecl>(D), Context, Model, List, Options);
    return Entries.emplace(Key, std::move(List.Findings)).first->second;
  }

private:
  bool Used = false;
  std::map<std::pair<const Decl *, unsigned>, std::vector<Finding>> Entries;
  std::map<unsigned, std::unique_ptr<ProtocolModel>> Models;
  llvm::StringMap<unsigned> OptionIds;
};

thread_local AnalysisCache Cache;

/// True the first time \p Message is seen in this process.
bool firstReport(const std::string &Message) {
  static std::mutex Lock;
  static std::set<std::string> Seen;
  std::lock_guard<std::mutex> Guard(Lock);
  return Seen.insert(Message).second;
}

std::atomic<bool> ProblemsInMainFile{false};

/// The configuration files that were ignored, by path, with their problem.
struct IgnoredConfigurationFiles {
  std::mutex Lock;
  std::map<std::string, std::string> Problems;
};

IgnoredConfigurationFiles &ignoredConfigurationFiles() {
  static IgnoredConfigurationFiles Files;
  return Files;
}

/// The problems of the ignored configuration files in the directories
/// that contain \p File.
std::vector<std::string> configurationFileProblemsFor(llvm::StringRef File) {
  IgnoredConfigurationFiles &Files = ignoredConfigurationFiles();
  std::lock_guard<std::mutex> Guard(Files.Lock);
  std::vector<std::string> Problems;
  for (const auto &[Path, Problem] : Files.Problems) {
    llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
    if (File.starts_with(Dir) &&
        llvm::sys::path::is_separator(File[Dir.size()]))
      Problems.push_back("'" + Path +
                         "' is ignored: " + Problem);
  }
  return Problems;
}

/// Reports the configuration problems once the main file is read.
class ConfigurationProblemReporter : public PPCallbacks {
public:
  ConfigurationProblemReporter(AcmCheck &Check, const SourceManager &SM)
      : Check(Check), SM(SM) {}
  void EndOfMainFile() override { Check.reportConfigurationProblemsIn(SM); }

private:
  AcmCheck &Check;
  const SourceManager &SM;
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

FindingRecorder::~FindingRecorder() = default;

namespace {
thread_local FindingRecorder *ThreadRecorder = nullptr;
} // namespace

void setFlowDebugOutput(llvm::raw_ostream *OS) { FlowDebugOutput = OS; }

void setConfigurationProblemsInMainFile(bool Enabled) {
  ProblemsInMainFile = Enabled;
}

void noteConfigurationFile(llvm::StringRef Path, std::string Problem) {
  IgnoredConfigurationFiles &Files = ignoredConfigurationFiles();
  std::lock_guard<std::mutex> Guard(Files.Lock);
  if (Problem.empty())
    Files.Problems.erase(Path.str());
  else
    Files.Problems[Path.str()] = std::move(Problem);
}

void setThreadFindingRecorder(FindingRecorder *Recorder) {
  ThreadRecorder = Recorder;
}

FindingRecorder *threadFindingRecorder() { return ThreadRecorder; }

AcmCheck::AcmCheck(const CheckInfo &Info, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Info.Name, Context), Info(Info), Context(Context) {
  // Each option is the check's own ("acm-missing-exit-await.Types"), else
  // the one all acm checks share ("acm.Types").
  OptionsView Shared(SharedOptionPrefix, Context->getOptions().CheckOptions,
                     Context);
  auto Get = [&](StringRef Key) {
    std::optional<StringRef> Value = Options.get(Key);
    return Value ? Value : Shared.get(Key);
  };
  ModelOpts = readModelOptions(Get);
  // Every acm check reads the same shared values: each problem is reported
  // once where configuration errors go (configurationProblem).
  for (StringRef Name : acmOptionNames())
    if (std::optional<StringRef> Value = Get(Name))
      for (std::string &Problem : acmOptionValueProblems(Name, *Value))
        configurationProblem(std::move(Problem));
  // A misspelled key is read by no check; acm-tidy refuses it before
  // checking, the plugin and acm-clangd report it here.
  for (const auto &Entry : Context->getOptions().CheckOptions)
    if (std::optional<std::string> Problem =
            unknownAcmOptionKey(Entry.getKey()))
      configurationProblem(std::move(*Problem));
}

void AcmCheck::configurationProblem(std::string Problem) {
  if (firstReport(Problem))
    configurationDiag("%0") << Problem;
  ConfigurationProblems.push_back(std::move(Problem));
}

void AcmCheck::registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                                   Preprocessor *) {
  if (!ProblemsInMainFile)
    return;
  // One check speaks for all: acm-missing-exit-await when it is enabled,
  // else the first enabled one in the catalog.
  const CheckInfo *Speaker = nullptr;
  for (const CheckInfo &Check : checkCatalog())
    if (Context->isCheckEnabled(Check.Name) &&
        (!Speaker || Check.Name == "acm-missing-exit-await"))
      Speaker = &Check;
  if (Speaker == &Info)
    PP->addPPCallbacks(
        std::make_unique<ConfigurationProblemReporter>(*this, SM));
}

void AcmCheck::reportConfigurationProblemsIn(const SourceManager &SM) {
  FileID Main = SM.getMainFileID();
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(Main);
  std::vector<std::string> Problems = ConfigurationProblems;
  if (Entry)
    for (std::string &Problem :
         configurationFileProblemsFor(Entry->getName()))
      Problems.push_back(std::move(Problem));
  for (const std::string &Problem : Problems)
    diag(SM.getLocForStartOfFile(Main), "invalid configuration: %0",
         DiagnosticIDs::Error)
        << Problem;
}

void AcmCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  storeModelOptions(ModelOpts, [&](StringRef Name, StringRef Value) {
    Options.store(Opts, Name, Value);
  });
}

void AcmCheck::onStartOfTranslationUnit() {
  // Declarations and their cached roles are per translation unit.
  Analyzed.clear();
  Pending.clear();
  PendingAt.clear();
  Cache.startTranslationUnit();
  OptionsId = Cache.optionsId(ModelOpts.fingerprint());
}

void AcmCheck::addDefinitionMatchers(MatchFinder &Finder,
                                     MatchFinder::MatchCallback *Callback) {
  Finder.addMatcher(
      functionDecl(isDefinition(), hasBody(coroutineBodyStmt())).bind("fn"),
      Callback);
  Finder.addMatcher(lambdaExpr().bind("lambda"), Callback);
  // Classes that own protocol objects as members (class templates through
  // their instantiations).
  Finder.addMatcher(cxxRecordDecl(isDefinition()).bind("class"), Callback);
}

const Decl *
AcmCheck::matchedDefinition(const MatchFinder::MatchResult &Result) {
  if (const auto *Class = Result.Nodes.getNodeAs<CXXRecordDecl>("class"))
    return Class;
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    return Lambda->getCallOperator();
  return Result.Nodes.getNodeAs<FunctionDecl>("fn");
}

void AcmCheck::registerMatchers(MatchFinder *Finder) {
  addDefinitionMatchers(*Finder, this);
}

void AcmCheck::check(const MatchFinder::MatchResult &Result) {
  if (const Decl *D = matchedDefinition(Result))
    checkDeclaration(*D, *Result.Context);
}

/// True if \p A, a finding at the place and with the message of \p B, is
/// the one to report: its notes come first in the translation unit (an
/// order every front end agrees on, unlike raw encodings), then its fix.
static bool comesFirst(const Finding &A, const Finding &B,
                       const SourceManager &SM) {
  for (size_t I = 0; I < A.Notes.size() && I < B.Notes.size(); ++I) {
    const FindingNote &N = A.Notes[I], &M = B.Notes[I];
    if (N.Loc != M.Loc)
      return locationBefore(SM, N.Loc, M.Loc);
    if (N.Message != M.Message)
      return N.Message < M.Message;
  }
  if (A.Notes.size() != B.Notes.size())
    return A.Notes.size() < B.Notes.size();
  if (A.Fix.has_value() != B.Fix.has_value())
    return A.Fix.has_value();
  if (A.Fix && A.Fix->InsertLoc != B.Fix->InsertLoc)
    return locationBefore(SM, A.Fix->InsertLoc, B.Fix->InsertLoc);
  return A.Fix && A.Fix->Text < B.Fix->Text;
}

/// True if \p D is declared in a requires-expression's requirements: a
/// lambda there is never called, only checked to compile.
static bool inRequiresExpression(const Decl &D) {
  for (const DeclContext *Context = D.getDeclContext(); Context;
       Context = Context->getParent())
    if (isa<RequiresExprBodyDecl>(Context))
      return true;
  return false;
}

bool AcmCheck::isAnalyzed(const Decl &D) {
  if (inRequiresExpression(D))
    return false;
  if (const auto *Class = dyn_cast<CXXRecordDecl>(&D))
    return isAnalyzableClass(*Class);
  if (const auto *Function = dyn_cast<FunctionDecl>(&D))
    return isAnalyzableCoroutine(*Function);
  return false;
}

void AcmCheck::checkDeclaration(const Decl &D, ASTContext &ASTCtx) {
  if (!isAnalyzed(D) || !Analyzed.insert(&D).second)
    return;
  if (!OptionsId)
    OptionsId = Cache.optionsId(ModelOpts.fingerprint());

  SM = &ASTCtx.getSourceManager();
  const ProtocolModel &Model = Cache.model(*OptionsId, ModelOpts);
  for (const Finding &F : Cache.findings(D, ASTCtx, Model, *OptionsId)) {
    if (!Info.reports(F.Kind))
      continue;
    auto [At, New] = PendingAt.try_emplace(
        std::make_pair(F.Loc.getRawEncoding(), F.Message), Pending.size());
    if (New)
      Pending.push_back(F);
    else if (comesFirst(F, Pending[At->second], *SM))
      Pending[At->second] = F;
  }
}

void AcmCheck::onEndOfTranslationUnit() {
  for (const Finding &F : Pending) {
    if (FindingRecorder *Recorder = threadFindingRecorder()) {
      EmittedFinding Emitted{Info.Name, "", 0, F.Message, F.Kind, F.Object};
      if (F.Loc.isValid()) {
        // Where clang-tidy puts the diagnostic: the file location.
        SourceLocation FileLoc = SM->getFileLoc(F.Loc);
        Emitted.File = SM->getFilename(FileLoc).str();
        Emitted.Offset = SM->getFileOffset(FileLoc);
      }
      Recorder->record(Emitted);
    }
    {
      DiagnosticBuilder Diag = diag(F.Loc, escapeFormat(F.Message));
      if (F.Fix)
        Diag << FixItHint::CreateInsertion(F.Fix->InsertLoc, F.Fix->Text);
    }
    for (const FindingNote &Note : F.Notes)
      if (Note.Loc.isValid())
        diag(Note.Loc, escapeFormat(Note.Message), DiagnosticIDs::Note);
  }
  Pending.clear();
  PendingAt.clear();
}

} // namespace acm
