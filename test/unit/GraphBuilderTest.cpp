//===- GraphBuilderTest.cpp - The own CFG builder against clang's ---------===//
//
// buildSupportedGraph must build, for every body it supports, the graph
// clang's builder builds as buildFlowGraph asks for it (buildClangGraph):
// the same printed graph, the same blocks element for element, and the
// same block recorded for every kept statement; and it must leave the kept
// entries as they were when it gives up. Held to that on every function
// definition (template instantiations and lambdas included) of the lit
// inputs, of bodies shaped as bench/gen_coroutines.py writes them, and of
// corners: jumps out of scopes with live objects, co_return in loops,
// empty bodies and branches, dead code. Each with three kept sets: none,
// every statement of the body, every other one.
//
//===----------------------------------------------------------------------===//

#include "Analysis/Support/GraphBuilder.h"
#include "Analysis/Support/FlowGraph.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace clang;

namespace acm {
namespace {

std::unique_ptr<ASTUnit> parse(llvm::StringRef Code,
                               llvm::StringRef FileName = "input.cpp") {
  IgnoringDiagConsumer Quiet;
  return tooling::buildASTFromCodeWithArgs(
      Code,
      {"-std=c++20", "-resource-dir=" ACM_CLANG_RESOURCE_DIR,
       "-I" ACM_SOURCE_DIR "/test/checkers/Inputs",
       "-I" ACM_SOURCE_DIR "/test/profiles/Inputs",
       "-I" ACM_SOURCE_DIR "/include"},
      FileName, "clang-tool", std::make_shared<PCHContainerOperations>(),
      tooling::getClangStripDependencyFileAdjuster(), {}, &Quiet);
}

/// Every function definition with a body the analyses could be asked
/// about: instantiations and lambdas' call operators too, not templates'
/// patterns.
std::vector<const FunctionDecl *> definitions(ASTContext &Ctx) {
  struct Collect : RecursiveASTVisitor<Collect> {
    llvm::SetVector<const FunctionDecl *> Found;
    bool shouldVisitTemplateInstantiations() const { return true; }
    bool shouldVisitImplicitCode() const { return true; }
    void add(const FunctionDecl *F) {
      if (F && F->doesThisDeclarationHaveABody() && F->getBody() &&
          !F->isDependentContext() && !F->isInvalidDecl())
        Found.insert(F);
    }
    bool VisitFunctionDecl(FunctionDecl *F) {
      add(F);
      return true;
    }
    bool VisitLambdaExpr(LambdaExpr *L) {
      add(L->getCallOperator());
      return true;
    }
  } C;
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  return {C.Found.begin(), C.Found.end()};
}

/// Every statement under \p Body, the awaits' hidden parts included.
std::vector<const Stmt *> statementsOf(const Stmt *Body) {
  std::vector<const Stmt *> All;
  llvm::SmallVector<const Stmt *, 64> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    All.push_back(S);
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
  return All;
}

/// What print does not show: each block's elements by identity, its
/// terminator, loop target, label, successors (with the unreachable ones)
/// and predecessors.
std::string structure(const CFG &Graph) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  auto Id = [](const CFGBlock *B) {
    return B ? std::to_string(B->getBlockID()) : std::string("null");
  };
  OS << "entry " << Id(&Graph.getEntry()) << " exit " << Id(&Graph.getExit())
     << " blocks " << Graph.getNumBlockIDs() << " indirect "
     << Id(Graph.getIndirectGotoBlock()) << "\n";
  for (const CFGBlock *B : Graph) {
    OS << "B" << B->getBlockID() << " term " << B->getTerminatorStmt() << "/"
       << B->getTerminator().getKind() << " loop " << B->getLoopTarget()
       << " label " << B->getLabel() << " noreturn " << B->hasNoReturnElement()
       << "\n  elements";
    for (const CFGElement &E : *B) {
      OS << " " << E.getKind() << ":";
      if (auto S = E.getAs<CFGStmt>())
        OS << S->getStmt();
      else if (auto L = E.getAs<CFGLifetimeEnds>())
        OS << L->getVarDecl() << "@" << L->getTriggerStmt();
    }
    OS << "\n  succs";
    for (const CFGBlock::AdjacentBlock &A : B->succs())
      OS << " " << Id(A.getReachableBlock()) << "/"
         << Id(A.getPossiblyUnreachableBlock());
    OS << "\n  preds";
    for (const CFGBlock::AdjacentBlock &A : B->preds())
      OS << " " << Id(A.getReachableBlock()) << "/"
         << Id(A.getPossiblyUnreachableBlock());
    OS << "\n";
  }
  return Text;
}

std::string printed(const CFG &Graph, const LangOptions &LangOpts) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  Graph.print(OS, LangOpts, /*ShowColors=*/false);
  return Text;
}

