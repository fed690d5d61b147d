//===- AnalyzedDeclarationsTest.cpp - acm-tidy's finder vs the matchers ---===//
//
// acm-tidy finds the definitions to analyse without AST matchers
// (forEachAnalyzedDeclaration); the plugin and acm-clangd find them with
// the checks' matchers. Both must hand the checks the same definitions, on
// every lit input and on the corners of the language where the two ways of
// finding them could part: template instantiations, lambdas in every kind
// of place, local classes, friends.
//
//===----------------------------------------------------------------------===//

#include "Checks/AcmCheck.h"
#include "ChecksConsumer.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "gtest/gtest.h"
#include <set>
#include <string>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;

namespace acm {
namespace {

using DeclSet = llvm::SmallPtrSet<const Decl *, 32>;

std::vector<std::string> compileArgs(std::vector<std::string> Extra = {}) {
  std::vector<std::string> Args = {"-std=c++20",
                                   "-resource-dir=" ACM_CLANG_RESOURCE_DIR,
                                   "-I" ACM_SOURCE_DIR "/test/checkers/Inputs",
                                   "-I" ACM_SOURCE_DIR "/test/profiles/Inputs",
                                   "-I" ACM_SOURCE_DIR "/include"};
  Args.insert(Args.end(), Extra.begin(), Extra.end());
  return Args;
}

/// What the checks' matchers hand AcmCheck::checkDeclaration.
DeclSet matchedDefinitions(ASTContext &Ctx) {
  struct Collect : MatchFinder::MatchCallback {
    DeclSet Found;
    void run(const MatchFinder::MatchResult &Result) override {
      if (const Decl *D = AcmCheck::matchedDefinition(Result);
          D && AcmCheck::isAnalyzed(*D))
        Found.insert(D);
    }
  } Callback;
  MatchFinder Finder;
  AcmCheck::addDefinitionMatchers(Finder, &Callback);
  Finder.matchAST(Ctx);
  return Callback.Found;
}

DeclSet foundDefinitions(ASTContext &Ctx, bool SystemHeaders = true) {
  DeclSet Found;
  forEachAnalyzedDeclaration(Ctx, SystemHeaders, [&](const Decl &D) {
    EXPECT_TRUE(Found.insert(&D).second) << "found twice";
  });
  return Found;
}

std::string describe(const Decl *D) {
  std::string Text = D->getDeclKindName();
  if (const auto *Named = dyn_cast<NamedDecl>(D))
    Text += " " + Named->getQualifiedNameAsString();
  return Text + " at " +
         D->getLocation().printToString(D->getASTContext().getSourceManager());
}

/// Expects both ways to find the same definitions; returns how many.
unsigned expectSameDefinitions(ASTUnit &Unit, llvm::StringRef What) {
  ASTContext &Ctx = Unit.getASTContext();
  DeclSet Matched = matchedDefinitions(Ctx);
  DeclSet Found = foundDefinitions(Ctx);
  for (const Decl *D : Matched)
    EXPECT_TRUE(Found.contains(D))
        << What.str() << ": matched, not found: " << describe(D);
  for (const Decl *D : Found)
    EXPECT_TRUE(Matched.contains(D))
        << What.str() << ": found, not matched: " << describe(D);
  return Matched.size();
}

std::unique_ptr<ASTUnit> parse(const std::string &Code,
                               std::vector<std::string> Extra = {}) {
  return tooling::buildASTFromCodeWithArgs(Code, compileArgs(std::move(Extra)),
                                           "input.cpp");
}

TEST(AnalyzedDeclarations, SameAsTheMatchersOnEveryLitInput) {
  unsigned Files = 0, Definitions = 0;
  for (const char *Dir : {"checkers", "profiles"}) {
    std::string Root = std::string(ACM_SOURCE_DIR) + "/test/" + Dir;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Root, EC), End; It != End && !EC;
         It.increment(EC)) {
      if (llvm::sys::path::extension(It->path()) != ".cpp")
        continue;
      auto Buffer = llvm::MemoryBuffer::getFile(It->path());
      ASSERT_TRUE(bool(Buffer)) << It->path();
      // Some inputs pick variants of the look-alike headers with -D; the
      // finder does not care which.
      IgnoringDiagConsumer Quiet;
      std::unique_ptr<ASTUnit> Unit = tooling::buildASTFromCodeWithArgs(
          (*Buffer)->getBuffer(), compileArgs(), It->path(), "clang-tool",
          std::make_shared<PCHContainerOperations>(),
          tooling::getClangStripDependencyFileAdjuster(), {}, &Quiet);
      ASSERT_TRUE(Unit) << It->path();
      Definitions += expectSameDefinitions(*Unit, It->path());
      ++Files;
    }
    ASSERT_FALSE(EC) << Root;
  }
  EXPECT_GE(Files, 50u);
  // Most inputs are made of coroutines and classes to analyse.
  EXPECT_GE(Definitions, 10 * Files);
}

