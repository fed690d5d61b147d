//===- Runner.cpp ---------------------------------------------------------===//
//
// What clang-tidy's runClangTidy() does for a list of files, for one file
// at a time on many threads, with one more AST consumer beside the checks:
// it records where the user's function definitions are, so a finding can be
// keyed on the function it is in. For --fix it also fingerprints the files
// the translation unit read, so that no fix is made to a file that has
// changed since.
//
//===----------------------------------------------------------------------===//

#include "Runner.h"
#include "ChecksConsumer.h"
#include "Checks/FindingRecorder.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <csignal>
#include <cstring>
#include <map>
#include <mutex>
#include <tuple>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

namespace acm {

const ClangTidyGlobalOptions &SharedOptions::globalOptions() {
  // Fixed when the provider is made; no lock needed.
  return Provider->getGlobalOptions();
}

std::vector<ClangTidyOptionsProvider::OptionsSource>
SharedOptions::rawOptions(StringRef AbsoluteFile) {
  std::lock_guard<std::mutex> Guard(Lock);
  return Provider->getRawOptions(AbsoluteFile);
}

ClangTidyOptions SharedOptions::options(StringRef AbsoluteFile) {
  std::lock_guard<std::mutex> Guard(Lock);
  return Provider->getOptions(AbsoluteFile);
}

namespace {

/// The shared options as one translation unit sees them. clang-tidy names
/// files as the compile command does, often relative to its directory;
/// the unit's file system has that directory as its working directory.
class UnitOptionsProvider : public ClangTidyOptionsProvider {
public:
  UnitOptionsProvider(SharedOptions &Shared,
                      IntrusiveRefCntPtr<vfs::FileSystem> FS)
      : Shared(Shared), FS(std::move(FS)) {}

  const ClangTidyGlobalOptions &getGlobalOptions() override {
    return Shared.globalOptions();
  }
  std::vector<OptionsSource> getRawOptions(StringRef FileName) override {
    SmallString<256> Path(FileName);
    if (FS->makeAbsolute(Path))
      return Shared.rawOptions(FileName);
    sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    return Shared.rawOptions(Path);
  }

private:
  SharedOptions &Shared;
  IntrusiveRefCntPtr<vfs::FileSystem> FS;
};

} // namespace

std::unique_ptr<ClangTidyOptionsProvider>
SharedOptions::view(IntrusiveRefCntPtr<vfs::FileSystem> FS) {
  return std::make_unique<UnitOptionsProvider>(*this, std::move(FS));
}

namespace {

/// A function definition: its byte range in a file and its name.
struct FunctionRange {
  unsigned Begin, End;
  std::string Name;
};
/// Function definitions by file name, named as diagnostics name files.
using FunctionIndex = StringMap<std::vector<FunctionRange>>;

/// Records the function definitions outside system headers. Lambdas are
/// left out: a finding in a lambda belongs to the function around it.
class FunctionCollector : public ASTConsumer,
                          public RecursiveASTVisitor<FunctionCollector> {
public:
  explicit FunctionCollector(FunctionIndex &Index) : Index(Index) {}

  void HandleTranslationUnit(ASTContext &Context) override {
    SM = &Context.getSourceManager();
    for (Decl *D : Context.getTranslationUnitDecl()->decls())
      if (!SM->isInSystemHeader(D->getLocation()))
        TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *Function) {
    if (!Function->doesThisDeclarationHaveABody())
      return true;
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Function))
      if (Method->getParent()->isLambda())
        return true;
    SourceLocation Begin = SM->getExpansionLoc(Function->getBeginLoc());
    SourceLocation End = SM->getExpansionLoc(Function->getEndLoc());
    if (Begin.isInvalid() || End.isInvalid() ||
        SM->getFileID(Begin) != SM->getFileID(End))
      return true;
    StringRef File = SM->getFilename(Begin);
    if (File.empty())
      return true;
    Index[File].push_back({SM->getFileOffset(Begin), SM->getFileOffset(End),
                           Function->getQualifiedNameAsString()});
    return true;
  }

private:
  FunctionIndex &Index;
  SourceManager *SM = nullptr;
};

