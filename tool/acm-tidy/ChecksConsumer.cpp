//===- ChecksConsumer.cpp -------------------------------------------------===//

#include "ChecksConsumer.h"
#include "Checks/AcmCheck.h"
#include "EnabledChecks.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Frontend/CompilerInstance.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/SaveAndRestore.h"
#include <algorithm>
#include <utility>

using namespace clang;
using namespace clang::tidy;

namespace acm {

namespace {

/// Visits what clang-tidy's matchers visit for the acm checks (template
/// instantiations and implicit code included, so lambdas' call operators
/// and generic lambdas' instantiations too) except the bodies that declare
/// no class (mayDeclareClasses), and the statements the compiler built
/// around each co_await, co_yield and co_return and the coroutine's own
/// set-up (promise, initial and final suspend): none of them holds a
/// definition anyone wrote.
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
    // A body that declares no class is not walked (TraverseStmt). What an
    // instantiation's body declares is what its pattern's declares: the
    // instantiation does not list its local functions.
    if (auto *Function = dyn_cast_or_null<FunctionDecl>(D);
        Function && Function->doesThisDeclarationHaveABody() &&
        !mayDeclareClasses(writtenFunction(*Function))) {
      llvm::SaveAndRestore Skipped(SkippedBody, Function->getBody());
      return Base::TraverseDecl(D);
    }
    return Base::TraverseDecl(D);
  }

  /// Skips a body that declares no class. Elsewhere, walks the statements
  /// whose traversal is only their children, with no declaration, type or
  /// template argument of their own, without the visitor's dispatch, in
  /// the same order. Any other statement, and everything the visitor
  /// queues itself, goes through the visitor.
  bool TraverseStmt(Stmt *S, DataRecursionQueue *Queue = nullptr) {
    if (!S)
      return true;
    if (S == SkippedBody) {
      SkippedBody = nullptr;
      return true;
    }
    // The visitor's own loop keeps its queue in order. A statement the
    // visitor walks itself is handed to it at once: each level of nesting
    // (a declaration's initializer, a lambda's body) then takes no more
    // stack than in the visitor alone.
    if (Queue || howToWalk(*S).first == Walk::ThroughTheVisitor)
      return Base::TraverseStmt(S, Queue);
    return walkPlainStatements(S);
  }

private:
  /// True unless \p Context, a function or a scope in its body, is known
  /// to declare no class. Clang declares every lambda's closure and local
  /// class a body writes in the function, or in the block, OpenMP region
  /// or enumeration of the body that holds it, and lists it there, except
  /// a lambda in a requires-expression's requirements, which is analysed
  /// by no front end (AcmCheck::isAnalyzed). Other contexts (a local
  /// function's, whose parameters' closures an instantiation declares but
  /// does not list; an OpenMP declaration's) are not looked into: the body
  /// is walked. A body with a class is walked for what the walk finds: a
  /// closure can be declared without its lambda being anywhere the
  /// matchers look (an alias template substituted, a size folded into a
  /// type, an attribute's argument, an expression dropped by error
  /// recovery).
  /// The function whose body \p Function's was instantiated from, if any.
  static const FunctionDecl &writtenFunction(const FunctionDecl &Function) {
    if (const FunctionDecl *Pattern =
            Function.getTemplateInstantiationPattern())
      return *Pattern;
    return Function;
  }

  static bool mayDeclareClasses(const DeclContext &Context) {
    for (const Decl *Child : Context.decls()) {
      if (isa<CXXRecordDecl>(Child))
        return true;
      const auto *Inner = dyn_cast<DeclContext>(Child);
      if (!Inner)
        continue;
      if (!isa<BlockDecl, CapturedDecl, EnumDecl>(Child) ||
          mayDeclareClasses(*Inner))
        return true;
    }
    return false;
  }

  /// Walks \p S, a statement howToWalk does not hand to the visitor, and
  /// under it what the visitor would traverse, in its order.
  LLVM_ATTRIBUTE_NOINLINE bool walkPlainStatements(Stmt *S) {
    // One stack for all the walks, each above the one it was called from,
    // keeps their frames small.
    size_t Bottom = Pending.size();
    Pending.push_back(S);
    while (Pending.size() > Bottom) {
      Stmt *Next = Pending.pop_back_val();
      auto [How, Only] = howToWalk(*Next);
      switch (How) {
      case Walk::OneChild:
        if (Only)
          Pending.push_back(Only);
        break;
      case Walk::Children: {
        size_t First = Pending.size();
        for (Stmt *Child : Next->children())
          if (Child)
            Pending.push_back(Child);
        std::reverse(Pending.begin() + First, Pending.end());
        break;
      }
      case Walk::ThroughTheVisitor:
        if (!Base::TraverseStmt(Next)) {
          Pending.resize(Bottom);
          return false;
        }
        break;
      }
    }
    return true;
  }

public:
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
  enum class Walk { OneChild, Children, ThroughTheVisitor };

