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
// Noreturn by the function's type alone, through a pointer, and a method.
typedef void FatalType() __attribute__((noreturn));
FatalType die;
void noreturn_by_type() { die(); }
void (*fatal_pointer)() __attribute__((noreturn));
void noreturn_through_pointer() { fatal_pointer(); }
struct Stopper {
  [[noreturn]] void stop();
};
void noreturn_method(Stopper &s) { s.stop(); }
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
struct NoReturnConstructor {
  [[noreturn]] NoReturnConstructor();
  [[noreturn]] NoReturnConstructor(int);
};
void noreturn_temporary(int k) {
  if (k)
    NoReturnConstructor();
  cond();
}
void noreturn_variable(int k) {
  if (k) {
    NoReturnConstructor n(k);
  }
  cond();
}
struct Pair {
  int first, second;
};
void structured_binding(Pair &p) {
  auto &[a, b] = p;
  cond();
}
void function_try_block() try {
  cond();
} catch (...) {
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

/// Constructs the corners above do not hold (attributes, builtins, noreturn
/// calls of every kind, unevaluated operands, awaits in loop conditions and
/// increments, lifetime extension, C++20 expressions, defaulted members,
/// lambdas in captures, conditions and awaits...): whether the builder
/// builds them or not, a graph it builds must be clang's.
constexpr const char *Probes = R"cpp(
#include "acm-task.h"
#include <cstdlib>
#include <initializer_list>
#include <compare>
#include <typeinfo>
#include <source_location>
struct Guard { Guard(); Guard(int); ~Guard(); void touch(); };
struct Plain { int x; int y = 2; };
struct Holder { Guard g; int n; ~Holder(); };
bool cond();
int pick();
[[noreturn]] void fatal();
void analyzer_fatal() __attribute__((analyzer_noreturn));
typedef void NoReturnFn() __attribute__((noreturn));
struct Virtual { [[noreturn]] virtual void die(); void (Virtual::*pmf)(); };
struct Cmp { int v; auto operator<=>(const Cmp &) const = default; };
struct Eq { bool operator==(const Eq &) const; };
struct Assign { Assign &operator=(const Assign &); Assign &operator+=(const Assign &); ~Assign(); };

void analyzer_noreturn_call(int k) {
  if (k)
    analyzer_fatal();
  cond();
}
void assume_side_effects(int k) {
  __builtin_assume(pick() > 0);
  __builtin_assume(k > 0);
  cond();
}
void noreturn_pointer(NoReturnFn *f, int k) {
  if (k)
    f();
  cond();
}
void noreturn_virtual(Virtual &v, int k) {
  if (k)
    v.die();
  cond();
}
void member_pointer(Virtual &v) { (v.*v.pmf)(); }
void builtins(int k) {
  if (k == 1)
    __builtin_unreachable();
  if (k == 2)
    __builtin_trap();
  if (k == 3)
    std::abort();
  if (k == 4)
    std::exit(1);
  if (k == 5)
    std::terminate();
}
void expect(int k) {
  if (__builtin_expect(k, 0))
    cond();
  int n = __builtin_choose_expr(1, 2, 3);
  int m = __extension__ (k + 1);
}
void unevaluated(int k) {
  int a = sizeof(k + pick());
  int b = alignof(Guard);
  decltype(pick()) c = 0;
  bool d = noexcept(pick());
  const std::type_info &t = typeid(k);
  int e = sizeof([] { return 1; }());
}
void likely_attr(int k) {
  if (k) [[likely]] {
    cond();
  } else [[unlikely]] {
    pick();
  }
}
void assume_attr(int k) {
  [[assume(k > 0)]];
  cond();
}
void else_if_chain(int k) {
  if (k == 1)
    ;
  else if (k == 2)
    ;
  else if (k == 3) {
  } else
    ;
  if (k)
    ;
}
void nested_lambda_captures(int k) {
  auto f = [g = [k] { return k; }] { return g(); };
  auto h = [x = [y = k + 1] { return y; }()] { return x; };
  f();
}
void default_arg_lambda(int x = [] { return 3; }());
void default_arg_noreturn(int x = (fatal(), 1));
void uses_default_args() {
  default_arg_lambda();
  default_arg_noreturn();
  cond();
}
rt::task<> await_in_for(int n) {
  for (int i = 0; i < co_await rt::value_task<int>{}; i += co_await rt::value_task<int>{})
    cond();
  for (; co_await rt::value_task<bool>{};)
    ;
}
rt::generator<int> yield_in_while(int n) {
  while ((co_yield n, cond()))
    n++;
  do {
  } while ((co_yield 1, n--));
}
rt::task<> do_while_await() {
  do {
    Guard g;
  } while (co_await rt::value_task<bool>{});
}
rt::task<> comma_awaits() {
  co_await rt::task<>{}, co_await rt::task<>{};
  int v = (co_await rt::value_task<int>{}, pick());
}
void break_continue_nested(int n) {
  Guard outer;
  for (Guard a; cond();) {
    const Guard &r = Guard();
    Guard &&rr = Guard(3);
    for (int i = 0; i < n; ++i) {
      Guard b;
      const Plain &p = Plain{};
      while (cond()) {
        Guard c;
        const Holder &h = Holder();
        if (pick() == 1)
          break;
        if (pick() == 2)
          continue;
        do {
          Guard d;
          if (pick() == 3)
            break;
          continue;
        } while (cond());
      }
      if (i == 3)
        continue;
      if (i == 4)
        break;
    }
  }
}
void for_init_guard(int n) {
  for (Guard g(n); cond();)
    for (Guard h; cond(); g.touch())
      if (pick())
        break;
}
void while_decl_cond() {
  while (bool b = cond())
    ;
}
struct Methods {
  Guard g;
  int method_return(int k) {
    Guard local;
    Plain p;
    if (k)
      return 1;
    {
      Guard inner;
      return 2;
    }
  }
};
void statics_and_threads() {
  static Guard sg;
  thread_local Guard tg;
  extern int ext;
  using T = int;
  typedef int U;
  static_assert(sizeof(int) == 4);
  T t = ext;
  U u = t;
}
void asm_stmt() { asm volatile("" ::: "memory"); }
void lifetime_extension(Holder h) {
  const int &n = Holder().n;
  const Guard &g = Holder().g;
  Guard &&m = static_cast<Guard &&>(Guard());
  const Plain &pl = Plain{1};
  const Guard(&arr)[2] = {Guard(), Guard()};
  cond();
}
void cxx20(Cmp a, Cmp b, Eq x, Eq y) {
  bool l = a < b;
  bool ne = x != y;
  Plain p(1, 2);
  Plain q{.x = 1};
  Plain arr[3] = {{1}};
  std::initializer_list<int> il = {1, 2, 3};
  auto loc = std::source_location::current();
}
void array_capture() {
  Guard arr[2];
  int ints[3] = {};
  auto f = [arr] {};
  auto g = [ints] { return ints[0]; };
}
struct WithArrays {
  Guard g[2];
  int n[2];
  WithArrays &operator=(const WithArrays &) = default;
  WithArrays &operator=(WithArrays &&) = default;
};
void use_with_arrays(WithArrays &a, WithArrays &b) { a = b; a = static_cast<WithArrays &&>(b); }
void assignments(Assign a, Assign b) {
  a = b;
  a += b;
}
struct Gn : Guard { int n(); };
template <int N, typename... Ts> int pack(Ts... ts) {
  int n = N + sizeof...(Ts);
  (ts.touch(), ...);
  return (0 + ... + ts.n());
}
template int pack<3, Gn, Gn>(Gn, Gn);
template <typename T> concept Small = sizeof(T) < 8;
void concepts() {
  bool a = Small<int>;
  bool b = requires { 1 + 1; };
}
void binary_conditional(int a) { int b = a ?: 2; }
consteval int ce() { return 1; }
struct CE { consteval CE(int) {} };
void consteval_calls() {
  ce();
  int x = ce();
  CE(1);
  CE{2};
  if (ce())
    cond();
}
rt::value_task<int> coreturn_value(int k) {
  if (k)
    co_return k + 1;
  co_return pick();
}
struct NoVoid {
  struct promise_type {
    NoVoid get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(int) {}
    [[noreturn]] void unhandled_exception() { std::terminate(); }
  };
};
NoVoid no_return_void(int k) {
  if (k)
    co_return 1;
  co_return 2;
}
struct NoVoid2 {
  struct promise_type {
    NoVoid2 get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(int) {}
    void unhandled_exception() {}
  };
};
NoVoid2 no_return_void2(int k) {
  if (k)
    co_return 1;
  Guard g;
  co_await std::suspend_always{};
}
struct OpAwaitable {};
struct Awaiter {
  bool await_ready();
  bool await_suspend(std::coroutine_handle<>);
  int await_resume();
};
Awaiter operator co_await(OpAwaitable);
struct HandleAwaiter {
  bool await_ready() noexcept;
  std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume() noexcept;
};
struct MemberAwait { Awaiter operator co_await(); };
rt::task<> operator_awaits() {
  int v = co_await OpAwaitable{};
  co_await HandleAwaiter{};
  int w = co_await MemberAwait{};
  co_await co_await rt::value_task<rt::task<>>{};
}
int musttail_target(int);
int musttail(int k) { [[clang::musttail]] return musttail_target(k); }
void cleanup_fn(int *);
void cleanup_attr() { int x __attribute__((cleanup(cleanup_fn))) = 0; }
void unreachable_after_return(int k) {
  return;
  Guard g;
  if (k)
    cond();
}
void empty_for_body_break() {
  for (;;)
    break;
  while (true)
    break;
  do
    break;
  while (true);
}
void label_decl() { __label__ done; done:; }
void local_class() {
  struct Local { int f() { return 1; } } ;
  Local l;
  l.f();
}
void new_delete() { int *p = new int(3); delete p; }
void throw_in_lambda() { auto f = [] { throw 1; }; }
void paren_list_guard() { Holder h(Guard(), 3); }
void vla(int n) { int a[n]; }
void compound_literal() { int *p = (int[]){1, 2}; }
void generic_sel(int k) { int x = _Generic(k, int: 1, default: 2); }
void conditional_in_init(int k) { Guard g = k ? Guard() : Guard(1); }
void init_list_array_filler() { Guard arr[4] = {Guard(1)}; }
struct Base { Base(int); virtual ~Base(); };
struct Derived : Base { using Base::Base; };
void inherited_ctor() { Derived d(3); }
void pseudo_dtor(int *p) { typedef int I; p->~I(); }
void explicit_dtor(Guard *g) { g->~Guard(); }
void udl_use();
void void_casts(int k) { (void)k; static_cast<void>(pick()); (void)cond(); }
void nested_compounds() { { { } } { ; } }
void nested_return_in_else(int k) {
  Guard g;
  if (k) {
    Guard a;
  } else {
    Guard b;
    return;
  }
}
rt::task<> coreturn_in_while() {
  Guard g;
  while (cond()) {
    Guard w;
    co_return;
  }
}
)cpp";

