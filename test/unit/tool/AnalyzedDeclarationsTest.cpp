//===- AnalyzedDeclarationsTest.cpp - acm-tidy's finder vs the matchers ---===//
//
// acm-tidy finds the definitions to analyse without AST matchers
// (forEachAnalyzedDeclaration); the plugin and acm-clangd find them with
// the checks' matchers. Both must hand the checks the same definitions,
// with system headers and without, on every lit input and on corners of
// the language where two ways of finding them could part: template
// instantiations and redeclared specializations, lambdas in initializers,
// default arguments, decltype, requires-expressions and template
// parameters, closures made by substitution, local classes, friends.
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
#include <algorithm>
#include <cstdint>
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

/// What the checks' matchers hand AcmCheck::checkDeclaration, with
/// clang-tidy's filter of system headers when \p SystemHeaders is false.
DeclSet matchedDefinitions(ASTContext &Ctx, bool SystemHeaders) {
  struct Collect : MatchFinder::MatchCallback {
    DeclSet Found;
    void run(const MatchFinder::MatchResult &Result) override {
      if (const Decl *D = AcmCheck::matchedDefinition(Result);
          D && AcmCheck::isAnalyzed(*D))
        Found.insert(D);
    }
  } Callback;
  MatchFinder::MatchFinderOptions Options;
  Options.IgnoreSystemHeaders = !SystemHeaders;
  MatchFinder Finder(Options);
  AcmCheck::addDefinitionMatchers(Finder, &Callback);
  Finder.matchAST(Ctx);
  return Callback.Found;
}

/// What acm-tidy hands AcmCheck::checkDeclaration; a definition may be
/// handed over more than once (checkDeclaration analyses it once).
DeclSet foundDefinitions(ASTContext &Ctx, bool SystemHeaders) {
  DeclSet Found;
  forEachAnalyzedDeclaration(Ctx, SystemHeaders,
                             [&](const Decl &D) { Found.insert(&D); });
  return Found;
}

std::string describe(const Decl *D) {
  std::string Text = D->getDeclKindName();
  if (const auto *Named = dyn_cast<NamedDecl>(D))
    Text += " " + Named->getQualifiedNameAsString();
  return Text + " at " +
         D->getLocation().printToString(D->getASTContext().getSourceManager());
}

/// Expects both ways to find the same definitions, with system headers
/// and without; returns how many the main file holds.
unsigned expectSameDefinitions(ASTUnit &Unit, llvm::StringRef What) {
  ASTContext &Ctx = Unit.getASTContext();
  unsigned InMainFile = 0;
  for (bool SystemHeaders : {false, true}) {
    DeclSet Matched = matchedDefinitions(Ctx, SystemHeaders);
    DeclSet Found = foundDefinitions(Ctx, SystemHeaders);
    std::string Mode = SystemHeaders ? " (system headers)" : "";
    for (const Decl *D : Matched)
      EXPECT_TRUE(Found.contains(D))
          << What.str() << Mode << ": matched, not found: " << describe(D);
    for (const Decl *D : Found)
      EXPECT_TRUE(Matched.contains(D))
          << What.str() << Mode << ": found, not matched: " << describe(D);
    if (!SystemHeaders)
      for (const Decl *D : Matched)
        InMainFile += Ctx.getSourceManager().isInMainFile(D->getLocation());
  }
  return InMainFile;
}

std::unique_ptr<ASTUnit> parse(llvm::StringRef Code,
                               std::vector<std::string> Extra = {},
                               llvm::StringRef FileName = "input.cpp") {
  IgnoringDiagConsumer Quiet;
  return tooling::buildASTFromCodeWithArgs(
      Code, compileArgs(std::move(Extra)), FileName, "clang-tool",
      std::make_shared<PCHContainerOperations>(),
      tooling::getClangStripDependencyFileAdjuster(), {}, &Quiet);
}

TEST(AnalyzedDeclarations, SameAsTheMatchersOnEveryLitInput) {
  unsigned Files = 0;
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
      std::unique_ptr<ASTUnit> Unit =
          parse((*Buffer)->getBuffer(), {}, It->path());
      ASSERT_TRUE(Unit) << It->path();
      // Only the tests of compile errors have any.
      EXPECT_EQ(Unit->getDiagnostics().hasErrorOccurred(),
                llvm::StringRef(It->path()).contains("compile-errors"))
          << It->path();
      // Every input defines coroutines or classes to analyse.
      EXPECT_GT(expectSameDefinitions(*Unit, It->path()), 0u) << It->path();
      ++Files;
    }
    ASSERT_FALSE(EC) << Root;
  }
  EXPECT_GE(Files, 50u);
}

