//===- ChecksConsumer.h - The acm checks without AST matchers ---*- C++ -*-===//
//
// clang-tidy runs its checks through AST matchers: one visit of every node
// of the translation unit, the machinery of every co_await included (the
// awaiter's ready, suspend and resume calls), which costs about a tenth of
// the parse. The acm checks need only the definitions their matchers
// match: coroutines, lambdas and classes. acm-tidy, which hosts no other
// checks, finds them with a visit that skips what the compiler built
// around each co_await, co_yield and co_return, and hands each to the
// checks as their matchers would (AcmCheck::checkDeclaration). The plugin
// and acm-clangd run inside clang-tidy's framework.
//
// The visit reads every declaration as the matchers' visitor does, and
// walks a function body only if the function declares a class: Clang
// declares the closure of every lambda and every local class a body
// writes in its function (or in a block, OpenMP region or enumeration of
// the body, which the function declares too), so a function that lists
// none has no definition in its body. Lambdas in a requires-expression's
// requirements are declared in the expression's body, which no function
// lists; nothing in one is analysed by any front end
// (AcmCheck::isAnalyzed). Where the visitor walks statements, it walks
// those that have only children to traverse without its dispatch, in the
// same order (docs/benchmarks.md).
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
/// without matchers (some more than once); those in system headers only if
/// \p SystemHeaders.
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
