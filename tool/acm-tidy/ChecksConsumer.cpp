//===- ChecksConsumer.cpp -------------------------------------------------===//

#include "ChecksConsumer.h"
#include "Checks/AcmCheck.h"
#include "Checks/CheckCatalog.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Frontend/CompilerInstance.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace clang::tidy;

namespace acm {

namespace {

/// Finds the definitions clang-tidy's matchers for the acm checks match
/// (AcmCheck::addDefinitionMatchers) by walking declaration contexts, not
/// statements: a function's local classes and the closure classes of the
/// lambdas written in it are declarations of the function, so no function
/// body is read. Template instantiations are reached from their template,
/// as a RecursiveASTVisitor that visits them would; what is inside a
/// template's pattern is never analysed and is skipped.
class AnalyzedDeclarationFinder {
public:
  AnalyzedDeclarationFinder(const SourceManager &SM, bool SystemHeaders,
                            llvm::function_ref<void(const Decl &)> Found)
      : SM(SM), SystemHeaders(SystemHeaders), Found(Found) {}

  void visitContext(const DeclContext &Context) {
    for (const Decl *D : Context.decls())
      visit(*D);
  }

private:
  void visit(const Decl &D) {
    // As clang-tidy's matchers: nothing in a system header unless the
    // configuration asks for findings there.
    if (!SystemHeaders && SM.isInSystemHeader(D.getLocation()))
      return;
    if (const auto *Friend = dyn_cast<FriendDecl>(&D)) {
      // A friend defined in its class is declared only there.
      if (const NamedDecl *Befriended = Friend->getFriendDecl())
        visit(*Befriended);
      return;
    }
    if (const auto *Template = dyn_cast<ClassTemplateDecl>(&D)) {
      // Explicit specializations and instantiations are declarations of
      // their own context, and are visited there.
      if (Template->isCanonicalDecl())
        for (const ClassTemplateSpecializationDecl *Spec :
             Template->specializations())
          if (!Spec->isExplicitInstantiationOrSpecialization())
            visit(*Spec);
      return;
    }
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(&D)) {
      // Explicit instantiations of a function are not declared anywhere
      // else; explicit specializations are.
      if (Template->isCanonicalDecl())
        for (const FunctionDecl *Spec : Template->specializations())
          if (Spec->getTemplateSpecializationKind() !=
              TSK_ExplicitSpecialization)
            visit(*Spec);
      return;
    }
    if (isa<FunctionDecl, CXXRecordDecl>(D) && AcmCheck::isAnalyzed(D))
      Found(D);
    if (const auto *Context = dyn_cast<DeclContext>(&D);
        Context && !Context->isDependentContext())
      visitContext(*Context);
  }

  const SourceManager &SM;
  bool SystemHeaders;
  llvm::function_ref<void(const Decl &)> Found;
};

} // namespace

void forEachAnalyzedDeclaration(ASTContext &ASTCtx, bool SystemHeaders,
                                llvm::function_ref<void(const Decl &)> Found) {
  AnalyzedDeclarationFinder(ASTCtx.getSourceManager(), SystemHeaders, Found)
      .visitContext(*ASTCtx.getTranslationUnitDecl());
}

namespace {

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

  bool ExpandsModuleHeaders =
      Context.canEnableModuleHeadersParsing() && Compiler.getLangOpts().Modules;
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