constexpr const char *MoreProbes = R"cpp(
#include "acm-task.h"
struct Guard { Guard(); Guard(int); ~Guard(); void touch(); };
struct Plain { int x; int y = 2; };
bool cond();
int pick();
void analyzer_fatal() __attribute__((analyzer_noreturn));
struct AnalyzerAwaiter {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept __attribute__((analyzer_noreturn));
  void await_resume() noexcept;
};
rt::task<> analyzer_noreturn_await() {
  co_await AnalyzerAwaiter{};
  cond();
}
void lambda_in_condition(int k) {
  if ([&] { return k > 1; }())
    cond();
  while ([k]() mutable { return --k > 0; }())
    ;
}
void attributes_on_decls() {
  [[maybe_unused]] Guard g;
  [[maybe_unused]] int x = 1;
}
Guard return_temporary(int k) {
  Guard local;
  if (k)
    return Guard(k);
  return {};
}
void returns_both(int k) {
  Guard g;
  if (k)
    return;
  else
    return;
}
void non_compound_bodies() {
  while (cond())
    if (pick())
      continue;
    else
      break;
  do
    Guard g;
  while (cond());
  for (;;)
    Guard h;
}
void arrays() {
  Guard z[0];
  Guard m[2][3];
  const Guard (&ra)[1] = {Guard()};
  Plain ps[2][2] = {};
}
rt::value_task<Plain> coreturn_braces(int k) {
  if (k)
    co_return {};
  co_return Plain{1};
}
void void_call();
rt::task<> coreturn_void_expr(int k) {
  if (k)
    co_return void_call();
  co_return;
}
struct Temp { ~Temp(); bool await_ready(); void await_suspend(std::coroutine_handle<>); Guard await_resume(); };
rt::task<> awaits_of_temporaries() {
  co_await Temp{};
  Guard g = co_await Temp{};
  (co_await Temp{}).touch();
}
struct Self {
  int n;
  Guard g;
  void captures() {
    auto a = [this] { return n; };
    auto b = [*this] { return n; };
    auto c = [=] { return n; };
  }
};
void generic_lambdas() {
  auto f = [](auto x) { Guard g; return x; };
  f(1);
  f(2.0);
}
rt::generator<int> yields_in_for() {
  for (int i = 0; i < 3; co_yield i++)
    ;
  for (;;) {
    Guard g;
    co_yield 1;
    if (cond())
      co_return;
  }
}
void if_consteval() {
  if consteval {
    cond();
  }
  if constexpr (sizeof(int) == 4)
    cond();
}
rt::task<> lambda_in_await() {
  co_await [] () -> rt::task<> { co_return; }();
  auto l = [v = co_await rt::value_task<int>{}]() { return v; };
}
void deep_scopes(int k) {
  Guard a;
  {
    Guard b;
    {
      int t;
      {
        Guard c;
        while (k--) {
          int u;
          {
            Guard d;
            if (k == 5)
              break;
            if (k == 6)
              continue;
            if (k == 7)
              return;
          }
        }
      }
    }
  }
}
)cpp";