  /// How this visitor walks \p S. Through the one statement returned (null
  /// for none) when that is all it does there: a leaf, a wrapper, an
  /// await's or co_return's operand (the overrides above), a default
  /// argument's or member initializer's expression (implicit code; they
  /// have no children). Through its children when RecursiveASTVisitor
  /// traverses those alone (DEF_TRAVERSE_STMT with no code of its own) and
  /// this visitor has nothing to do at \p S. A reference or member access
  /// holds more when it is qualified, names template arguments, or names a
  /// type (a conversion function's, a destructor's). Anything else, through
  /// the visitor.
  LLVM_ATTRIBUTE_ALWAYS_INLINE static std::pair<Walk, Stmt *>
  howToWalk(Stmt &S) {
    switch (S.getStmtClass()) {
    case Stmt::BreakStmtClass:
    case Stmt::CharacterLiteralClass:
    case Stmt::ContinueStmtClass:
    case Stmt::CXXBoolLiteralExprClass:
    case Stmt::CXXNullPtrLiteralExprClass:
    case Stmt::CXXThisExprClass:
    case Stmt::FloatingLiteralClass:
    case Stmt::IntegerLiteralClass:
    case Stmt::NullStmtClass:
    case Stmt::OpaqueValueExprClass:
    case Stmt::StringLiteralClass:
      return {Walk::OneChild, nullptr};
    case Stmt::DeclRefExprClass: {
      const auto &Ref = cast<DeclRefExpr>(S);
      if (Ref.hasQualifier() || Ref.hasExplicitTemplateArgs() ||
          !namesNoType(Ref.getNameInfo()))
        return {Walk::ThroughTheVisitor, nullptr};
      return {Walk::OneChild, nullptr};
    }
    case Stmt::MemberExprClass: {
      const auto &Member = cast<MemberExpr>(S);
      if (Member.hasQualifier() || Member.hasExplicitTemplateArgs() ||
          !namesNoType(Member.getMemberNameInfo()))
        return {Walk::ThroughTheVisitor, nullptr};
      return {Walk::OneChild, Member.getBase()};
    }
    case Stmt::ImplicitCastExprClass:
      return {Walk::OneChild, cast<ImplicitCastExpr>(S).getSubExpr()};
    case Stmt::ParenExprClass:
      return {Walk::OneChild, cast<ParenExpr>(S).getSubExpr()};
    case Stmt::UnaryOperatorClass:
      return {Walk::OneChild, cast<UnaryOperator>(S).getSubExpr()};
    case Stmt::ExprWithCleanupsClass:
      return {Walk::OneChild, cast<ExprWithCleanups>(S).getSubExpr()};
    case Stmt::CXXBindTemporaryExprClass:
      return {Walk::OneChild, cast<CXXBindTemporaryExpr>(S).getSubExpr()};
    // A temporary bound to a reference is traversed through its
    // declaration, whose only child is the same expression.
    case Stmt::MaterializeTemporaryExprClass:
      return {Walk::OneChild, cast<MaterializeTemporaryExpr>(S).getSubExpr()};
    case Stmt::CoawaitExprClass:
    case Stmt::CoyieldExprClass:
      return {Walk::OneChild, cast<CoroutineSuspendExpr>(S).getOperand()};
    case Stmt::CoreturnStmtClass:
      return {Walk::OneChild, cast<CoreturnStmt>(S).getOperand()};
    case Stmt::CXXDefaultArgExprClass:
      return {Walk::OneChild, cast<CXXDefaultArgExpr>(S).getExpr()};
    case Stmt::CXXDefaultInitExprClass:
      return {Walk::OneChild, cast<CXXDefaultInitExpr>(S).getExpr()};
    case Stmt::ArraySubscriptExprClass:
    case Stmt::BinaryOperatorClass:
    case Stmt::CallExprClass:
    case Stmt::CaseStmtClass:
    case Stmt::CompoundAssignOperatorClass:
    case Stmt::CompoundStmtClass:
    case Stmt::ConditionalOperatorClass:
    case Stmt::CXXConstructExprClass:
    case Stmt::CXXMemberCallExprClass:
    case Stmt::CXXOperatorCallExprClass:
    case Stmt::DefaultStmtClass:
    case Stmt::DoStmtClass:
    case Stmt::ForStmtClass:
    case Stmt::IfStmtClass:
    case Stmt::ReturnStmtClass:
    case Stmt::SwitchStmtClass:
    case Stmt::WhileStmtClass:
      return {Walk::Children, nullptr};
    default:
      return {Walk::ThroughTheVisitor, nullptr};
    }
  }

  /// True if the visitor finds no type or template in \p Name.
  static bool namesNoType(const DeclarationNameInfo &Name) {
    DeclarationName::NameKind Kind = Name.getName().getNameKind();
    return Kind == DeclarationName::Identifier ||
           Kind == DeclarationName::CXXOperatorName ||
           Kind == DeclarationName::CXXLiteralOperatorName;
  }

  void found(const Decl *D) {
    if (D && AcmCheck::isAnalyzed(*D))
      Found(*D);
  }

  const SourceManager &SM;
  bool SystemHeaders;
  llvm::function_ref<void(const Decl &)> Found;
  /// The statements TraverseStmt has still to walk.
  llvm::SmallVector<Stmt *, 0> Pending;
  /// The body of the function being traversed, if it is not to be walked.
  Stmt *SkippedBody = nullptr;
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
      !onlyAcmChecksEnabled(Context, *Factories, Framework))
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