/// The innermost function of \p Index around \p Offset in \p File.
const FunctionRange *enclosingFunction(const FunctionIndex &Index,
                                       StringRef File, unsigned Offset) {
  auto It = Index.find(File);
  if (It == Index.end())
    return nullptr;
  const FunctionRange *Best = nullptr;
  for (const FunctionRange &Range : It->second)
    if (Range.Begin <= Offset && Offset <= Range.End &&
        (!Best || Range.End - Range.Begin < Best->End - Best->Begin))
      Best = &Range;
  return Best;
}

/// The files one translation unit read, absolute, with what they held.
using ReadFiles = FilesRead;

/// Fingerprints every file \p Compiler read, as its source manager holds it:
/// fixes are offsets into exactly that text. Hashing is cheap next to
/// parsing; which files have fixes is only known once the run is over.
void recordReadFiles(CompilerInstance &Compiler, ReadFiles &Read) {
  SourceManager &Sources = Compiler.getSourceManager();
  FileManager &Files = Compiler.getFileManager();
  for (auto It = Sources.fileinfo_begin(); It != Sources.fileinfo_end(); ++It) {
    std::optional<StringRef> Content = It->second->getBufferDataIfLoaded();
    if (!Content || It->second->BufferOverridden)
      continue;
    SmallString<256> Path(It->first.getName());
    Files.makeAbsolutePath(Path);
    sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    Read.emplace_back(std::string(Path), Fingerprint::of(*Content));
  }
}

/// The files of \p Read that have the name of a file that the fixes of
/// \p Results edit: those that may be one of them.
ReadFiles namedLikeEditedFiles(const ReadFiles &Read,
                               ArrayRef<Result> Results) {
  StringSet<> Names;
  for (const Result &R : Results)
    for (const Edit &E : R.Edits) {
      Names.insert(sys::path::filename(E.File));
      Names.insert(sys::path::filename(canonicalPath(E.File)));
    }
  ReadFiles Candidates;
  for (const auto &[Path, Print] : Read)
    if (Names.contains(sys::path::filename(Path)))
      Candidates.emplace_back(Path, Print);
  return Candidates;
}

/// The fingerprints of \p Read for the files that the fixes of \p Results
/// edit, under any name.
ParsedFiles filesWithEdits(const ReadFiles &Read, ArrayRef<Result> Results) {
  StringSet<> Edited;
  for (const Result &R : Results)
    for (const Edit &E : R.Edits)
      Edited.insert(canonicalPath(E.File));
  ParsedFiles Parsed;
  // Resolving links costs system calls: only for names that may match.
  for (const auto &[Path, Print] : namedLikeEditedFiles(Read, Results))
    if (std::string Canonical = canonicalPath(Path); Edited.contains(Canonical))
      Parsed.record(Canonical, Print);
  return Parsed;
}

class CheckAction : public ASTFrontendAction {
public:
  CheckAction(AcmChecksConsumerFactory &Checks, FunctionIndex *Index,
              ReadFiles *Read)
      : Checks(Checks), Index(Index), Read(Read) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &Compiler,
                                                 StringRef File) override {
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(Checks.createASTConsumer(Compiler, File));
    if (Index)
      Consumers.push_back(std::make_unique<FunctionCollector>(*Index));
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

  void EndSourceFileAction() override {
    if (Read)
      recordReadFiles(getCompilerInstance(), *Read);
    ASTFrontendAction::EndSourceFileAction();
  }

private:
  AcmChecksConsumerFactory &Checks;
  FunctionIndex *Index;
  ReadFiles *Read;
};

class CheckActionFactory : public tooling::FrontendActionFactory {
public:
  CheckActionFactory(ClangTidyContext &Context,
                     IntrusiveRefCntPtr<vfs::OverlayFileSystem> FS,
                     FunctionIndex *Index, ReadFiles *Read)
      : Checks(Context, std::move(FS)), Index(Index), Read(Read) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<CheckAction>(Checks, Index, Read);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // Unlike clang-tidy, __clang_analyzer__ stays undefined: acm-tidy checks
    // the code the compiler builds, as acm-clangd does, and some libraries
    // (stdexec's exec/task.hpp) hide what their coroutines need from
    // analyzers that define it.
    // No "N warnings generated." per file: acm-tidy prints one summary.
    Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(Invocation, Files,
                                                PCHContainerOps, DiagConsumer);
  }

private:
  AcmChecksConsumerFactory Checks;
  FunctionIndex *Index;
  ReadFiles *Read;
};