constexpr const char *ExpressionProbes = R"cpp(
#include "acm-task.h"
#include <initializer_list>
#include <compare>
struct Guard { Guard(); Guard(int); ~Guard(); void touch(); bool ok(); };
struct Plain { int x; int y = 2; };
struct Agg { Guard g; int n = 3; };
struct Cmp { int v; auto operator<=>(const Cmp &) const = default; };
struct Eq { bool operator==(const Eq &) const; };
bool cond();
int pick();
Guard make();
rt::task<> coreturn_void_temporaries(int k) {
  if (k)
    co_return (void)Guard();
  if (k == 2)
    co_return (Guard(), void());
  co_return static_cast<void>(make().ok());
}
rt::value_task<int> coreturn_temporaries(int k) {
  if (k)
    co_return Guard().ok();
  co_return make().ok() ? 1 : 2;
}
template <int N> int nttp() {
  int a[N];
  return N + 1;
}
template int nttp<3>();
void init_lists() {
  std::initializer_list<int> il = {1, 2, 3};
  std::initializer_list<Guard> gl = {Guard(), Guard(1)};
}
void rewritten(Cmp a, Cmp b, Eq x, Eq y) {
  bool l = a < b;
  bool ne = x != y;
  auto c = a <=> b;
}
void designated() {
  Plain q{.x = 1};
  Plain r = {1};
  Agg a{};
  Agg b{.n = 4};
  Agg arr[2] = {};
}
void statement_temporaries() {
  Guard().touch();
  (void)Guard();
  make();
  static_cast<void>(make());
  Guard(1), Guard(2);
  if (make().ok())
    cond();
  while (Guard().ok())
    ;
  for (Guard g; g.ok(); Guard().touch())
    ;
}
struct Polymorphic { virtual ~Polymorphic(); };
void typeid_polymorphic(Polymorphic &p) { const auto &t = typeid(p); }
void expression_statements(int k, int *p) {
  k;
  -k;
  *p;
  p[k];
  k = k ? k : 1;
}
)cpp";