TEST(AnalyzedDeclarations, SameAsTheMatchersInTemplatesLambdasAndClasses) {
  const char *Code = R"cpp(
#include "acm-task.h"
using task = rt::task<>;

task plain() { co_return; }
template <class T> task generic(T) { co_return; }
template task generic(long);                       // explicit instantiation
template <> task generic(char) { co_return; }      // explicit specialization
task useGeneric() { co_await generic(1); co_await generic(1.0); }

template <class T> struct Holder {
  Resource R;
  task run() { co_await R.aenter(); co_await R.aexit(); }
  template <class U> task with(U) { co_return; }
  task (*Made)() = [] { return []() -> task { co_return; }(); };
};
template struct Holder<short>;                     // explicit instantiation
template <> struct Holder<char> {                  // explicit specialization
  task run() { co_return; }
};
task useHolder() {
  Holder<int> H;
  co_await H.run();
  co_await H.with(2);
}

struct Server {
  Stream S;
  task stop() { co_await S.aclose(); }
  friend task befriended(Server &) { co_return; }
  std::function<task()> Hook = []() -> task { co_return; };
};

auto atNamespaceScope = []() -> task { co_return; };
template <class T> auto variableTemplate = [](T) -> task { co_return; };
task useVariableTemplate() { co_await variableTemplate<int>(1); }
task defaultArgument(task (*F)() = [] { return []() -> task { co_return; }(); });

task outer(int K) {
  struct Local {
    Resource R;
    task run() { co_await R.aenter(); co_await R.aexit(); }
  };
  auto Inner = [K]() -> task {
    auto Innermost = []() -> task { co_return; };
    co_await Innermost();
  };
  auto Generic = [](auto X) -> task { co_return; };
  co_await Generic(1);
  co_await Generic(2.0);
  co_await Inner();
  using Decltyped = decltype([]() -> task { co_return; });
  if (K)
    co_await ([]() -> task { co_return; })();
}

template <class T> task templated(T X) {
  auto Lambda = [X]() -> task { co_return; };
  co_await Lambda();
}
task useTemplated() { co_await templated(1); }

namespace outer_ns { inline namespace v1 { extern "C++" {
task nested() { co_return; }
} } }
)cpp";
  std::unique_ptr<ASTUnit> Unit =
      parse(Code, {"-include", "functional", "-Wno-unused"});
  ASSERT_TRUE(Unit);
  EXPECT_FALSE(Unit->getDiagnostics().hasErrorOccurred());
  EXPECT_GE(expectSameDefinitions(*Unit, "corners"), 25u);
}

TEST(AnalyzedDeclarations, SkipsSystemHeadersUnlessAsked) {
  std::unique_ptr<ASTUnit> Unit = tooling::buildASTFromCodeWithArgs(
      R"cpp(
#include "acm-task.h"
#include <system-coroutine.h>
rt::task<> mine() { co_return; }
)cpp",
      compileArgs({"-isystem", "/virtual-system"}), "input.cpp", "clang-tool",
      std::make_shared<PCHContainerOperations>(),
      tooling::getClangStripDependencyFileAdjuster(),
      {{"/virtual-system/system-coroutine.h",
        "rt::task<> fromSystemHeader() { co_return; }\n"}});
  ASSERT_TRUE(Unit);
  ASSERT_FALSE(Unit->getDiagnostics().hasErrorOccurred());
  auto Names = [](const DeclSet &Decls) {
    std::set<std::string> Result;
    for (const Decl *D : Decls)
      if (const auto *F = dyn_cast<FunctionDecl>(D))
        Result.insert(F->getNameAsString());
    return Result;
  };
  ASTContext &Ctx = Unit->getASTContext();
  EXPECT_EQ(Names(foundDefinitions(Ctx, /*SystemHeaders=*/false)),
            std::set<std::string>({"mine"}));
  EXPECT_EQ(Names(foundDefinitions(Ctx, /*SystemHeaders=*/true)),
            std::set<std::string>({"fromSystemHeader", "mine"}));
}

} // namespace
} // namespace acm