/// Adds the ExtraArgs and ExtraArgsBefore of the file's configuration, as
/// clang-tidy does.
tooling::ArgumentsAdjuster configuredArguments(ClangTidyContext &Context) {
  return [&Context](const tooling::CommandLineArguments &Args, StringRef File) {
    ClangTidyOptions Options = Context.getOptionsForFile(File);
    tooling::CommandLineArguments Adjusted = Args;
    if (Options.ExtraArgsBefore) {
      auto At = Adjusted.begin();
      if (At != Adjusted.end() && !StringRef(*At).starts_with("-"))
        ++At; // After the compiler's name.
      Adjusted.insert(At, Options.ExtraArgsBefore->begin(),
                      Options.ExtraArgsBefore->end());
    }
    if (Options.ExtraArgs)
      Adjusted.insert(Adjusted.end(), Options.ExtraArgs->begin(),
                      Options.ExtraArgs->end());
    return Adjusted;
  };
}

/// Hears the kind and object of each finding the acm checks emit for one
/// translation unit, to give them to the results of their diagnostics.
class KindRecorder : public FindingRecorder {
public:
  KindRecorder() { setThreadFindingRecorder(this); }
  ~KindRecorder() override { setThreadFindingRecorder(nullptr); }

  void record(const EmittedFinding &F) override {
    Emitted.try_emplace(
        std::make_tuple(F.Check.str(), F.File, F.Offset, F.Message),
        std::string(findingKindId(F.Kind)), F.Object);
  }

  /// Gives \p R the kind and object of the finding its diagnostic reports,
  /// matched on what clang-tidy made of it: check, file, offset, message.
  void describe(Result &R) const {
    auto It = Emitted.find(
        std::make_tuple(R.Error.DiagnosticName, R.Error.Message.FilePath,
                        R.Error.Message.FileOffset, R.Error.Message.Message));
    if (It == Emitted.end())
      return;
    R.Kind = It->second.first;
    R.Object = It->second.second;
  }

private:
  std::map<std::tuple<std::string, std::string, unsigned, std::string>,
           std::pair<std::string, std::string>>
      Emitted;
};

/// A compile error without a location, as the compiler would report it.
Result unitError(const std::string &Message) {
  Result R(ClangTidyError("clang-diagnostic-error", ClangTidyError::Error, "",
                          false));
  R.Error.Message.Message = Message;
  R.Main.Message = Message;
  return R;
}

/// What checking one file read, for its cache entry.
struct UnitRecord {
  /// The translation unit was checked to the end (no early error, no
  /// crash).
  bool Complete = false;
  /// No file changed while it was read.
  bool Consistent = true;
  std::vector<FileQuery> Queries;
  /// The files read that --fix may need to know of (namedLikeEditedFiles).
  ReadFiles Read;
};