/// The block number each kept statement was recorded in, -1 for none.
std::vector<int> recorded(const KeptStmts &Kept,
                          const std::vector<const Stmt *> &Order) {
  std::vector<int> Ids;
  for (const Stmt *S : Order) {
    const CFGBlock *B = Kept.lookup(S);
    Ids.push_back(B ? static_cast<int>(B->getBlockID()) : -1);
  }
  return Ids;
}

std::string describe(const FunctionDecl *F) {
  return F->getQualifiedNameAsString() + " at " +
         F->getLocation().printToString(F->getASTContext().getSourceManager());
}

struct Tally {
  unsigned Functions = 0;
  unsigned Supported = 0;
  unsigned Coroutines = 0;
  unsigned SupportedCoroutines = 0;
};

/// Compares both builders on \p F with each kept set; true if the own
/// builder built the graph (with every kept set: support does not depend
/// on what is kept).
bool compare(const FunctionDecl *F, ASTContext &Ctx) {
  Stmt *Body = F->getBody();
  std::vector<const Stmt *> All = statementsOf(Body);
  std::vector<const Stmt *> EveryOther;
  for (size_t I = 0; I < All.size(); I += 2)
    EveryOther.push_back(All[I]);
  bool Built = false;
  unsigned Variant = 0;
  const std::vector<const Stmt *> *KeptSets[] = {nullptr, &All, &EveryOther};
  for (const std::vector<const Stmt *> *Keep : KeptSets) {
    KeptStmts ClangKept, OwnKept;
    if (Keep)
      for (const Stmt *S : *Keep) {
        ClangKept[S] = nullptr;
        OwnKept[S] = nullptr;
      }
    std::unique_ptr<CFG> Own = buildSupportedGraph(F, Body, Ctx, OwnKept);
    std::unique_ptr<CFG> Clang = buildClangGraph(F, Body, Ctx, ClangKept);
    std::string What =
        describe(F) + " (kept set " + std::to_string(Variant) + ")";
    EXPECT_EQ(bool(Own), Variant ? Built : bool(Own)) << What;
    Built = bool(Own);
    ++Variant;
    if (!Own) {
      for (const auto &Entry : OwnKept)
        EXPECT_EQ(Entry.second, nullptr)
            << What << ": a kept entry written by a builder that gave up";
      continue;
    }
    EXPECT_TRUE(Clang) << What;
    if (!Clang)
      continue;
    EXPECT_EQ(printed(*Own, Ctx.getLangOpts()),
              printed(*Clang, Ctx.getLangOpts()))
        << What;
    EXPECT_EQ(structure(*Own), structure(*Clang)) << What;
    if (Keep) {
      EXPECT_EQ(recorded(OwnKept, *Keep), recorded(ClangKept, *Keep)) << What;
    }
  }
  return Built;
}

Tally compareAll(ASTUnit &Unit) {
  Tally T;
  ASTContext &Ctx = Unit.getASTContext();
  for (const FunctionDecl *F : definitions(Ctx)) {
    bool Built = compare(F, Ctx);
    ++T.Functions;
    T.Supported += Built;
    if (isa<CoroutineBodyStmt>(F->getBody())) {
      ++T.Coroutines;
      T.SupportedCoroutines += Built;
    }
  }
  return T;
}

TEST(GraphBuilder, SameGraphAsClangOnEveryLitInput) {
  Tally Total;
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
      std::unique_ptr<ASTUnit> Unit = parse((*Buffer)->getBuffer(), It->path());
      ASSERT_TRUE(Unit) << It->path();
      Tally T = compareAll(*Unit);
      Total.Functions += T.Functions;
      Total.Supported += T.Supported;
      Total.Coroutines += T.Coroutines;
      Total.SupportedCoroutines += T.SupportedCoroutines;
      ++Files;
    }
  }
  EXPECT_GT(Files, 40u);
  llvm::errs() << "lit inputs: " << Files << " files, " << Total.Functions
               << " functions, " << Total.Supported << " built; "
               << Total.Coroutines << " coroutines, "
               << Total.SupportedCoroutines << " built\n";
  // Most of the lit inputs' functions are simple enough.
  EXPECT_GT(Total.Supported * 3, Total.Functions);
}

