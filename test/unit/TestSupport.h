//===- TestSupport.h - Parse C++20 snippets for unit tests ----------------===//

#ifndef ACM_TEST_UNIT_TESTSUPPORT_H
#define ACM_TEST_UNIT_TESTSUPPORT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include <memory>
#include <string>

namespace acm::test {

/// A tiny awaitable task type and protocol types every snippet can use.
inline const char *Prelude = R"cpp(
#include <coroutine>
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
struct Res { task aenter(); task aexit(); void use(); };
struct Closer { task aclose(); };
)cpp";

inline std::unique_ptr<clang::ASTUnit> parse(const std::string &Code) {
  return clang::tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Code,
      {"-std=c++20", "-resource-dir=" ACM_CLANG_RESOURCE_DIR}, "input.cpp");
}

template <typename T>
const T *findNamed(clang::ASTContext &Ctx, llvm::StringRef Name) {
  const T *Found = nullptr;
  struct Finder : clang::RecursiveASTVisitor<Finder> {
    llvm::StringRef Name;
    const T *&Found;
    Finder(llvm::StringRef Name, const T *&Found) : Name(Name), Found(Found) {}
    bool VisitNamedDecl(clang::NamedDecl *D) {
      if (auto *Typed = llvm::dyn_cast<T>(D))
        if (D->getIdentifier() && D->getName() == Name &&
            (!Found || Typed->isThisDeclarationADefinition()))
          Found = Typed;
      return true;
    }
  } F(Name, Found);
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
  return Found;
}

} // namespace acm::test

#endif // ACM_TEST_UNIT_TESTSUPPORT_H