/// Checks \p File; with \p Record, also records what the check read of the
/// file system, and finds functions and fingerprints files as the cache
/// needs whatever this run asks.
FileResults checkFile(const std::string &File,
                      const tooling::CompilationDatabase &Database,
                      SharedOptions &Options, const RunOptions &Run,
                      UnitRecord *Record) {
  // A database can list files that are gone; the compiler driver would say
  // so in three messages, two without the file's name.
  if (std::error_code EC = sys::fs::access(File, sys::fs::AccessMode::Exist)) {
    FileResults Missing;
    Missing.Results.push_back(
        unitError("cannot read '" + File + "': " + EC.message()));
    return Missing;
  }
  // A FIFO or a device would block clang's read or never end it.
  sys::fs::file_status Status;
  if (!sys::fs::status(File, Status) &&
      Status.type() != sys::fs::file_type::regular_file) {
    FileResults NotAFile;
    NotAFile.Results.push_back(
        unitError("cannot check '" + File + "': not a regular file"));
    return NotAFile;
  }
  // ClangTool moves into each compile command's directory; a file system
  // of its own keeps that from the other threads.
  IntrusiveRefCntPtr<vfs::FileSystem> Physical(
      vfs::createPhysicalFileSystem().release());
  IntrusiveRefCntPtr<RecordingFileSystem> Recorder;
  if (Record) {
    Recorder = makeIntrusiveRefCnt<RecordingFileSystem>(Physical);
    Physical = Recorder;
  }
  auto FS = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(Physical);
  ClangTidyContext Context(Options.view(FS));

  tooling::ClangTool Tool(Database, File,
                          std::make_shared<PCHContainerOperations>(), FS);
  // Failures are reported with the results, not as they happen.
  Tool.setPrintErrorMessage(false);
  Tool.appendArgumentsAdjuster(configuredArguments(Context));
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());

  ClangTidyDiagnosticConsumer Consumer(Context, nullptr,
                                       /*RemoveIncompatibleErrors=*/true,
                                       Run.FixesFromNotes);
  auto DiagOpts = std::make_unique<DiagnosticOptions>();
  DiagnosticsEngine Diags(makeIntrusiveRefCnt<DiagnosticIDs>(), *DiagOpts,
                          &Consumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(DiagOpts), &Diags);
  Tool.setDiagnosticConsumer(&Consumer);

  FunctionIndex Functions;
  ReadFiles Read;
  CheckActionFactory Factory(
      Context, FS, Run.FindFunctions || Record ? &Functions : nullptr,
      Run.RecordParsedFiles || Record ? &Read : nullptr);
  KindRecorder Kinds;
  bool Failed = Tool.run(&Factory) != 0;

  std::vector<ClangTidyError> Errors = Consumer.take();
  std::vector<const FunctionRange *> Enclosing;
  for (const ClangTidyError &Error : Errors)
    Enclosing.push_back(enclosingFunction(Functions, Error.Message.FilePath,
                                          Error.Message.FileOffset));
  SourcePositions Positions;
  FileResults Out;
  Out.Results = locate(std::move(Errors), Positions);
  for (size_t I = 0; I < Enclosing.size(); ++I) {
    Result &R = Out.Results[I];
    Kinds.describe(R);
    if (!Enclosing[I])
      continue;
    R.Function = Enclosing[I]->Name;
    R.FunctionLine = Positions.position(R.Main.File, Enclosing[I]->Begin).Line;
  }
  if (Run.RecordParsedFiles)
    Out.Parsed = filesWithEdits(Read, Out.Results);
  if (Record) {
    Record->Complete = true;
    Record->Consistent = Recorder->consistent();
    Record->Queries = Recorder->queries();
    Record->Read = namedLikeEditedFiles(Read, Out.Results);
  }
  // Say which file could not be checked when nothing else does.
  if (Failed && llvm::none_of(Out.Results, [](const Result &R) {
        return R.isCompilerError();
      }))
    Out.Results.push_back(unitError("'" + File + "' could not be checked"));
  return Out;
}

/// Turns on LLVM's crash recovery, its handlers running on the alternate
/// signal stack: a translation unit that overflows the stack (clang's
/// parser recurses once per nested statement) can only be recovered from
/// there.
void enableCrashRecovery() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    CrashRecoveryContext::Enable();
    for (int Signal : {SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGSEGV, SIGTRAP}) {
      struct sigaction Action;
      if (::sigaction(Signal, nullptr, &Action) == 0) {
        Action.sa_flags |= SA_ONSTACK;
        ::sigaction(Signal, &Action, nullptr);
      }
    }
  });
}

/// Gives the calling thread an alternate signal stack, unless it has one,
/// for as long as it lives.
void ensureAlternateSignalStack() {
  struct AlternateStack {
    std::unique_ptr<char[]> Memory;
    AlternateStack() {
      stack_t Current;
      if (::sigaltstack(nullptr, &Current) == 0 && Current.ss_sp &&
          !(Current.ss_flags & SS_DISABLE))
        return;
      const size_t Size = 64 * 1024 + MINSIGSTKSZ;
      Memory = std::make_unique<char[]>(Size);
      stack_t Stack = {};
      Stack.ss_sp = Memory.get();
      Stack.ss_size = Size;
      ::sigaltstack(&Stack, nullptr);
    }
    ~AlternateStack() {
      if (!Memory)
        return;
      stack_t Disabled = {};
      Disabled.ss_flags = SS_DISABLE;
      ::sigaltstack(&Disabled, nullptr);
    }
  };
  thread_local AlternateStack Stack;
  (void)Stack;
}