/// Bodies as bench/gen_coroutines.py writes them: \p Blocks protocol
/// blocks in \p Functions coroutines.
std::string benchCode(unsigned Blocks, unsigned Functions) {
  std::string Code = "#include \"acm-task.h\"\n";
  unsigned PerFunction = (Blocks + Functions - 1) / Functions;
  for (unsigned F = 0; F < Functions; ++F) {
    Code += "rt::task<> coroutine" + std::to_string(F) + "(int k) {\n";
    for (unsigned I = F * PerFunction;
         I < std::min(Blocks, (F + 1) * PerFunction); ++I) {
      std::string N = std::to_string(I);
      Code += "  {\n    Resource r" + N + ";\n    co_await r" + N +
              ".aenter();\n    if (k == " + N + ") {\n      co_await r" + N +
              ".aexit();\n      co_return;\n    }\n"
              "    for (int j = 0; j < k; ++j)\n      r" +
              N + ".use();\n    co_await r" + N + ".aexit();\n  }\n";
    }
    Code += "}\n";
  }
  return Code;
}

TEST(GraphBuilder, BuildsTheBenchmarkCoroutines) {
  std::unique_ptr<ASTUnit> Unit = parse(benchCode(40, 4));
  ASSERT_TRUE(Unit);
  ASSERT_FALSE(Unit->getDiagnostics().hasErrorOccurred());
  ASTContext &Ctx = Unit->getASTContext();
  unsigned Coroutines = 0;
  for (const FunctionDecl *F : definitions(Ctx))
    if (Ctx.getSourceManager().isInMainFile(F->getLocation())) {
      ++Coroutines;
      EXPECT_TRUE(compare(F, Ctx)) << describe(F) << " not built";
    }
  EXPECT_EQ(Coroutines, 4u);
}

TEST(GraphBuilder, HidesOnlyTheAwaitsItIsGiven) {
  std::unique_ptr<ASTUnit> Unit = parse(benchCode(6, 1));
  ASSERT_TRUE(Unit);
  ASTContext &Ctx = Unit->getASTContext();
  const FunctionDecl *Coroutine = nullptr;
  for (const FunctionDecl *F : definitions(Ctx))
    if (Ctx.getSourceManager().isInMainFile(F->getLocation()))
      Coroutine = F;
  ASSERT_TRUE(Coroutine);
  Stmt *Body = Coroutine->getBody();
  // The written body's awaits, as the effect collector lists them (the
  // initial and final suspends are hidden without being listed).
  std::vector<CoroutineSuspendExpr *> Written;
  for (const Stmt *S : statementsOf(cast<CoroutineBodyStmt>(Body)->getBody()))
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S))
      Written.push_back(const_cast<CoroutineSuspendExpr *>(Suspend));
  ASSERT_EQ(Written.size(), 18u);
  KeptStmts Everything, Listed;
  std::unique_ptr<CFG> All =
      buildSupportedGraph(Coroutine, Body, Ctx, Everything);
  std::unique_ptr<CFG> Given =
      buildSupportedGraph(Coroutine, Body, Ctx, Listed, &Written);
  ASSERT_TRUE(All && Given);
  EXPECT_EQ(printed(*Given, Ctx.getLangOpts()),
            printed(*All, Ctx.getLangOpts()));
  // An await left out would be walked whole by clang's builder.
  std::vector<CoroutineSuspendExpr *> Missing(Written.begin() + 1,
                                              Written.end());
  KeptStmts Kept;
  EXPECT_FALSE(buildSupportedGraph(Coroutine, Body, Ctx, Kept, &Missing));
}

/// Corners the builder supports; every function must be built.
constexpr const char *Supported = R"cpp(
#include "acm-task.h"
struct Guard { Guard(); ~Guard(); void touch(); };
struct Plain { int x; };
bool cond();
int pick();

