//===- ChecksConsumer.cpp -------------------------------------------------===//

#include "ChecksConsumer.h"
#include "Checks/AcmCheck.h"
#include "Checks/CheckCatalog.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Frontend/CompilerInstance.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace clang::tidy;

namespace acm {

namespace {

/// Visits what clang-tidy's matchers visit for the acm checks (template
/// instantiations and implicit code included, so lambdas' call operators
/// and generic lambdas' instantiations too) except the statements the
/// compiler built around each co_await, co_yield and co_return, and the
/// coroutine's own set-up (promise, initial and final suspend): none of
/// them holds a definition anyone wrote.
class AnalyzedDeclarationFinder
    : public RecursiveASTVisitor<AnalyzedDeclarationFinder> {
public:
  using Base = RecursiveASTVisitor<AnalyzedDeclarationFinder>;

  AnalyzedDeclarationFinder(const SourceManager &SM, bool SystemHeaders,
                            llvm::function_ref<void(const Decl &)> Found)
      : SM(SM), SystemHeaders(SystemHeaders), Found(Found) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    // As clang-tidy's matchers: nothing in a system header unless the
    // configuration asks for findings there.
    if (D && !SystemHeaders && !isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    return Base::TraverseDecl(D);
  }

  bool TraverseCoroutineBodyStmt(CoroutineBodyStmt *S) {
    return TraverseStmt(S->getBody());
  }
  bool TraverseCoawaitExpr(CoawaitExpr *E) {
    return TraverseStmt(E->getOperand());
  }
  bool TraverseCoyieldExpr(CoyieldExpr *E) {
    return TraverseStmt(E->getOperand());
  }
  bool TraverseCoreturnStmt(CoreturnStmt *S) {
    return TraverseStmt(S->getOperand());
  }

  bool VisitFunctionDecl(FunctionDecl *F) {
    found(F);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    found(L->getCallOperator());
    return true;
  }
  bool VisitCXXRecordDecl(CXXRecordDecl *C) {
    found(C);
    return true;
  }

private:
  void found(const Decl *D) {
    if (D && AcmCheck::isAnalyzed(*D))
      Found(*D);
  }

  const SourceManager &SM;
  bool SystemHeaders;
  llvm::function_ref<void(const Decl &)> Found;
};

class AcmChecksConsumer : public ASTConsumer {
public:
  AcmChecksConsumer(std::vector<std::unique_ptr<ClangTidyCheck>> Checks,
                    bool SystemHeaders)
      : Checks(std::move(Checks)), SystemHeaders(SystemHeaders) {}

  void HandleTranslationUnit(ASTContext &ASTCtx) override {
    for (auto &Check : Checks)
      Check->onStartOfTranslationUnit();
    auto CheckDeclaration = [&](const Decl &D) {
      for (auto &Check : Checks)
        static_cast<AcmCheck &>(*Check).checkDeclaration(D, ASTCtx);
    };
    forEachAnalyzedDeclaration(ASTCtx, SystemHeaders, CheckDeclaration);
    for (auto &Check : Checks)
      Check->onEndOfTranslationUnit();
  }

private:
  std::vector<std::unique_ptr<ClangTidyCheck>> Checks;
  bool SystemHeaders;
};

/// True if every check enabled for the current file is an acm check.
bool onlyAcmChecksEnabled(ClangTidyASTConsumerFactory &Framework) {
  return llvm::all_of(Framework.getCheckNames(), [](const std::string &Name) {
    return findCheck(Name) != nullptr;
  });
}

} // namespace

void forEachAnalyzedDeclaration(ASTContext &ASTCtx, bool SystemHeaders,
                                llvm::function_ref<void(const Decl &)> Found) {
  AnalyzedDeclarationFinder(ASTCtx.getSourceManager(), SystemHeaders, Found)
      .TraverseAST(ASTCtx);
}

AcmChecksConsumerFactory::AcmChecksConsumerFactory(
    ClangTidyContext &Context,
    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS)
    : Context(Context), Framework(Context, std::move(FS)),
      Factories(std::make_unique<ClangTidyCheckFactories>()) {
  // The same factories, in the same order, as clang-tidy's.
  for (const ClangTidyModuleRegistry::entry &Module :
       ClangTidyModuleRegistry::entries())
    Module.instantiate()->addCheckFactories(*Factories);
}

AcmChecksConsumerFactory::~AcmChecksConsumerFactory() = default;

std::unique_ptr<ASTConsumer>
AcmChecksConsumerFactory::createASTConsumer(CompilerInstance &Compiler,
                                            StringRef File) {
  // What clang-tidy's factory sets before it creates the checks: they read
  // the options of the current file.
  SourceManager &SM = Compiler.getSourceManager();
  Context.setSourceManager(&SM);
  Context.setCurrentFile(File);
  Context.setASTContext(&Compiler.getASTContext());
  if (auto WorkingDir = SM.getFileManager()
                            .getVirtualFileSystem()
                            .getCurrentWorkingDirectory())
    Context.setCurrentBuildDirectory(*WorkingDir);

  bool ExpandsModuleHeaders = Context.canEnableModuleHeadersParsing() &&
                              Compiler.getLangOpts().Modules;
  if (Context.getEnableProfiling() || ExpandsModuleHeaders ||
      !onlyAcmChecksEnabled(Framework))
    return Framework.createASTConsumer(Compiler, File);

  std::vector<std::unique_ptr<ClangTidyCheck>> Checks =
      Factories->createChecksForLanguage(&Context);
  Preprocessor *PP = &Compiler.getPreprocessor();
  for (auto &Check : Checks)
    Check->registerPPCallbacks(SM, PP, PP);
  return std::make_unique<AcmChecksConsumer>(
      std::move(Checks), Context.getOptions().SystemHeaders.value_or(false));
}

} // namespace acm