/// checkFile(), with a crash in clang or in a check reported as an error
/// of that file: the other files are still checked.
FileResults checkFileSafely(const std::string &File,
                            const tooling::CompilationDatabase &Database,
                            SharedOptions &Options, const RunOptions &Run,
                            UnitRecord *Record) {
  ensureAlternateSignalStack();
  FileResults Out;
  CrashRecoveryContext Recovery;
  const void *PrettyStack = SavePrettyStackState();
  if (Recovery.RunSafely(
          [&] { Out = checkFile(File, Database, Options, Run, Record); }))
    return Out;
  // What the crash skipped: the entries of clang's stack trace it left on
  // this thread, and the recorder's unregistering.
  RestorePrettyStackState(PrettyStack);
  setThreadFindingRecorder(nullptr);
  if (Record)
    Record->Complete = false;
  int Signal = Recovery.RetCode - 128;
  std::string Reason = Signal > 0 ? ::strsignal(Signal) : "an error";
  FileResults Crashed;
  Crashed.Results.push_back(unitError("checking '" + File + "' crashed (" +
                                      Reason + "); its findings are lost"));
  return Crashed;
}

bool hasCompileError(const FileResults &Checked) {
  return llvm::any_of(Checked.Results,
                      [](const Result &R) { return R.isCompilerError(); });
}

/// The key of \p File's results in the cache.
CacheKey cacheKey(const std::string &File,
                  const tooling::CompilationDatabase &Database,
                  SharedOptions &Options, const RunOptions &Run) {
  std::vector<tooling::CompileCommand> Commands =
      Database.getCompileCommands(File);
  ClangTidyOptions FileOptions = Options.options(File);
  return Run.Cache->key({File, Commands, &FileOptions, Run.FixesFromNotes});
}

/// The results of \p File: from the cache when it has them, else checked
/// (and then stored, when they can be trusted again).
FileResults checkOrReuse(const std::string &File,
                         const tooling::CompilationDatabase &Database,
                         SharedOptions &Options, const RunOptions &Run,
                         function_ref<void(bool FromCache)> Started) {
  if (!Run.Cache) {
    Started(false);
    return checkFileSafely(File, Database, Options, Run, nullptr);
  }
  CacheKey Key = cacheKey(File, Database, Options, Run);
  FileResults Out;
  if (std::optional<CacheEntry> Hit = Run.Cache->lookup(Key)) {
    Started(true);
    Out.Results = std::move(Hit->Results);
    if (Run.RecordParsedFiles)
      Out.Parsed = filesWithEdits(Hit->Read, Out.Results);
  } else {
    Started(false);
    UnitRecord Record;
    Out = checkFileSafely(File, Database, Options, Run, &Record);
    // A file with compile errors is checked again on every run: the
    // errors may come from something outside what clang read (a missing
    // generated header that the build is about to write).
    if (Record.Complete && Record.Consistent && !hasCompileError(Out))
      Run.Cache->store(Key, Record.Queries, Out.Results, Record.Read);
    else
      Run.Cache->skip();
  }
  // What a run without the cache would have: nothing asks for functions.
  if (!Run.FindFunctions)
    for (Result &R : Out.Results) {
      R.Function.clear();
      R.FunctionLine = 0;
    }
  return Out;
}

} // namespace

std::vector<FileResults>
checkFiles(ArrayRef<std::string> Files,
           const tooling::CompilationDatabase &Database, SharedOptions &Options,
           RunOptions &Run) {
  enableCrashRecovery();
  std::vector<FileResults> Results(Files.size());
  // Numbered and reported under one lock, so that the numbers a progress
  // line shows only ever go up.
  std::mutex StartLock;
  size_t Started = 0;
  auto CheckOne = [&](size_t I) {
    Results[I] = checkOrReuse(Files[I], Database, Options, Run,
                              [&](bool FromCache) {
                                std::lock_guard<std::mutex> Guard(StartLock);
                                ++Started;
                                if (Run.OnStart)
                                  Run.OnStart(Files[I], Started, FromCache);
                              });
  };
  if (Run.Jobs <= 1 || Files.size() <= 1) {
    for (size_t I = 0; I < Files.size(); ++I)
      CheckOne(I);
    return Results;
  }
  DefaultThreadPool Pool(hardware_concurrency(Run.Jobs));
  for (size_t I = 0; I < Files.size(); ++I)
    Pool.async([&CheckOne, I] { CheckOne(I); });
  Pool.wait();
  return Results;
}

} // namespace acm