rt::task<> only_coreturn() { co_return; }
rt::task<> not_a_coroutine() { return {}; }
void empty() {}
rt::task<> nested_loops(int n) {
  Guard outer;
  for (int i = 0; i < n; ++i) {
    Guard g;
    Plain p;
    for (int j = 0; j < i; ++j) {
      Guard h;
      int t = j;
      if (t == 2)
        continue;
      if (j == 3)
        break;
      if (j == 4)
        co_return;
      co_await rt::task<>{};
    }
    while (cond()) {
      Guard w;
      if (pick())
        break;
      if (pick() == 2)
        continue;
      w.touch();
    }
    do {
      Guard d;
      Plain q;
      if (cond())
        continue;
      if (pick())
        break;
    } while (cond());
  }
}
rt::task<> dead_code() {
  Guard g;
  co_return;
  g.touch();
  co_await rt::task<>{};
}
rt::task<> chains(int k) {
  if (k == 1) {
    Guard a;
  } else if (k == 2)
    co_await rt::task<>{};
  else {
    Plain p;
    co_return;
  }
  if (k) {
  } else {
  }
}
rt::generator<int> yields(int n) {
  for (int i = 0; i < n; ++i)
    co_yield i;
  Guard g;
  co_yield 7;
}
rt::value_task<int> values(int k) {
  Guard g;
  if (k)
    co_return 1;
  int x = k * 2;
  int y = co_await rt::value_task<int>{};
  co_return x + y;
}
int forever(int k) {
  Guard g;
  int s = 0;
  for (;;) {
    if (s > k)
      return s;
    s += 2;
  }
}
void empty_loops() {
  while (cond())
    ;
  for (;;) {
    break;
  }
  do
    ;
  while (cond());
  for (int i = 0; i < 3; ++i)
    ;
}
int references() {
  const Guard &r = Guard();
  const int &i = 3;
  Guard arr[2];
  Plain ps[2] = {};
  return i;
}
void single_statement_bodies(int n) {
  for (int i = 0; i < n; ++i)
    Guard g;
  while (cond())
    Guard h;
  if (cond())
    Guard k;
  else
    Plain q;
}
void operators(int a, int b) {
  a = 1, b = 2;
  a += b;
  int c = sizeof(a) + sizeof(Plain);
  c = -c;
  int *p = &c;
  p[0] = (a);
  c = static_cast<int>(3.0) + (int)2.0;
}
void return_in_nested() {
  Guard a;
  {
    Guard b;
    {
      Plain c;
      Guard d;
      return;
    }
  }
}
void ends_with_return() {
  Guard a;
  return;
}
rt::task<> ends_with_coreturn() {
  Guard a;
  co_await rt::task<>{};
  co_return;
}
rt::task<> statics() {
  static int counter = 0;
  ++counter;
  co_return;
}
void init_lists() {
  Plain p{3};
  int arr[] = {1, 2, 3};
  Plain q = {};
}
void null_statements() {
  ;
  ;
  if (cond())
    ;
  else
    ;
}
rt::task<> loop_jumps_with_awaits(int n) {
  while (true) {
    Guard g;
    co_await rt::task<>{};
    if (cond())
      break;
  }
  for (Guard g; cond();) {
    Plain p;
    if (pick())
      continue;
    co_return;
  }
}
struct Owner {
  Guard g;
  void method(int k) {
    if (k)
      g.touch();
    this->g.touch();
  }
  ~Owner() { g.touch(); }
};
template <typename T> rt::task<> templ(T t) {
  T copy = t;
  co_await rt::task<>{};
}
template rt::task<> templ<int>(int);
struct Assignable {
  Assignable &operator=(const Assignable &);
  ~Assignable();
  Assignable operator+(const Assignable &) const;
};
Guard make_guard();
Assignable make_assignable();
void temporaries(Assignable a, Assignable b, const Assignable &c) {
  a = b;
  a = c + make_assignable();
  Guard().touch();
  make_guard().touch();
  const Guard &extended = make_guard();
  Assignable copy = a + b;
  if (cond())
    return;
  a = copy;
}
rt::task<> awaits_in_expressions(Resource r) {
  int v = (co_await rt::value_task<int>{}) + 1;
  v += co_await rt::value_task<int>{};
  r.use();
  co_await r.aenter();
  co_await r.aexit();
  if (v)
    co_return;
}
rt::task<> parameters(Guard g, int k, const Guard &ref) {
  if (k)
    co_return;
  for (int i = 0; i < k; ++i) {
    Guard inner;
    if (i == 5)
      co_return;
  }
}
int parameters_plain(Guard g, int k) {
  {
    Guard h;
    if (k)
      return 1;
  }
  while (k--)
    if (k == 3)
      return 2;
  return 0;
}
void lambdas(int k, Guard &g) {
  auto f = [] {};
  f();
  auto h = [k, &g, copy = Guard(), n = k + 1]() { return n; };
  h();
  auto coroutine = [k]() -> rt::task<> { co_await rt::task<>{}; };
}
rt::task<> lambdas_in_coroutine(int k) {
  auto f = [k, w = co_await rt::value_task<int>{}] { return k + w; };
  co_await rt::task<>{};
  f();
}
auto lambda = []() -> rt::task<> {
  Guard g;
  co_await rt::task<>{};
};
)cpp";

