//===- AnalysisTest.cpp - Unit tests of the enter/exit dataflow -----------===//

#include "Analysis/ClassAnalysis.h"
#include "Analysis/CoroutineAnalysis.h"
#include "Analysis/Exit/BodyContexts.h"
#include "Analysis/Exit/EffectCollector.h"
#include "Analysis/Exit/ExitAnalysis.h"
#include "Analysis/Exit/ExitFlow.h"
#include "Analysis/Exit/ExitLattice.h"
#include "Analysis/Exit/ObjectFinder.h"
#include "Analysis/Exit/Ownership.h"
#include "Analysis/Owner/ClassMembers.h"
#include "Analysis/Support/AnalysisBounds.h"
#include "Analysis/Support/BodyVisitor.h"
#include "Analysis/Support/BranchFacts.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Analysis/Support/CoroutineFacts.h"
#include "Analysis/Support/FlowDriver.h"
#include "Analysis/Support/FlowGraph.h"
#include "Model/ProtocolModel.h"
#include "TestSupport.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <cstring>
#include <set>

using namespace clang;

namespace acm {
namespace {

/// Analyzes coroutine \p Name in \p Code and returns "kind:line:message".
std::vector<std::string> findingsIn(const std::string &Code,
                                    StringRef Name = "f",
                                    ModelOptions Options = {}) {
  auto AST = test::parse(Code);
  EXPECT_TRUE(AST);
  std::vector<std::string> Out;
  if (!AST)
    return Out;
  ASTContext &Ctx = AST->getASTContext();
  const auto *Function = test::findNamed<FunctionDecl>(Ctx, Name);
  EXPECT_TRUE(Function);
  if (!Function)
    return Out;
  ProtocolModel Model(std::move(Options));
  FindingList Findings;
  analyzeCoroutine(*Function, Ctx, Model, Findings);
  unsigned PreludeLines =
      std::count(test::Prelude, test::Prelude + strlen(test::Prelude), '\n');
  for (const Finding &F : Findings.Findings)
    Out.push_back(
        std::to_string(int(F.Kind)) + ":" +
        std::to_string(Ctx.getSourceManager().getSpellingLineNumber(F.Loc) -
                       PreludeLines) +
        ":" + F.Message);
  return Out;
}

std::string ofKind(FindingKind Kind, int Line, const std::string &Message) {
  return std::to_string(int(Kind)) + ":" + std::to_string(Line) + ":" + Message;
}

std::string missing(int Line, const std::string &Message) {
  return ofKind(FindingKind::MissingExit, Line, Message);
}

TEST(ExitAnalysis, ExitOnAllPathsIsSilent) {
  EXPECT_TRUE(findingsIn("task f(bool b) {\n"
                         "  Res r; co_await r.aenter();\n"
                         "  if (b) { co_await r.aexit(); co_return; }\n"
                         "  co_await r.aexit();\n"
                         "}\n")
                  .empty());
}

TEST(ExitAnalysis, EarlyReturnIsReportedAtTheReturn) {
  EXPECT_EQ(findingsIn("task f(bool b) {\n"
                       "  Res r; co_await r.aenter();\n"
                       "  if (b)\n"
                       "    co_return;\n"
                       "  co_await r.aexit();\n"
                       "}\n"),
            std::vector<std::string>{
                missing(4, "exit of 'r' is not awaited before 'co_return'")});
}

TEST(ExitAnalysis, JoinKeepsEnteredFromEitherBranch) {
  EXPECT_EQ(
      findingsIn("task f(bool b) {\n"
                 "  Res r;\n"
                 "  if (b) co_await r.aenter();\n"
                 "}\n"),
      std::vector<std::string>{missing(
          4, "exit of 'r' is not awaited before the end of the coroutine")});
}

TEST(ExitAnalysis, LoopBodyObjectIsFreshEachIteration) {
  EXPECT_TRUE(findingsIn("task f(int n) {\n"
                         "  for (int i = 0; i < n; ++i) {\n"
                         "    Res r; co_await r.aenter(); co_await r.aexit();\n"
                         "  }\n"
                         "}\n")
                  .empty());
}

TEST(ExitAnalysis, ExitInsideLoopOnlyMayNotRun) {
  // The loop may run zero times: the exit is missing on that path.
  EXPECT_EQ(
      findingsIn("task f(int n) {\n"
                 "  Res r; co_await r.aenter();\n"
                 "  for (int i = 0; i < n; ++i) { co_await r.aexit(); "
                 "break; }\n"
                 "}\n"),
      std::vector<std::string>{missing(
          4, "exit of 'r' is not awaited before the end of the coroutine")});
}

TEST(ExitAnalysis, MoveReleasesOwnership) {
  EXPECT_TRUE(
      findingsIn("void sink(Res);\n"
                 "task f() {\n"
                 "  Res r; co_await r.aenter(); sink(static_cast<Res&&>(r));\n"
                 "}\n")
          .empty());
}

TEST(ExitAnalysis, CloseableParameterIsOwned) {
  EXPECT_EQ(findingsIn("task f(Closer c) { co_return; }\n"),
            std::vector<std::string>{
                missing(1, "close of 'c' is not awaited before 'co_return'")});
  EXPECT_TRUE(findingsIn("task f(Closer &c) { co_return; }\n").empty());
}

TEST(ExitAnalysis, DiscardedExitHasAFix) {
  auto AST = test::parse("task f() { Res r; co_await r.aenter(); r.aexit(); }");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  ProtocolModel Model({});
  FindingList Findings;
  analyzeCoroutine(*test::findNamed<FunctionDecl>(Ctx, "f"), Ctx, Model,
                   Findings);
  ASSERT_EQ(Findings.Findings.size(), 1u);
  const Finding &F = Findings.Findings.front();
  EXPECT_EQ(F.Kind, FindingKind::DiscardedExit);
  ASSERT_TRUE(F.Fix.has_value());
  EXPECT_EQ(F.Fix->Text, "co_await ");
}

/// The number of statement elements of \p Graph.
unsigned stmtElements(const CFG &Graph) {
  unsigned N = 0;
  for (const CFGBlock *Block : Graph)
    for (const CFGElement &E : *Block)
      N += E.getAs<CFGStmt>().has_value();
  return N;
}

/// Coroutine "f" of a snippet, read and graphed as the analysis does
/// without exception edges: the inputs of a flow.
struct GraphedCoroutine {
  std::unique_ptr<ASTUnit> AST;
  const FunctionDecl *Function = nullptr;
  Stmt *Body = nullptr;
  ProtocolModel Model{ModelOptions{}};
  ExitFacts Facts;
  std::optional<BranchFacts> Conditions;
  KeptStmts Kept;
  std::unique_ptr<CFG> Graph;
};

/// Fills \p G from \p Code; call through ASSERT_NO_FATAL_FAILURE.
void graphCoroutine(const std::string &Code, GraphedCoroutine &G) {
  G.AST = test::parse(Code);
  ASSERT_TRUE(G.AST);
  ASTContext &Ctx = G.AST->getASTContext();
  G.Function = test::findNamed<FunctionDecl>(Ctx, "f");
  ASSERT_TRUE(G.Function);
  G.Body = writtenBody(*G.Function);
  G.Facts = collectExitFacts(*G.Function, G.Body, G.Model);
  ASSERT_TRUE(G.Facts.hasObjects());
  G.Conditions.emplace(*G.Function, G.Body);
  G.Conditions->keepGraphStatements(G.Kept);
  keepGraphStatements(G.Facts, G.Kept);
  G.Graph = buildFlowGraph(G.Function, G.Function->getBody(), Ctx,
                           /*ExceptionEdges=*/false, nullptr, &G.Kept);
  ASSERT_TRUE(G.Graph);
}

TEST(FlowGraph, KeptStatementsAreElementsAndTheRestIsLeftOut) {
  // Effects in the arms of a conditional operator and of && and ||, inside
  // calls' arguments and in a loop's condition, and assignments of a
  // condition variable nested in an expression.
  GraphedCoroutine G;
  ASSERT_NO_FATAL_FAILURE(graphCoroutine(R"cpp(
void take(Res &, int);
task f(bool b) {
  Res r, s;
  co_await (b ? r.aenter() : s.aenter());
  bool done = false;
  if (b && (done = ready()))
    take(r, 1);
  while (!done || ready())
    done = (r.use(), true);
  co_await r.aexit();
  co_await s.aexit();
}
)cpp", G));
  ASSERT_GT(G.Kept.size(), 8u);
  // Clang's builder records the block of every kept statement it adds.
  llvm::DenseSet<const Stmt *> Elements;
  for (const CFGBlock *Block : *G.Graph)
    for (const CFGElement &E : *Block)
      if (auto S = E.getAs<CFGStmt>())
        Elements.insert(S->getStmt());
  for (const auto &[S, Block] : G.Kept) {
    EXPECT_TRUE(Block) << S->getStmtClassName();
    EXPECT_TRUE(Elements.contains(S)) << S->getStmtClassName();
  }
  // Most of an await is machinery no flow reads: left out.
  std::unique_ptr<CFG> Everything =
      buildFlowGraph(G.Function, G.Function->getBody(),
                     G.AST->getASTContext(), /*ExceptionEdges=*/false);
  ASSERT_TRUE(Everything);
  EXPECT_LT(2 * stmtElements(*G.Graph), stmtElements(*Everything));
}

/// Counts what a flow tells it.
struct CountingDiagnoser : ExitDiagnoser {
  unsigned Told = 0;
  void afterExit(FindingKind, const Effect &, const OpSite &) override {
    ++Told;
  }
  void unexited(unsigned, const OpSite &, const DeathPoint &, bool) override {
    ++Told;
  }
};

TEST(ExitFlow, OnlyBlocksWithSomethingToReportAreReplayed) {
  // An object that dies unexited on one path, one used after its exit in
  // a loop, and one exited on every path.
  GraphedCoroutine G;
  ASSERT_NO_FATAL_FAILURE(graphCoroutine(R"cpp(
task f(bool b, int n) {
  Res r, s, t;
  co_await r.aenter();
  co_await t.aenter();
  if (b)
    co_return;
  co_await s.aenter();
  for (int i = 0; i < n; ++i) {
    s.use();
    co_await s.aexit();
  }
  co_await r.aexit();
  co_await t.aexit();
}
)cpp", G));
  BlockOrder Order(*G.Graph);
  LoopMap Loops(*G.Graph, Order);
  KeptFilter MaybeKept(G.Kept);
  ExitFlow Flow(G.Facts.Found.Objects, G.Facts.Effects, *G.Conditions,
                MaybeKept, Loops, G.AST->getSourceManager(), G.Body,
                /*IsCoroutine=*/true, /*ExceptionPaths=*/false);
  ProbedExitFlow Probed(Flow, *G.Graph);
  FlowStats Stats;
  BlockStates<ExitState> States =
      solveForward(*G.Graph, Order, Probed, Flow.entryState(), Stats);
  ASSERT_EQ(Stats.BlocksUnsettled, 0u);
  // Replaying a block on its final state tells a diagnoser something
  // exactly where the fixpoint's last computation of it said it would.
  unsigned Replayed = 0, Skipped = 0;
  for (const CFGBlock *Block : Order) {
    if (!States.reached(Block->getBlockID()))
      continue;
    CountingDiagnoser Diagnoser;
    Flow.transfer(*Block, *States.In[Block->getBlockID()], &Diagnoser);
    EXPECT_EQ(Probed.mayReport(*Block), Diagnoser.Told > 0)
        << "B" << Block->getBlockID();
    ++(Probed.mayReport(*Block) ? Replayed : Skipped);
  }
  // The return that leaves "r" and "t" unexited, and the use of "s"
  // after its exit in a later iteration (and its second exit there).
  EXPECT_GE(Replayed, 2u);
  EXPECT_GT(Skipped, Replayed);
}

TEST(BranchFacts, AScanFedByTheEffectWalkEqualsItsOwnWalk) {
  // Candidates disqualified by a capture by reference, an address taken
  // and a non-const reference; tests through && and ==; assignments,
  // compound ones and increments; a lambda's own tests and a handler's.
  auto AST = test::parse(R"cpp(
void take(const bool &);
void modify(bool &);
task f(bool fast, int *ptr, int n) {
  Res r;
  co_await r.aenter();
  bool done = false;
  int k = 0;
  bool aliased = true;
  bool *p = &aliased;
  auto byRef = [&k] { return k; };
  auto byCopy = [fast] { bool inner = fast; if (inner) return 1; return 0; };
  while (!done) {
    if (fast && ptr != nullptr)
      done = true;
    k += n;
    ++k;
    take(done);
    modify(aliased);
  }
  try {
    r.use();
  } catch (...) {
    bool failed = true;
    if (failed)
      done = false;
  }
  if (k || aliased || p)
    r.use();
  co_await r.aexit();
}
)cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  const auto *Function = test::findNamed<FunctionDecl>(Ctx, "f");
  ASSERT_TRUE(Function);
  ProtocolModel Model{ModelOptions{}};
  Stmt *Body = writtenBody(*Function);
  BranchScan Scan(*Function);
  ExitFacts Facts = collectExitFacts(*Function, Body, Model, nullptr, &Scan);
  ASSERT_TRUE(Facts.ScannedBranches);
  BranchFacts Scanned(std::move(Scan));
  BranchFacts Walked(*Function, Body);
  // fast, ptr, done, p and failed; inner is the lambda's.
  EXPECT_EQ(Walked.size(), 5u);
  EXPECT_EQ(Scanned.size(), Walked.size());

  struct Everything : RecursiveASTVisitor<Everything> {
    std::vector<const Stmt *> Stmts;
    std::vector<const VarDecl *> Vars;
    bool VisitStmt(Stmt *S) {
      Stmts.push_back(S);
      return true;
    }
    bool VisitVarDecl(VarDecl *V) {
      Vars.push_back(V);
      return true;
    }
  } All;
  All.TraverseDecl(const_cast<FunctionDecl *>(Function));
  auto Same = [](std::optional<FactUpdate> A, std::optional<FactUpdate> B) {
    return A.has_value() == B.has_value() &&
           (!A || (A->Var == B->Var && A->Value == B->Value));
  };
  unsigned Declared = 0, Updates = 0;
  for (const VarDecl *V : All.Vars) {
    EXPECT_TRUE(Same(Scanned.atDeclaration(V), Walked.atDeclaration(V)))
        << V->getName().str();
    Declared += Walked.atDeclaration(V).has_value();
  }
  for (const Stmt *S : All.Stmts) {
    ArrayRef<FactUpdate> A = Scanned.updatesAt(S), B = Walked.updatesAt(S);
    ASSERT_EQ(A.size(), B.size()) << S->getStmtClassName();
    for (unsigned I = 0; I < A.size(); ++I)
      EXPECT_TRUE(Same(A[I], B[I]));
    Updates += B.size();
  }
  EXPECT_EQ(Declared, 5u);
  EXPECT_EQ(Updates, 2u);
  std::unique_ptr<CFG> Graph = buildFlowGraph(Function, Function->getBody(),
                                              Ctx, /*ExceptionEdges=*/false);
  ASSERT_TRUE(Graph);
  unsigned Tests = 0;
  for (const CFGBlock *Block : *Graph) {
    std::optional<FactTest> A = Scanned.testAt(*Block),
                            B = Walked.testAt(*Block);
    ASSERT_EQ(A.has_value(), B.has_value());
    if (!B)
      continue;
    EXPECT_EQ(A->Var, B->Var);
    EXPECT_EQ(A->TrueOnFirst, B->TrueOnFirst);
    ++Tests;
  }
  EXPECT_GE(Tests, 4u);
}

/// The co_await and co_yield expressions of \p Body, implicit ones included.
std::vector<const CoroutineSuspendExpr *> suspendsIn(const Stmt *Body) {
  struct Collector : RecursiveASTVisitor<Collector> {
    std::vector<const CoroutineSuspendExpr *> Found;
    bool shouldVisitImplicitCode() const { return true; }
    bool VisitCoroutineSuspendExpr(CoroutineSuspendExpr *E) {
      Found.push_back(E);
      return true;
    }
  } C;
  C.TraverseStmt(const_cast<Stmt *>(Body));
  return C.Found;
}

/// The statements the elements of \p Graph hold.
llvm::DenseSet<const Stmt *> elementStmts(const CFG &Graph) {
  llvm::DenseSet<const Stmt *> Out;
  for (const CFGBlock *Block : Graph)
    for (const CFGElement &E : *Block)
      if (auto S = E.getAs<CFGStmt>())
        Out.insert(S->getStmt());
  return Out;
}

/// Records the statements of the kinds the effect collector reads that a
/// BodyVisitor walk visits, as the classifying walk records them for the
/// collector (BodyContexts::Visited): a name only if it names one of
/// \p Objects, with its number.
struct VisitRecorder : BodyVisitor<VisitRecorder> {
  VisitRecorder(bool WithMembers, const ObjectTable &Objects)
      : Objects(Objects) {
    setIntoLambdasCapturingThis(WithMembers);
  }
  const ObjectTable &Objects;
  std::vector<VisitedNode> Visited;
  bool VisitStmt(Stmt *S) {
    int32_t Named = -1;
    if (auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
      std::optional<unsigned> Obj = V ? Objects.indexOf(V) : std::nullopt;
      if (!Obj)
        return true;
      Named = int32_t(*Obj);
    }
    if (isa<CallExpr, CoroutineSuspendExpr, CoreturnStmt, ReturnStmt,
            CXXThrowExpr, LambdaExpr, DeclRefExpr, MemberExpr>(S))
      Visited.push_back({S, inHandler(), inStaticInit(), inLambdaBody(), 0,
                         OpKind::None, Named});
    return true;
  }
};

std::string describe(const VisitedNode &N) {
  return std::string(N.Node->getStmtClassName()) +
         (N.InHandler ? " handler" : "") + (N.InStaticInit ? " static" : "") +
         (N.InLambdaBody ? " lambda" : "");
}

/// The effect collector reads the body from the statements the classifying
/// walk recorded instead of walking it again: they must be every statement
/// of the kinds it reads that a BodyVisitor walk visits, in its order, each
/// where it stood.
void expectRecordsEveryVisitedNode(const FunctionDecl &Function,
                                   const Stmt *Body, const ProtocolModel &Model,
                                   const MemberContext *Members,
                                   std::vector<VisitedNode> &Recorded) {
  OwnershipRules Rules(Model);
  FoundObjects Found;
  BodyContexts Contexts =
      classifyBody(Function, Body, Model, Rules, Members, Found);
  ASSERT_FALSE(Found.HasErrors);
  VisitRecorder Walk(Members != nullptr, Found.Objects);
  Walk.TraverseStmt(const_cast<Stmt *>(Body));
  ASSERT_EQ(Contexts.Visited.size(), Walk.Visited.size());
  for (size_t I = 0; I < Walk.Visited.size(); ++I) {
    const VisitedNode &A = Contexts.Visited[I], &B = Walk.Visited[I];
    EXPECT_TRUE(A.Node == B.Node && A.InHandler == B.InHandler &&
                A.InStaticInit == B.InStaticInit &&
                A.InLambdaBody == B.InLambdaBody)
        << I << ": " << describe(A) << " vs " << describe(B);
    // A name comes with the object it names, found as the walk went.
    if (isa<DeclRefExpr>(A.Node))
      EXPECT_EQ(A.Object, B.Object) << I << ": " << describe(A);
  }
  Recorded.insert(Recorded.end(), Contexts.Visited.begin(),
                  Contexts.Visited.end());
}

TEST(BodyContexts, ClassesAreSortedAsClassofSortsTheirNodes) {
  // The walk reads what to do with a node from its class alone: for each
  // class, a node of it (only its class is read) must be sorted as the
  // node tests the passes were written with sort it.
  for (unsigned C = Stmt::firstStmtConstant; C <= Stmt::lastStmtConstant; ++C) {
    Stmt Node(static_cast<Stmt::StmtClass>(C));
    EXPECT_EQ(collectorReads(Node.getStmtClass()),
              (isa<CallExpr, CoroutineSuspendExpr, CoreturnStmt, ReturnStmt,
                   CXXThrowExpr, LambdaExpr, DeclRefExpr, MemberExpr>(&Node)))
        << Node.getStmtClassName();
    BranchScan::Reads Reads = BranchScan::readsClass(Node.getStmtClass());
    bool AlwaysRead =
        BranchScan::mayTest(Node.getStmtClass()) ||
        isa<CallExpr, LambdaExpr, CXXConstructExpr, DeclRefExpr>(&Node);
    EXPECT_EQ(Reads == BranchScan::Reads::Always, AlwaysRead)
        << Node.getStmtClassName();
    EXPECT_EQ(Reads == BranchScan::Reads::ThisOne,
              (isa<ImplicitCastExpr, UnaryOperator>(&Node)))
        << Node.getStmtClassName();
  }
}

TEST(BodyContexts, RecordsEveryStatementTheCollectorReads) {
  auto AST = test::parse(R"cpp(
#include <typeinfo>
struct Pair { int A, B; };
struct Error { int Code; };
void note(int);
int twice(int);
rt::async_cm<int> managed(int k) {
  if (int Half = k / 2)
    co_yield Half;
  else
    co_yield k;
}
task f(int k) {
  Res r;
  co_await r.aenter();
  static int Calls = sizeof(r) + twice(k);
  auto Later = [&r, k, Twice = k * 2] { r.use(); return k + Twice; };
  int Unset;
  Unset = k;
  if (k < 0)
    throw Error{k};
  note(k);
  try {
    r.use();
  } catch (const Error &E) {
    int Failed = noexcept(r.use()) ? E.Code : Later();
    (void)Failed;
  } catch (...) {
    static thread_local int Count = sizeof(typeid(r).name());
    ++Count;
  }
  for (int J = 0; J < k; ++J)
    if (J == Calls)
      co_await r.aexit();
  int Values[] = {1, 2};
  for (int V : Values)
    while (bool Odd = V % 2)
      break;
  switch (int S = k + Unset) {
  case 1:
    co_await r.aexit();
    co_return;
  default:
    break;
  }
  auto [A, B] = Pair{k, k};
  (void)typeid(A + B);
  co_await r.aexit();
}

struct Server {
  Closer C;
  Res R;
  task stop();
};
task Server::stop() {
  auto Then = [this] {
    static int Calls = sizeof(C);
    C.write(Calls + int(noexcept(C.write(0))));
    return R.aexit();
  };
  try {
    co_await R.aenter();
  } catch (...) {
    static int Failures = 0;
    ++Failures;
  }
  co_await Then();
  co_await C.aclose();
}
)cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  ProtocolModel Model{ModelOptions{}};

  std::vector<VisitedNode> Recorded;
  for (const char *Name : {"f", "managed"}) {
    const auto *Function = test::findNamed<FunctionDecl>(Ctx, Name);
    ASSERT_TRUE(Function) << Name;
    ASSERT_NO_FATAL_FAILURE(expectRecordsEveryVisitedNode(
        *Function, writtenBody(*Function), Model, nullptr, Recorded));
  }

  const auto *Class = test::findNamed<CXXRecordDecl>(Ctx, "Server");
  const auto *Stop = test::findNamed<CXXMethodDecl>(Ctx, "stop");
  ASSERT_TRUE(Class && Stop);
  std::vector<OwnedMember> Owned = Model.ownedMembers(Class);
  ASSERT_EQ(Owned.size(), 2u);
  ClassMembers Members(*Class, Owned, Model, Ctx);
  ASSERT_NO_FATAL_FAILURE(expectRecordsEveryVisitedNode(
      *Stop, writtenBody(*Stop), Model, &Members, Recorded));
  // The inputs hold every kind of statement the collector reads and every
  // place one can stand.
  auto Count = [&](auto Pred) { return llvm::count_if(Recorded, Pred); };
  for (Stmt::StmtClass Class :
       {Stmt::CXXMemberCallExprClass, Stmt::CallExprClass,
        Stmt::CoawaitExprClass, Stmt::CoyieldExprClass, Stmt::CoreturnStmtClass,
        Stmt::ReturnStmtClass, Stmt::CXXThrowExprClass, Stmt::LambdaExprClass,
        Stmt::DeclRefExprClass, Stmt::MemberExprClass})
    EXPECT_GT(Count([&](const VisitedNode &N) {
                return N.Node->getStmtClass() == Class;
              }),
              0)
        << "statement class " << int(Class);
  EXPECT_GT(Count([](const VisitedNode &N) { return N.InHandler; }), 0);
  EXPECT_GT(Count([](const VisitedNode &N) { return N.InStaticInit; }), 0);
  EXPECT_GT(Count([](const VisitedNode &N) { return N.InLambdaBody; }), 0);
}

TEST(FlowGraph, AwaiterCallsAreLeftOutUnlessExceptionsAreFollowed) {
  auto AST = test::parse(R"cpp(
struct Never {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  [[noreturn]] void await_resume();
};
void after();
task f(bool b) {
  Res r;
  co_await r.aenter();
  if (b)
    co_await Never{};
  after();
  co_await r.aexit();
}
)cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  auto *Function = const_cast<FunctionDecl *>(
      test::findNamed<FunctionDecl>(Ctx, "f"));
  ASSERT_TRUE(Function);
  std::vector<const CoroutineSuspendExpr *> Suspends =
      suspendsIn(Function->getBody());
  // The three written awaits, and the initial and final suspends.
  ASSERT_EQ(Suspends.size(), 5u);
  struct Parts {
    const Expr *Ready, *Suspend, *Resume;
  };
  std::vector<Parts> Before;
  for (const CoroutineSuspendExpr *E : Suspends)
    Before.push_back(
        {E->getReadyExpr(), E->getSuspendExpr(), E->getResumeExpr()});

  std::unique_ptr<CFG> Graph = buildFlowGraph(
      Function, Function->getBody(), Ctx, /*ExceptionEdges=*/false);
  ASSERT_TRUE(Graph);
  // The builder saw the awaits without their awaiter calls, and the AST is
  // as it was.
  llvm::DenseSet<const Stmt *> Elements = elementStmts(*Graph);
  const Stmt *NoReturnResume = nullptr;
  for (size_t I = 0; I < Suspends.size(); ++I) {
    const CoroutineSuspendExpr *E = Suspends[I];
    EXPECT_EQ(E->getReadyExpr(), Before[I].Ready);
    EXPECT_EQ(E->getSuspendExpr(), Before[I].Suspend);
    EXPECT_EQ(E->getResumeExpr(), Before[I].Resume);
    EXPECT_FALSE(Elements.contains(E->getReadyExpr()->IgnoreImplicit()));
    EXPECT_FALSE(Elements.contains(E->getSuspendExpr()->IgnoreImplicit()));
    const auto *Resume = dyn_cast<CallExpr>(E->getResumeExpr());
    ASSERT_TRUE(Resume);
    if (Resume->getDirectCallee()->isNoReturn())
      NoReturnResume = Resume;
    else
      EXPECT_FALSE(Elements.contains(Resume));
  }
  // An await_resume that does not return still ends its path.
  ASSERT_TRUE(NoReturnResume);
  EXPECT_TRUE(Elements.contains(NoReturnResume));
  bool EndsPath = false;
  for (const CFGBlock *Block : *Graph)
    for (const CFGElement &E : *Block)
      if (auto S = E.getAs<CFGStmt>(); S && S->getStmt() == NoReturnResume)
        EndsPath = Block->hasNoReturnElement();
  EXPECT_TRUE(EndsPath);

  // The awaits the effect collector lists give the same graph, and the
  // same AST after: listed twice, each is still put back.
  ProtocolModel Model{ModelOptions{}};
  ExitFacts Facts = collectExitFacts(*Function, writtenBody(*Function), Model);
  EXPECT_EQ(Facts.Effects.Graph.Suspends.size(), 3u);
  GraphHints Twice = Facts.Effects.Graph;
  llvm::append_range(Twice.Suspends, Facts.Effects.Graph.Suspends);
  std::unique_ptr<CFG> FromList =
      buildFlowGraph(Function, Function->getBody(), Ctx,
                     /*ExceptionEdges=*/false, nullptr, nullptr, &Twice);
  ASSERT_TRUE(FromList);
  EXPECT_EQ(elementStmts(*FromList), Elements);
  for (size_t I = 0; I < Suspends.size(); ++I) {
    EXPECT_EQ(Suspends[I]->getReadyExpr(), Before[I].Ready);
    EXPECT_EQ(Suspends[I]->getSuspendExpr(), Before[I].Suspend);
    EXPECT_EQ(Suspends[I]->getResumeExpr(), Before[I].Resume);
  }

  // With exception edges, every awaiter call is there to throw.
  std::unique_ptr<CFG> WithExceptions = buildFlowGraph(
      Function, Function->getBody(), Ctx, /*ExceptionEdges=*/true);
  ASSERT_TRUE(WithExceptions);
  llvm::DenseSet<const Stmt *> All = elementStmts(*WithExceptions);
  for (const CoroutineSuspendExpr *E : Suspends) {
    EXPECT_TRUE(All.contains(E->getReadyExpr()->IgnoreImplicit()));
    EXPECT_TRUE(All.contains(E->getSuspendExpr()->IgnoreImplicit()));
    EXPECT_TRUE(All.contains(E->getResumeExpr()));
  }
}

TEST(ExitAnalysis, NonCoroutinesAreNotAnalyzable) {
  auto AST = test::parse("void f() { Res r; }");
  ASSERT_TRUE(AST);
  EXPECT_FALSE(isAnalyzableCoroutine(
      *test::findNamed<FunctionDecl>(AST->getASTContext(), "f")));
}

TEST(ExitAnalysis, LargeStraightLineBodyStaysSilentAndTerminates) {
  std::string Body = "task f() {\n";
  for (int I = 0; I < 300; ++I)
    Body += "  { Res r" + std::to_string(I) + "; co_await r" +
            std::to_string(I) + ".aenter(); co_await r" + std::to_string(I) +
            ".aexit(); }\n";
  Body += "}\n";
  EXPECT_TRUE(findingsIn(Body).empty());
}

TEST(ExitAnalysis, ExceptionPathsOnlyWithTheOption) {
  std::string Code = "void may_throw();\n"
                     "task f() {\n"
                     "  Res r; co_await r.aenter();\n"
                     "  may_throw();\n"
                     "  co_await r.aexit();\n"
                     "}\n";
  EXPECT_TRUE(findingsIn(Code).empty());
  ModelOptions Options;
  Options.CheckExceptionPaths = true;
  EXPECT_EQ(findingsIn(Code, "f", Options),
            std::vector<std::string>{
                std::to_string(int(FindingKind::ExceptionSkipsExit)) +
                ":4:exit of 'r' is not awaited if 'may_throw' throws"});
}

TEST(ExitAnalysis, CapturedExceptionPatternIsSilentWithExceptionPaths) {
  ModelOptions Options;
  Options.CheckExceptionPaths = true;
  EXPECT_TRUE(findingsIn("void may_throw();\n"
                         "task f() {\n"
                         "  Res r; co_await r.aenter();\n"
                         "  std::exception_ptr error;\n"
                         "  try { may_throw(); }\n"
                         "  catch (...) { error = std::current_exception(); }\n"
                         "  co_await r.aexit(error);\n"
                         "  if (error) std::rethrow_exception(error);\n"
                         "}\n",
                         "f", Options)
                  .empty());
}

TEST(ExitAnalysis, CorrelatedTestsOfOneVariableAreOnePath) {
  EXPECT_TRUE(findingsIn("task f(bool fast) {\n"
                         "  Res r;\n"
                         "  if (fast) co_await r.aenter();\n"
                         "  r.use();\n"
                         "  if (fast) co_await r.aexit();\n"
                         "}\n")
                  .empty());
}

TEST(ExitAnalysis, AssignmentEndsTheCorrelation) {
  EXPECT_EQ(
      findingsIn("task f(bool fast) {\n"
                 "  Res r;\n"
                 "  if (fast) co_await r.aenter();\n"
                 "  fast = !fast;\n"
                 "  if (fast) co_await r.aexit();\n"
                 "}\n"),
      std::vector<std::string>{missing(
          6, "exit of 'r' is not awaited before the end of the coroutine")});
}

TEST(ExitAnalysis, ManyCorrelatedTestsStayBounded) {
  // One object whose state depends on more variables than the analysis
  // keeps apart: it falls back to merging them, and terminates.
  std::string Params, Condition;
  for (int I = 0; I < 12; ++I) {
    Params += std::string(I ? ", " : "") + "bool b" + std::to_string(I);
    Condition += std::string(I ? " && " : "") + "b" + std::to_string(I);
  }
  std::vector<std::string> Findings = findingsIn("task f(" + Params +
                                                 ") {\n"
                                                 "  Res r;\n"
                                                 "  if (" +
                                                 Condition +
                                                 ") co_await r.aenter();\n"
                                                 "  if (" +
                                                 Condition +
                                                 ") co_await r.aexit();\n"
                                                 "}\n");
  EXPECT_LE(Findings.size(), 1u);
}

TEST(ExitAnalysis, ManyObjectsEachCorrelatedWithItsOwnVariable) {
  std::string Params, Body;
  for (int I = 0; I < 40; ++I) {
    std::string N = std::to_string(I);
    Params += std::string(I ? ", " : "") + "bool b" + N;
    Body += "  Res r" + N + "; if (b" + N + ") co_await r" + N + ".aenter();\n";
  }
  for (int I = 39; I >= 0; --I) {
    std::string N = std::to_string(I);
    Body += "  if (b" + N + ") co_await r" + N + ".aexit();\n";
  }
  // Beyond the variables the analysis follows, tests are not correlated.
  std::vector<std::string> Findings =
      findingsIn("task f(" + Params + ") {\n" + Body + "}\n");
  EXPECT_EQ(Findings.size(), 8u);
}

TEST(UseAfterExit, UseAfterTheExitIsReportedOnce) {
  EXPECT_EQ(findingsIn("task f() {\n"
                       "  Res r; co_await r.aenter();\n"
                       "  co_await r.aexit();\n"
                       "  r.use();\n"
                       "  r.use();\n"
                       "}\n"),
            std::vector<std::string>{
                ofKind(FindingKind::UseAfterExit, 4,
                       "'r' is used after its exit was awaited")});
}

TEST(UseAfterExit, ANewCycleOrANewValueIsNotAUse) {
  EXPECT_TRUE(findingsIn("task f() {\n"
                         "  Res r; co_await r.aenter();\n"
                         "  co_await r.aexit();\n"
                         "  co_await r.aenter();\n"
                         "  r.use();\n"
                         "  co_await r.aexit();\n"
                         "  r = Res();\n"
                         "  r.use();\n"
                         "}\n")
                  .empty());
}

TEST(UseAfterExit, ResourceFromTheEnterDiesWithTheExit) {
  EXPECT_EQ(findingsIn("task f() {\n"
                       "  Pool p;\n"
                       "  Connection &c = co_await p.aenter();\n"
                       "  co_await p.aexit();\n"
                       "  c.send(1);\n"
                       "}\n"),
            std::vector<std::string>{
                ofKind(FindingKind::UseAfterExit, 5,
                       "'c' is used after the exit of 'p' was awaited")});
}

TEST(UseAfterExit, SelfContainedValuesFromTheEnterAreNotResources) {
  EXPECT_TRUE(findingsIn("struct Limiter {\n"
                         "  rt::value_task<int> aenter();\n"
                         "  task aexit();\n"
                         "};\n"
                         "void log(int);\n"
                         "task f() {\n"
                         "  Limiter l;\n"
                         "  int slot = co_await l.aenter();\n"
                         "  co_await l.aexit();\n"
                         "  log(slot);\n"
                         "}\n")
                  .empty());
}

TEST(UseAfterExit, DoubleExitOnOnePath) {
  EXPECT_EQ(findingsIn("task f(bool b) {\n"
                       "  Res r; co_await r.aenter();\n"
                       "  if (b) co_await r.aexit();\n"
                       "  co_await r.aexit();\n"
                       "}\n"),
            std::vector<std::string>{
                ofKind(FindingKind::DoubleExit, 4,
                       "exit of 'r' is awaited again after it was exited")});
}

TEST(UseAfterExit, OtherBranchAndCorrelatedTestsAreSilent) {
  EXPECT_TRUE(findingsIn("task f(bool done) {\n"
                         "  Res r; co_await r.aenter();\n"
                         "  if (done) co_await r.aexit();\n"
                         "  else r.use();\n"
                         "  if (!done) { r.use(); co_await r.aexit(); }\n"
                         "}\n")
                  .empty());
}

/// An op site table over an empty file, with the bounds counted.
struct SiteTableSetup {
  std::unique_ptr<clang::ASTUnit> AST = test::parse("");
  const SourceManager &SM = AST->getSourceManager();
  SourceLocation Start = SM.getLocForStartOfFile(SM.getMainFileID());
  BoundCounters Counters;
  BoundCounters::Scope Active{Counters};
  OpSiteTable Table{SM};

  /// The site at \p Offset in the file.
  OpSite at(unsigned Offset, uint8_t When, bool ByOwner = false) const {
    return OpSite{Start.getLocWithOffset(Offset), When, ByOwner};
  }
};

TEST(OpSiteTable, KeptInSourceOrderMergedByPlaceAndBounded) {
  SiteTableSetup Setup;
  const SourceManager &SM = Setup.SM;
  BoundCounters &Counters = Setup.Counters;
  OpSiteTable &Table = Setup.Table;
  auto At = [&](unsigned Offset, uint8_t When, bool ByOwner = false) {
    return Setup.at(Offset, When, ByOwner);
  };
  auto Offsets = [&](llvm::ArrayRef<OpSite> Sites) {
    std::vector<unsigned> Result;
    for (const OpSite &Site : Sites)
      Result.push_back(SM.getFileOffset(Site.Loc));
    return Result;
  };

  OpSites Thirty = Table.only(At(30, Exited));
  EXPECT_EQ(Table.only(At(30, Exited)), Thirty) << "equal lists, one id";
  OpSites Joined = Table.join(Thirty, Table.only(At(10, ExitedEarlierIteration)));
  Joined = Table.join(Joined,
                      Table.only(At(30, ExitedEarlierIteration, true)));
  ASSERT_EQ(Table.sites(Joined).size(), 2u);
  EXPECT_EQ(Table.sites(Joined)[0], At(10, ExitedEarlierIteration));
  EXPECT_EQ(Table.sites(Joined)[1], At(30, AnyExited, /*ByOwner=*/true));
  EXPECT_EQ(Table.join(Joined, Joined), Joined);
  EXPECT_EQ(Table.join(Joined, OpSites()), Joined);
  EXPECT_EQ(Counters.hits(Bound::ExitSites), 0u);

  OpSites Shifted = Table.shift(Joined, Exited, ExitedEarlierIteration);
  EXPECT_EQ(Table.sites(Shifted)[1], At(30, ExitedEarlierIteration, true));
  EXPECT_EQ(Table.shift(Shifted, Exited, ExitedEarlierIteration), Shifted)
      << "nothing to shift: the same list";

  for (unsigned Offset : {50, 40, 60, 20})
    Joined = Table.join(Joined, Table.only(At(Offset, Exited)));
  // The earliest MaxExitSites are kept: 10, 20, 30, 40.
  EXPECT_EQ(Offsets(Table.sites(Joined)),
            (std::vector<unsigned>{10, 20, 30, 40}));
  EXPECT_EQ(Counters.hits(Bound::ExitSites), 2u);
}

TEST(OpSiteTable, EqualListsShareAnIdAndOthersNever) {
  SiteTableSetup Setup;
  OpSiteTable &Table = Setup.Table;
  auto At = [&](unsigned Offset, uint8_t When, bool ByOwner = false) {
    return Setup.at(Offset, When, ByOwner);
  };

  // Lists that differ in a place, a bit or who exited; then pairs of them.
  std::vector<OpSite> Singles;
  for (unsigned Offset = 0; Offset < 2000; ++Offset)
    for (uint8_t When : {Entered, Exited, ExitedEarlierIteration})
      Singles.push_back(At(Offset, When, Offset % 2));
  std::vector<OpSites> Ids;
  for (const OpSite &Site : Singles)
    Ids.push_back(Table.only(Site));
  for (size_t I = 0; I + 7 < Singles.size(); I += 7)
    Ids.push_back(Table.join(Table.only(Singles[I]),
                             Table.only(Singles[I + 7])));
  std::set<uint32_t> Distinct;
  for (OpSites Id : Ids)
    Distinct.insert(Id.Id);
  EXPECT_EQ(Distinct.size(), Ids.size()) << "a list has an id of its own";
  for (size_t I = 0; I < Singles.size(); ++I) {
    ASSERT_EQ(Table.sites(Ids[I]).size(), 1u);
    EXPECT_EQ(Table.sites(Ids[I])[0], Singles[I]);
    EXPECT_EQ(Table.only(Singles[I]), Ids[I]) << "interned again: same id";
  }
  // A join or a shift that leaves one site gives that site's list.
  EXPECT_EQ(Table.join(Table.only(At(3000, Exited)),
                       Table.only(At(3000, ExitedEarlierIteration))),
            Table.only(At(3000, AnyExited)));
  EXPECT_EQ(Table.shift(Table.only(At(3001, Exited, true)), Exited,
                        ExitedEarlierIteration),
            Table.only(At(3001, ExitedEarlierIteration, true)));
}

TEST(UseAfterExit, MergedExitsAreEachReported) {
  // After the if, the last exit is line 4 on one path and line 6 on the
  // other; line 5 already reports the first, line 7 must report the second.
  // An opaque condition: the paths are not told apart by a variable.
  EXPECT_EQ(findingsIn("bool cond();\n"
                       "task f() {\n"
                       "  Res r; co_await r.aenter();\n"
                       "  if (cond()) { co_await r.aexit();\n"
                       "    r.use(); }\n"
                       "  else co_await r.aexit();\n"
                       "  r.use();\n"
                       "}\n"),
            (std::vector<std::string>{
                ofKind(FindingKind::UseAfterExit, 5,
                       "'r' is used after its exit was awaited"),
                ofKind(FindingKind::UseAfterExit, 7,
                       "'r' is used after its exit was awaited")}));
}

TEST(UseAfterExit, ExitFirstInALaterLoopIsReportedThere) {
  // When the first loop runs zero times, the exit in the second loop is
  // the first, and its next iteration exits again.
  EXPECT_EQ(findingsIn("bool cond();\n"
                       "task f() {\n"
                       "  Res r; co_await r.aenter();\n"
                       "  while (cond()) co_await r.aexit();\n"
                       "  while (cond()) { co_await r.aexit(); continue; }\n"
                       "  co_await r.aenter();\n"
                       "  co_await r.aexit();\n"
                       "}\n"),
            (std::vector<std::string>{
                ofKind(FindingKind::DoubleExit, 4,
                       "exit of 'r' is awaited again after it was exited"),
                ofKind(FindingKind::DoubleExit, 5,
                       "exit of 'r' is awaited again after it was exited")}));
}

TEST(UseAfterExit, MergingManyExitsIsBoundedAndStillReports) {
  std::string Body = "  Res r; co_await r.aenter();\n  switch (n) {\n";
  for (int I = 0; I < 6; ++I)
    Body += "  case " + std::to_string(I) + ": co_await r.aexit(); break;\n";
  Body += "  default: co_await r.aexit();\n  }\n  r.use();\n";
  std::vector<std::string> Findings =
      findingsIn("task f(int n) {\n" + Body + "}\n");
  EXPECT_EQ(Findings, (std::vector<std::string>{ofKind(
                          FindingKind::UseAfterExit, 12,
                          "'r' is used after its exit was awaited")}));
}

TEST(UseAfterExit, LoopNoteOnlyWhenThePathGoesRoundTheLoop) {
  auto AST = test::parse("task f(int n) {\n"
                         "  Res r; co_await r.aenter();\n"
                         "  for (int i = 0; i < n; ++i) {\n"
                         "    r.use();\n"
                         "    co_await r.aexit();\n"
                         "  }\n"
                         "}\n");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  ProtocolModel Model({});
  FindingList Findings;
  analyzeCoroutine(*test::findNamed<FunctionDecl>(Ctx, "f"), Ctx, Model,
                   Findings);
  unsigned Uses = 0;
  for (const Finding &F : Findings.Findings) {
    if (F.Kind != FindingKind::UseAfterExit)
      continue;
    ++Uses;
    ASSERT_EQ(F.Notes.size(), 2u);
    EXPECT_EQ(F.Notes[0].Message, "exit awaited here");
    EXPECT_EQ(F.Notes[1].Message,
              "the use happens in a later loop iteration than the exit");
  }
  EXPECT_EQ(Uses, 1u);
}

} // namespace
} // namespace acm

namespace acm {
namespace {

std::vector<FindingKind> generatorFindingsIn(const std::string &Code) {
  auto AST = test::parse(Code);
  EXPECT_TRUE(AST);
  std::vector<FindingKind> Kinds;
  if (!AST)
    return Kinds;
  ASTContext &Ctx = AST->getASTContext();
  ProtocolModel Model({});
  FindingList Findings;
  analyzeCoroutine(*test::findNamed<FunctionDecl>(Ctx, "g"), Ctx, Model,
                   Findings);
  for (const Finding &F : Findings.Findings)
    Kinds.push_back(F.Kind);
  return Kinds;
}

TEST(GeneratorAnalysis, ExactlyOneYieldIsSilent) {
  EXPECT_TRUE(generatorFindingsIn("rt::async_cm<int> g(bool b) {\n"
                                  "  if (b) co_yield 1; else co_yield 2;\n"
                                  "}\n")
                  .empty());
}

TEST(GeneratorAnalysis, YieldInLoopIsMultiple) {
  EXPECT_EQ(generatorFindingsIn("rt::async_cm<int> g(int n) {\n"
                                "  for (int i = 0; i < n; ++i) co_yield i;\n"
                                "}\n"),
            (std::vector<FindingKind>{FindingKind::MissingYield,
                                      FindingKind::MultipleYield}));
}

TEST(GeneratorAnalysis, ThrowIsNotAMissingYield) {
  EXPECT_TRUE(generatorFindingsIn("rt::async_cm<int> g(bool b) {\n"
                                  "  if (b) throw 1;\n"
                                  "  co_yield 1;\n"
                                  "}\n")
                  .empty());
}

TEST(GeneratorAnalysis, TestsOfOneConditionVariableAreCorrelated) {
  EXPECT_TRUE(generatorFindingsIn("rt::async_cm<int> g(bool b) {\n"
                                  "  if (b) co_yield 1;\n"
                                  "  if (!b) co_yield 2;\n"
                                  "}\n")
                  .empty());
  EXPECT_EQ(generatorFindingsIn("rt::async_cm<int> g(bool b) {\n"
                                "  if (b) co_yield 1;\n"
                                "  if (b) co_yield 2;\n"
                                "}\n"),
            (std::vector<FindingKind>{FindingKind::MissingYield,
                                      FindingKind::MultipleYield}));
}

TEST(GeneratorAnalysis, AFlagSetAtTheYieldGuardsTheFallback) {
  EXPECT_TRUE(generatorFindingsIn("rt::async_cm<int> g(int n) {\n"
                                  "  bool done = false;\n"
                                  "  for (int i = 0; i < n; ++i)\n"
                                  "    if (i == 3) { co_yield i; done = true;"
                                  " break; }\n"
                                  "  if (!done) co_yield 0;\n"
                                  "}\n")
                  .empty());
}

TEST(GeneratorAnalysis, AwaitAfterUnprotectedYield) {
  EXPECT_EQ(generatorFindingsIn("rt::async_cm<int> g() {\n"
                                "  co_yield 1;\n"
                                "  co_await task();\n"
                                "}\n"),
            std::vector<FindingKind>{FindingKind::UnprotectedYield});
}

TEST(GeneratorAnalysis, OrdinaryGeneratorsAreNotManagers) {
  EXPECT_TRUE(generatorFindingsIn("rt::generator<int> g() {\n"
                                  "  co_yield 1; co_yield 2;\n"
                                  "  co_await task();\n"
                                  "}\n")
                  .empty());
}

/// The kind and object of each finding in coroutine \p Name of \p Code.
std::vector<std::pair<FindingKind, std::string>>
objectsIn(const std::string &Code, StringRef Name = "f") {
  auto AST = test::parse(Code);
  std::vector<std::pair<FindingKind, std::string>> Out;
  if (!AST)
    return Out;
  ASTContext &Ctx = AST->getASTContext();
  ProtocolModel Model({});
  FindingList Findings;
  analyzeCoroutine(*test::findNamed<FunctionDecl>(Ctx, Name), Ctx, Model,
                   Findings);
  for (const Finding &F : Findings.Findings)
    Out.emplace_back(F.Kind, F.Object);
  return Out;
}

using KindAndObject = std::pair<FindingKind, std::string>;

TEST(Findings, CarryTheObjectTheyAreAbout) {
  EXPECT_EQ(
      objectsIn("task f(bool b) { Res r; co_await r.aenter();\n"
                "  if (b) co_return; auto aw = r.aexit(); }"),
      (std::vector<KindAndObject>{{FindingKind::MissingExit, "r"},
                                  {FindingKind::UnawaitedStoredExit, "r"}}));
  EXPECT_EQ(
      objectsIn("task f() { co_await Res{}.aenter(); }"),
      (std::vector<KindAndObject>{{FindingKind::EnteredTemporary, "Res"}}));
  EXPECT_EQ(objectsIn("task f() { Res r; co_await r.aenter();\n"
                      "  co_await r.aexit(); r.use(); }"),
            (std::vector<KindAndObject>{{FindingKind::UseAfterExit, "r"}}));
}

TEST(Findings, OfGeneratorsNameTheManagerOrNothing) {
  // A regression test: the object used to be read back out of the
  // message, where the apostrophe of "caller's" opened a quote.
  EXPECT_EQ(objectsIn("rt::async_cm<int> g(bool b) {\n"
                      "  if (b) co_return;\n"
                      "  co_yield 1;\n"
                      "  co_await rt::when_all();\n"
                      "}",
                      "g"),
            (std::vector<KindAndObject>{{FindingKind::MissingYield, "g"},
                                        {FindingKind::UnprotectedYield, ""}}));
}

/// The kind, line and object of each finding of class \p Name.
std::vector<std::string> classFindings(const std::string &Code,
                                       StringRef Name) {
  auto AST = test::parse(Code);
  std::vector<std::string> Out;
  if (!AST)
    return Out;
  ASTContext &Ctx = AST->getASTContext();
  ProtocolModel Model({});
  FindingList Findings;
  analyzeClass(*test::findNamed<CXXRecordDecl>(Ctx, Name), Ctx, Model,
               Findings);
  unsigned PreludeLines =
      std::count(test::Prelude, test::Prelude + strlen(test::Prelude), '\n');
  for (const Finding &F : Findings.Findings)
    Out.push_back(
        findingKindId(F.Kind).str() + ":" +
        std::to_string(Ctx.getSourceManager().getSpellingLineNumber(F.Loc) -
                       PreludeLines) +
        ":" + F.Object);
  return Out;
}

TEST(ClassAnalysis, OwnerExitMustExitEveryMemberOnEveryPath) {
  EXPECT_EQ(classFindings("bool failed();\n"
                          "class C {\n"
                          "  Closer s_; Res r_;\n"
                          "public:\n"
                          "  C() : s_(open_stream()) {}\n"
                          "  task start() { co_await r_.aenter(); }\n"
                          "  task aclose() {\n"
                          "    if (failed()) co_return;\n"
                          "    co_await s_.aclose(); co_await r_.aexit();\n"
                          "  }\n"
                          "};\n",
                          "C"),
            (std::vector<std::string>{"missing-member-exit:8:s_",
                                      "missing-member-exit:8:r_"}));
}

TEST(ClassAnalysis, NoOwnerExitIsReportedAtTheMember) {
  EXPECT_EQ(classFindings("class C {\n"
                          "  Res r_;\n"
                          "public:\n"
                          "  task run() { co_await r_.aenter(); }\n"
                          "};\n",
                          "C"),
            std::vector<std::string>{"no-owner-exit:2:r_"});
  // A method defined elsewhere might exit it.
  EXPECT_TRUE(classFindings("class C {\n"
                            "  Res r_;\n"
                            "public:\n"
                            "  task run() { co_await r_.aenter(); }\n"
                            "  task finish();\n"
                            "};\n",
                            "C")
                  .empty());
}

TEST(ClassAnalysis, AClassThatOwnsNothingIsCheap) {
  EXPECT_TRUE(classFindings("struct C { int x; Res &r; };", "C").empty());
}

} // namespace
} // namespace acm