constexpr const char *NoReturnProbes = R"cpp(
#include "acm-task.h"
bool cond();
struct Fatal { [[noreturn]] ~Fatal(); };
struct Convert { [[noreturn]] operator bool(); };
struct FatalCopy { FatalCopy(); [[noreturn]] FatalCopy(const FatalCopy &); };
struct FatalAnalyzerCtor { FatalAnalyzerCtor() __attribute__((analyzer_noreturn)); };
void noreturn_destructor_call(Fatal *f, int k) {
  if (k)
    f->~Fatal();
  cond();
}
void noreturn_destructor_local(int k) {
  if (k) {
    Fatal f;
  }
  cond();
}
void noreturn_conversion(Convert c) {
  if (c)
    cond();
}
void noreturn_copy_capture(FatalCopy &c) {
  auto l = [c] {};
  cond();
}
void analyzer_noreturn_constructor(int k) {
  if (k)
    FatalAnalyzerCtor();
  cond();
}
struct FatalYield {
  struct promise_type {
    FatalYield get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    [[noreturn]] std::suspend_always yield_value(int) noexcept;
    void return_void() {}
    void unhandled_exception() {}
  };
};
FatalYield noreturn_yield(int k) {
  if (k)
    co_yield 1;
  cond();
}
)cpp";