TEST(GraphBuilder, BuildsTheCorners) {
  std::unique_ptr<ASTUnit> Unit = parse(Supported);
  ASSERT_TRUE(Unit);
  ASSERT_FALSE(Unit->getDiagnostics().hasErrorOccurred());
  ASTContext &Ctx = Unit->getASTContext();
  SourceManager &SM = Ctx.getSourceManager();
  for (const FunctionDecl *F : definitions(Ctx))
    // Constructors are left to clang's builder.
    if (SM.isInMainFile(F->getLocation()) && !F->isImplicit() &&
        !isa<CXXConstructorDecl>(F))
      EXPECT_TRUE(compare(F, Ctx)) << describe(F) << " not built";
}

/// What the builder leaves to clang's: every function here must fall back.
constexpr const char *Unsupported = R"cpp(
#include "acm-task.h"
struct Guard { Guard(); ~Guard(); };
bool cond();
[[noreturn]] void fatal();
rt::task<> tries() {
  try {
    co_await rt::task<>{};
  } catch (...) {
  }
}
void switches(int k) {
  switch (k) {
  case 1:
    break;
  }
}
void logical(int a, int b) {
  if (a && b)
    cond();
}
void logical_value(int a, int b) { bool c = a || b; }
void conditional(int a) { int b = a ? 1 : 2; }
void throws() { throw 1; }
void noreturn() { fatal(); }
void analyzer_fatal() __attribute__((analyzer_noreturn));
void analyzer_noreturn(int k) {
  if (k)
    analyzer_fatal();
  cond();
}
struct AnalyzerNoReturnAwaiter {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept
      __attribute__((analyzer_noreturn));
  void await_resume() noexcept;
};
rt::task<> analyzer_noreturn_await() {
  co_await AnalyzerNoReturnAwaiter{};
  cond();
}
void assumptions(int k) {
  __builtin_assume(k > 0);
  __builtin_assume(cond());
  cond();
}
void gotos() {
label:
  if (cond())
    goto label;
}
void several() { int a = 1, b = 2; }
void range_for() {
  int arr[] = {1, 2};
  for (int x : arr)
    cond();
}
void if_init() {
  if (int x = 1; x)
    cond();
}
void condition_variable() {
  while (int x = cond())
    ;
}
void statement_expression() { int x = ({ 1; }); }
void news() { delete new int; }
struct Derived : Guard {
  Derived() : Guard() { cond(); }
};
)cpp";

TEST(GraphBuilder, LeavesTheRestToClang) {
  std::unique_ptr<ASTUnit> Unit = parse(Unsupported);
  ASSERT_TRUE(Unit);
  ASSERT_FALSE(Unit->getDiagnostics().hasErrorOccurred());
  ASTContext &Ctx = Unit->getASTContext();
  SourceManager &SM = Ctx.getSourceManager();
  for (const FunctionDecl *F : definitions(Ctx))
    if (const auto *Method = dyn_cast<CXXMethodDecl>(F);
        SM.isInMainFile(F->getLocation()) &&
        !(Method && Method->getParent()->isLambda()))
      EXPECT_FALSE(compare(F, Ctx)) << describe(F) << " built";
}

} // namespace
} // namespace acm
