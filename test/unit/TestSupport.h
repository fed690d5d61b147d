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

/// The lit tests' coroutine runtime, under short names for the snippets.
inline const char *Prelude = R"cpp(
#include "acm-task.h"
using task = rt::task<>;
using Res = Resource;
using Closer = Stream;
)cpp";

inline std::unique_ptr<clang::ASTUnit> parse(const std::string &Code) {
  return clang::tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Code,
      {"-std=c++20", "-resource-dir=" ACM_CLANG_RESOURCE_DIR,
       "-I" ACM_TEST_INPUTS_DIR},
      "input.cpp");
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
