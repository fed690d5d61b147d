//===- CoroutineFacts.h - What a coroutine's promise allows ---------------===//
//
// Support room: protocol-agnostic; clang's AST only.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_SUPPORT_COROUTINEFACTS_H
#define ACM_ANALYSIS_SUPPORT_COROUTINEFACTS_H

namespace clang {
class FunctionDecl;
class Stmt;
} // namespace clang

namespace acm {

/// The body of coroutine \p Function as written (inside its
/// CoroutineBodyStmt), or null if it is not a coroutine definition.
clang::Stmt *writtenBody(const clang::FunctionDecl &Function);

/// False if the promise of \p Coroutine rejects co_await by declaring a
/// deleted await_transform (std::generator does): inserting co_await in its
/// body would not compile, so no fix-it may offer it.
bool promiseAllowsAwait(const clang::FunctionDecl &Coroutine);

} // namespace acm

#endif // ACM_ANALYSIS_SUPPORT_COROUTINEFACTS_H