/// The corners where the two ways of finding definitions could part.
struct Corner {
  const char *Name;
  const char *Code;
  /// How many definitions the main file holds, at least.
  unsigned Definitions;
  /// A language option the corner needs.
  const char *Flag = nullptr;
  /// The corner has compile errors on purpose.
  bool HasErrors = false;
};

const Corner Corners[] = {
    {"templates, lambdas, classes and friends", R"cpp(
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
)cpp",
     25},
    // A specialization declared again after its use, as a friend.
    {"redeclared specialization", R"cpp(
template <class T> task g(T) { auto L = []() -> task { co_return; }; co_await L(); }
task use() { co_await g(1); }
struct A { friend task g<>(int); };
template <class T> task h(T) { co_return; }
struct B { friend task h<>(int); };
task useH() { co_await h(1); }
)cpp",
     5},
    {"lambdas in requires-expressions", R"cpp(
constexpr bool B = requires { []() -> task { co_return; }; };
void f() { if constexpr (requires { []() -> task { co_return; }; }) {} }
template <class T> concept C = requires { []() -> task { co_return; }; };
static_assert(C<int>);
)cpp",
     0},
    {"closures made by substitution", R"cpp(
template <class T> using L = decltype([]() -> task { co_return; });
void useAlias() { L<int> l; }
template <class T> concept Sized = sizeof([]() -> task { co_return; }) > 0;
static_assert(Sized<int>);
template <auto F = []() -> task { co_return; }> struct X {};
X<> x;
template <class T> struct R {
  task run() requires(sizeof([]() -> task { co_return; }) > 0) { co_return; }
};
task useR() { R<int> r; co_await r.run(); }
template <class F = decltype([]() -> task { co_return; })>
task withDefault(F f = {}) { co_await f(); }
task useDefault() { co_await withDefault(); }
)cpp",
     2},
    // The finder walks plain statements and expressions by their children
    // alone: lambdas under each statement it hands back to the visitor
    // (qualified or template-naming references and member accesses,
    // conversion names, types as written, bound temporaries, default
    // arguments), and under plain ones nested deep.
    {"lambdas under statements walked by their children", R"cpp(
namespace ns {
template <class T> struct Box { static task make() { co_return; } };
template <class T> task call() { co_return; }
}
template <class T> task unqualified() { co_return; }
struct Obj {
  task run() { co_return; }
  template <class T> task call() { co_return; }
  template <class T> operator T() const { return T(); }
};
template <class T> using Self = Obj;
task take(task (*)()) { co_return; }
struct Wrap { Wrap(int) {} };
task plainWalk(int K, Obj O) {
  co_await ns::call<decltype([]() -> task { co_return; })>();
  co_await ns::Box<decltype([]() -> task { co_return; })>::make();
  co_await O.call<decltype([]() -> task { co_return; })>();
  const auto &Bound = []() -> task { co_return; };
  co_await Bound();
  (void)Wrap(sizeof([]() -> task { co_return; }));
  auto Converted = O.operator decltype([]() -> task { co_return; })();
  (void)Converted;
  co_await unqualified<decltype([]() -> task { co_return; })>();
  co_await O.Self<decltype([]() -> task { co_return; })>::run();
  while (K--) {
    switch (K) {
    case 1:
      co_await take(K > 2 ? +[]() -> task { co_return; }
                          : +[]() -> task { co_return; });
      break;
    default:
      do {
        int A[2] = {0, 1};
        K += A[(co_await take(+[]() -> task { co_return; }), 0)];
      } while (false);
    }
  }
}
)cpp",
     21},
    {"lambda in a template's parameter type", R"cpp(
template <class T>
task f(T, decltype([]() -> task { co_return; }) = {}) { co_return; }
task use() { co_await f(1); }
)cpp",
     1},
    // acm-tidy reads what a function's body defines from the function's
    // declarations: lambdas and local classes wherever the body holds them,
    // written through macros, in a constructor's initializers (outside the
    // body, in the function's context too), in instantiations; closures
    // made by substitution are declared there as well and skipped.
    {"definitions in bodies, found from the function's declarations",
     R"cpp(
#define LAMBDA []() -> task { co_return; }
#define CALL(x) (x)()
struct Member {
  std::function<task()> F;
  Member() : F([]() -> task { co_return; }) {
    auto L = []() -> task { co_return; };
    (void)L;
  }
};
task body(int K) try {
  co_await CALL(LAMBDA);
  co_await CALL([]() -> task { co_return; });
  int V = ({ auto L = []() -> task { co_return; }; 0; });
  auto Init = [Captured = []() -> task { co_return; }]() -> task {
    co_await Captured();
  };
  auto WithDefault = [](task (*F)() = +[]() -> task { co_return; }) {
    return F();
  };
  struct Local {
    task run() {
      struct Deeper { task go() { co_return; } };
      auto L = []() -> task { co_return; };
      co_await L();
    }
  };
  auto Outer = []() -> task {
    struct InLambda { task go() { co_return; } };
    co_return;
  };
  co_await Init();
  co_await WithDefault();
  (void)V;
  (void)Outer;
} catch (...) {
  auto InHandler = []() -> task { co_return; };
  (void)InHandler;
}
template <class T> task generic(T X) {
  if constexpr (sizeof(T) > 1) {
    auto L = [X]() -> task { co_return; };
    co_await L();
  } else {
    auto M = []() -> task { co_return; };
    co_await M();
  }
}
task useGeneric() { co_await generic('a'); co_await generic(1L); }
template <class T> using Closure = decltype([]() -> task { co_return; });
task substituted() { Closure<int> C; co_await C(); }
task inRequires() {
  if constexpr (requires { []() -> task { co_return; }; }) {
    auto L = []() -> task {
      if constexpr (requires { []() -> task { co_return; }; })
        co_return;
    };
    co_await L();
  }
}
)cpp",
     20},
    // A body is walked only if it, or a context it declares, declares a
    // class. Lambdas whose closure is declared in an enumeration, a local
    // function's parameters or an OpenMP declaration must be found; closures
    // declared where the matchers never see their lambda (a folded size,
    // an attribute's argument, an alias substituted in one macro expansion
    // with the body) must not be.
    {"closures declared in the contexts a body declares", R"cpp(
task withEnum() {
  enum E { A = sizeof([]() -> task { co_return; }) };
  (void)A;
  co_return;
}
template <class T> void localFunction() {
  void Local(task (*)() = +[]() -> task { co_return; });
  Local();
}
template void localFunction<int>();
void foldedAndAttributed() {
  typedef int V __attribute__((vector_size(sizeof([]() -> task {
    co_return;
  }) * 0 + 16)));
  _BitInt(sizeof([]() -> task { co_return; }) * 0 + 8) Bits = 0;
  (void)Bits;
  [[assume(sizeof([]() -> task { co_return; }) > 0)]];
#pragma unroll(sizeof([]() -> task { co_return; }) * 0 + 2)
  for (int I = 0; I < 4; ++I) {
  }
}
#define ALL                                                                    \
  template <class T> using L = decltype([]() -> task { co_return; });        \
  task useAlias() {                                                            \
    L<int> l;                                                                  \
    co_await l();                                                              \
  }
ALL
task inRequiresParameters() {
  if constexpr (requires(decltype([]() -> task { co_return; }) X) { X(); })
    co_return;
}
)cpp",
     4},
    {"closures in an OpenMP declaration", R"cpp(
void withReduction() {
#pragma omp declare reduction(plus : int : omp_out += (int)sizeof([]() -> task { co_return; })) initializer(omp_priv = (int)sizeof([]() -> task { co_return; }))
  int X = 0;
  (void)X;
}
)cpp",
     2, "-fopenmp"},
    // Error recovery can drop an expression whose lambda stays declared.
    {"closures in expressions error recovery drops", R"cpp(
task forgotTheCall() { co_await []() -> task { co_return; }; }
void rangeOverALambda() { for (auto X : []() -> task { co_return; }) {} }
void deleteALambda() { delete []() -> task { co_return; }; }
task fine() { co_await []() -> task { co_return; }(); }
)cpp",
     2, nullptr, true},
    {"lambdas in blocks", R"cpp(
void withBlock() {
  void (^B)() = ^{
    auto L = []() -> task { co_return; };
    (void)L;
  };
  B();
}
)cpp",
     1, "-fblocks"},
    {"lambdas in captured regions", R"cpp(
void withRegion() {
#pragma omp parallel
  {
    auto L = []() -> task { co_return; };
    (void)L;
  }
}
)cpp",
     1, "-fopenmp"},
};

