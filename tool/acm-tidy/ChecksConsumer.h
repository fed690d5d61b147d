//===- ChecksConsumer.h - The acm checks without AST matchers ---*- C++ -*-===//
//
// clang-tidy runs its checks through AST matchers: one visit of every node
// of the translation unit, the machinery of every co_await included (the
// awaiter's ready, suspend and resume calls), which costs about a tenth of
// the parse. The acm checks need only the definitions their matchers
// match: coroutines, lambdas and classes. acm-tidy, which hosts no other
// checks, finds them by walking declaration contexts, reading no function
// body (a lambda's closure class and a local class are declarations of
// their function), and hands each to the checks as their matchers would
// (AcmCheck::checkDeclaration). The plugin and acm-clangd run inside
// clang-tidy's framework.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TIDY_CHECKSCONSUMER_H
#define ACM_TIDY_CHECKSCONSUMER_H

#include "clang-tidy/ClangTidy.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <memory>

namespace clang {
class ASTConsumer;
class ASTContext;
class Decl;
class CompilerInstance;
} // namespace clang

namespace acm {

/// Calls \p Found with each definition of \p ASTCtx that the acm checks
/// analyse (AcmCheck::isAnalyzed) among those their matchers match, found
/// without matchers; those in system headers only if \p SystemHeaders.
void forEachAnalyzedDeclaration(
    clang::ASTContext &ASTCtx, bool SystemHeaders,
    llvm::function_ref<void(const clang::Decl &)> Found);

/// Creates the consumer that runs the enabled checks over one translation
/// unit: the acm checks without AST matchers, or clang-tidy's own consumer
/// when the unit needs its framework (another module's check enabled,
/// check profiling, modules).
class AcmChecksConsumerFactory {
public:
  AcmChecksConsumerFactory(
      clang::tidy::ClangTidyContext &Context,
      llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS);
  ~AcmChecksConsumerFactory();

  std::unique_ptr<clang::ASTConsumer>
  createASTConsumer(clang::CompilerInstance &Compiler, llvm::StringRef File);

private:
  clang::tidy::ClangTidyContext &Context;
  clang::tidy::ClangTidyASTConsumerFactory Framework;
  std::unique_ptr<clang::tidy::ClangTidyCheckFactories> Factories;
};

} // namespace acm

#endif // ACM_TIDY_CHECKSCONSUMER_H