constexpr const char *PromiseProbes = R"cpp(
#include "acm-task.h"
#include <new>
#include <cstddef>
bool cond();
struct Guard { Guard(); Guard(const Guard &); ~Guard(); };
struct Fallible {
  struct promise_type {
    promise_type(Guard &, int k);
    static Fallible get_return_object_on_allocation_failure();
    void *operator new(std::size_t, const std::nothrow_t &) noexcept;
    void *operator new(std::size_t) noexcept;
    void operator delete(void *, std::size_t);
    Fallible get_return_object();
    std::suspend_always initial_suspend() noexcept;
    std::suspend_always final_suspend() noexcept;
    void return_void();
    void unhandled_exception();
  };
};
Fallible allocation_failure(Guard &g, int k) {
  Guard copy = g;
  if (k)
    co_return;
  co_await std::suspend_never{};
}
struct BoolSuspend {
  bool await_ready() noexcept;
  bool await_suspend(std::coroutine_handle<>) noexcept;
  Guard await_resume() noexcept;
};
rt::task<> by_value(Guard g, Guard h, int k) {
  Guard r = co_await BoolSuspend{};
  for (int i = co_await rt::value_task<int>{}; i < k; ++i)
    if (i == 3)
      co_return;
}
)cpp";

TEST(GraphBuilder, ProbesAgreeWithClang) {
  for (const char *Code : {Probes, MoreProbes, ExpressionProbes,
                           NoReturnProbes, PromiseProbes}) {
    std::unique_ptr<ASTUnit> Unit = parse(Code);
    ASSERT_TRUE(Unit);
    ASSERT_FALSE(Unit->getDiagnostics().hasErrorOccurred());
    ASTContext &Ctx = Unit->getASTContext();
    SourceManager &SM = Ctx.getSourceManager();
    for (const FunctionDecl *F : definitions(Ctx))
      if (SM.isInMainFile(F->getLocation()))
        compare(F, Ctx);
  }
}

/// Bodies with errors, invalid declarations included: no crash, and a
/// graph built is clang's.
constexpr const char *Broken = R"cpp(
#include "acm-task.h"
struct Guard { Guard(); ~Guard(); };
bool cond();
void undeclared_call() { Guard g; undeclared(); if (cond()) return; }
void bad_condition() { if (missing) cond(); while (nope) ; }
void bad_declaration() { Unknown u; Guard g; cond(); }
int bad_return() { Guard g; return "text"; }
void bad_break() { break; }
void bad_continue() { Guard g; continue; }
rt::task<> bad_await() { co_await 3; Guard g; }
rt::task<> bad_coreturn() { co_return 5; }
rt::value_task<int> missing_value() { co_return; }
void bad_init() { Guard g(1, 2, 3); int x = Guard(); }
void bad_member() { Guard g; g.nothing(); cond(); }
auto bad_lambda() { return [x = undeclared] { return x; }; }
void bad_for() { for (int i = 0; i < undeclared; ++i) cond(); }
struct Incomplete;
void incomplete(Incomplete &i) { Incomplete copy = i; cond(); }
)cpp";

TEST(GraphBuilder, BrokenBodiesAgreeWithClang) {
  std::unique_ptr<ASTUnit> Unit = parse(Broken);
  ASSERT_TRUE(Unit);
  ASTContext &Ctx = Unit->getASTContext();
  SourceManager &SM = Ctx.getSourceManager();
  struct Collect : RecursiveASTVisitor<Collect> {
    std::vector<const FunctionDecl *> Found;
    bool shouldVisitImplicitCode() const { return true; }
    bool VisitFunctionDecl(FunctionDecl *F) {
      if (F->doesThisDeclarationHaveABody() && F->getBody() &&
          !F->isDependentContext())
        Found.push_back(F);
      return true;
    }
  } C;
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const FunctionDecl *F : C.Found)
    if (SM.isInMainFile(F->getLocation()))
      compare(F, Ctx);
}

} // namespace
} // namespace acm