TEST(AnalyzedDeclarations, SameAsTheMatchersInTheCorners) {
  for (const Corner &C : Corners) {
    std::string Code = "#include \"acm-task.h\"\nusing task = rt::task<>;\n";
    Code += C.Code;
    std::vector<std::string> Flags = {"-include", "functional", "-Wno-unused"};
    if (C.Flag)
      Flags.push_back(C.Flag);
    std::unique_ptr<ASTUnit> Unit = parse(Code, Flags);
    ASSERT_TRUE(Unit) << C.Name;
    EXPECT_EQ(Unit->getDiagnostics().hasErrorOccurred(), C.HasErrors) << C.Name;
    EXPECT_GE(expectSameDefinitions(*Unit, C.Name), C.Definitions) << C.Name;
  }
}

/// A function whose body nests \p Depth statement expressions, each
/// initializing a variable from the next (after \p Before), around a
/// coroutine lambda.
std::string nestedStatementExpressions(unsigned Depth,
                                       llvm::StringRef Before) {
  std::string Code = "int nest() { return ";
  for (unsigned I = 0; I < Depth; ++I)
    Code += "({ int a" + std::to_string(I) + " = " + Before.str();
  Code += "([]() -> task { co_return; }(), 0)";
  for (unsigned I = Depth; I-- > 0;)
    Code += "; a" + std::to_string(I) + "; })";
  return Code + "; }\n";
}

