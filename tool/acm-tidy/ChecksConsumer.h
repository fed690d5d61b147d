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
//===----------------------------------------------------------------------===//

#ifndef ACM_TIDY_CHECKSCONSUMER_H
#define ACM_TIDY_CHECKSCONSUMER_H

#include "clang-tidy/ClangTidy.h"
#include "llvm/ADT/StringRef.h"
#include <memory>

namespace clang {
class ASTConsumer;
class CompilerInstance;
} // namespace clang

namespace acm {

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