/// How many bytes of stack lie between the caller and \p Find's deepest
/// call of its callback.
size_t stackToDeepestCall(
    llvm::function_ref<void(llvm::function_ref<void()>)> Find) {
  auto Top = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  size_t Deepest = 0;
  Find([&] {
    auto Here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
    Deepest = std::max<size_t>(Deepest, Top - Here);
  });
  return Deepest;
}

// Each nested initializer is walked from a frame of its own, as the
// matchers' visitor walks it (the body declares a lambda, so the finder
// walks it): the finder's walk must not take more stack per level than
// theirs, or a body the plugin reads would crash acm-tidy.
TEST(AnalyzedDeclarations, NeedsNoMoreStackPerLevelThanTheMatchers) {
  // The matchers' frames are those of clang's library as Debian built it;
  // the finder's, those of this build. They compare as the shipped tool's
  // in an optimized build by clang without sanitizers (the default);
  // unoptimized, by another compiler or instrumented, ours grow and
  // clang's do not.
#if !defined(__clang__) || !defined(__OPTIMIZE__) || ACM_TEST_SANITIZED
  GTEST_SKIP() << "compares frames only in an optimized, uninstrumented "
                  "build by clang";
#endif
  struct PerLevel {
    double Finder = 0, Matchers = 0;
  };
  auto Measure = [](unsigned Depth, llvm::StringRef Before, PerLevel &Out) {
    std::string Code = "#include \"acm-task.h\"\nusing task = rt::task<>;\n";
    Code += nestedStatementExpressions(Depth, Before);
    std::unique_ptr<ASTUnit> Unit = parse(Code, {"-fbracket-depth=100000"});
    ASSERT_TRUE(Unit);
    ASSERT_FALSE(Unit->getDiagnostics().hasErrorOccurred());
    ASTContext &Ctx = Unit->getASTContext();
    Out.Finder = stackToDeepestCall([&](llvm::function_ref<void()> Found) {
      forEachAnalyzedDeclaration(Ctx, false, [&](const Decl &) { Found(); });
    });
    Out.Matchers = stackToDeepestCall([&](llvm::function_ref<void()> Found) {
      struct Callback : MatchFinder::MatchCallback {
        llvm::function_ref<void()> Found;
        void run(const MatchFinder::MatchResult &) override { Found(); }
      } Call;
      Call.Found = Found;
      MatchFinder Finder;
      AcmCheck::addDefinitionMatchers(Finder, &Call);
      Finder.matchAST(Ctx);
    });
  };
  // The statement expression is the initializer, or under one the finder
  // walks itself.
  for (llvm::StringRef Before : {"", "1 + "}) {
    PerLevel Shallow, Deep;
    Measure(100, Before, Shallow);
    Measure(300, Before, Deep);
    double Finder = (Deep.Finder - Shallow.Finder) / 200;
    double Matchers = (Deep.Matchers - Shallow.Matchers) / 200;
    EXPECT_GT(Matchers, 0);
    EXPECT_LE(Finder, Matchers)
        << "bytes of stack a level, finder against matchers, initializer \""
        << Before.str() << "({...})\"";
  }
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
