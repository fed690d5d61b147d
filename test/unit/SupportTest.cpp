//===- SupportTest.cpp - Unit tests of lib/Analysis/Support ---------------===//
//
// The protocol-agnostic pieces alone: fact sets and variant merging, branch
// refinement, condition variables, the loop map, the flow driver on small
// CFGs, and the readers of expressions against clang's own.
//
//===----------------------------------------------------------------------===//

#include "Analysis/Support/AnalysisBounds.h"
#include "Analysis/Support/BodyVisitor.h"
#include "Analysis/Support/BranchFacts.h"
#include "Analysis/Support/CfgHelpers.h"
#include "Analysis/Support/ConstantConditions.h"
#include "Analysis/Support/ExprUnwrap.h"
#include "Analysis/Support/FactSet.h"
#include "Analysis/Support/FlowDriver.h"
#include "Analysis/Support/FlowGraph.h"
#include "Analysis/Support/LocalVars.h"
#include "Analysis/Support/SizeHints.h"
#include "TestSupport.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"
#include <set>

using namespace clang;

namespace acm {
namespace {

//===----------------------------------------------------------------------===//
// FactSet, normalizeVariants, followBranch
//===----------------------------------------------------------------------===//

FactSet facts(std::initializer_list<std::pair<unsigned, bool>> Known) {
  FactSet F;
  for (auto [Var, Value] : Known)
    F.set(Var, Value);
  return F;
}

std::string print(FactSet F) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  printFacts(F, OS);
  return Text;
}

TEST(FactSet, SetGetAndForget) {
  FactSet F;
  EXPECT_FALSE(F.get(3));
  F.set(3, true);
  F.set(5, false);
  EXPECT_EQ(F.get(3), true);
  EXPECT_EQ(F.get(5), false);
  EXPECT_EQ(print(F), "{c3 !c5}");
  F.set(3, std::nullopt);
  EXPECT_FALSE(F.get(3));
  EXPECT_EQ(print(F), "{!c5}");
}

TEST(FactSet, CommonKeepsOnlyWhatBothKnowAlike) {
  FactSet A = facts({{0, true}, {1, true}, {2, false}});
  FactSet B = facts({{0, true}, {1, false}});
  EXPECT_EQ(FactSet::common(A, B), facts({{0, true}}));
  EXPECT_EQ(FactSet::common(A, A), A);
}

/// A variant of a state that is just a number, joined by maximum.
struct NumberVariant {
  FactSet Facts;
  int Value;
};

void normalize(llvm::SmallVectorImpl<NumberVariant> &Vs) {
  normalizeVariants(
      Vs,
      [](const NumberVariant &A, const NumberVariant &B) {
        return A.Value == B.Value;
      },
      [](NumberVariant &Into, const NumberVariant &From) {
        Into.Value = std::max(Into.Value, From.Value);
      });
}

TEST(NormalizeVariants, SameFactsAreJoined) {
  llvm::SmallVector<NumberVariant, 4> Vs = {{facts({{0, true}}), 1},
                                            {facts({{0, true}}), 4}};
  normalize(Vs);
  ASSERT_EQ(Vs.size(), 1u);
  EXPECT_EQ(Vs[0].Value, 4);
}

TEST(NormalizeVariants, ComplementsInTheSameStateMerge) {
  // "a && b" and "a && !b" in one state are "a".
  llvm::SmallVector<NumberVariant, 4> Vs = {
      {facts({{0, true}, {1, true}}), 7}, {facts({{0, true}, {1, false}}), 7}};
  normalize(Vs);
  ASSERT_EQ(Vs.size(), 1u);
  EXPECT_EQ(Vs[0].Facts, facts({{0, true}}));
}

TEST(NormalizeVariants, DifferentStatesStayApartSortedByFacts) {
  llvm::SmallVector<NumberVariant, 4> Vs = {{facts({{0, true}}), 1},
                                            {facts({{0, false}}), 2}};
  normalize(Vs);
  ASSERT_EQ(Vs.size(), 2u);
  EXPECT_TRUE(Vs[0].Facts < Vs[1].Facts);
}

TEST(NormalizeVariants, MoreThanTheBoundBecomeOneAndAreCounted) {
  BoundCounters Counters;
  BoundCounters::Scope Active(Counters);
  llvm::SmallVector<NumberVariant, 4> Vs;
  for (unsigned I = 0; I <= MaxVariants; ++I)
    Vs.push_back({facts({{I, true}}), int(I)});
  normalize(Vs);
  ASSERT_EQ(Vs.size(), 1u);
  EXPECT_EQ(Vs[0].Value, int(MaxVariants));
  EXPECT_EQ(Vs[0].Facts, FactSet());
  EXPECT_EQ(Counters.hits(Bound::Variants), 1u);
}

TEST(FollowBranch, DropsTheVariantsThatKnowTheOtherValue) {
  FactSet Common;
  llvm::SmallVector<NumberVariant, 4> Vs = {
      {facts({{2, true}}), 1}, {facts({{2, false}}), 2}, {FactSet(), 3}};
  // The first successor is taken when variable 2 is true.
  ASSERT_TRUE(followBranch(FactTest{2, true}, 0, Common, Vs));
  EXPECT_EQ(Common.get(2), true);
  ASSERT_EQ(Vs.size(), 2u);
  EXPECT_EQ(Vs[0].Value, 1);
  EXPECT_EQ(Vs[1].Value, 3);
  EXPECT_EQ(Vs[1].Facts.get(2), true);
}

TEST(FollowBranch, AnEdgeNoPathTakesIsRefused) {
  FactSet Common = facts({{1, false}});
  llvm::SmallVector<NumberVariant, 4> Vs = {{Common, 1}};
  EXPECT_FALSE(followBranch(FactTest{1, true}, 0, Common, Vs));
  EXPECT_TRUE(followBranch(FactTest{1, true}, 1, Common, Vs));
}

//===----------------------------------------------------------------------===//
// CFGs of small functions
//===----------------------------------------------------------------------===//

/// A parsed function "f" of \p Code and its CFG.
class CfgTest : public ::testing::Test {
protected:
  void build(const std::string &Code) {
    AST = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"}, "cfg.cpp");
    ASSERT_TRUE(AST);
    struct Finder : RecursiveASTVisitor<Finder> {
      const FunctionDecl *Found = nullptr;
      bool VisitFunctionDecl(FunctionDecl *F) {
        if (F->getIdentifier() && F->getName() == "f" && F->hasBody())
          Found = F;
        return true;
      }
    } Find;
    Find.TraverseDecl(AST->getASTContext().getTranslationUnitDecl());
    ASSERT_TRUE(Find.Found);
    Function = Find.Found;
    CFG::BuildOptions Options;
    Options.setAllAlwaysAdd();
    Graph = CFG::buildCFG(Function, Function->getBody(), &AST->getASTContext(),
                          Options);
    ASSERT_TRUE(Graph);
    Order = std::make_unique<BlockOrder>(*Graph);
  }

  /// The block containing the call of \p Callee.
  const CFGBlock *blockCalling(llvm::StringRef Callee) const {
    for (const CFGBlock *Block : *Graph)
      for (const CFGElement &E : *Block)
        if (auto S = E.getAs<CFGStmt>())
          if (const auto *Call = dyn_cast<CallExpr>(S->getStmt()))
            if (const FunctionDecl *D = Call->getDirectCallee())
              if (D->getIdentifier() && D->getName() == Callee)
                return Block;
    ADD_FAILURE() << "no call of " << Callee.str();
    return nullptr;
  }

  std::unique_ptr<ASTUnit> AST;
  const FunctionDecl *Function = nullptr;
  std::unique_ptr<CFG> Graph;
  std::unique_ptr<BlockOrder> Order;
};

/// Forward: the names of the functions called on some path so far.
struct CallsSoFar {
  using State = std::set<std::string>;
  using Outcome = State;
  mutable std::vector<std::pair<unsigned, unsigned>> BackEdges;

  State transfer(const CFGBlock &Block, const State &In) const {
    State Out = In;
    for (const CFGElement &E : Block)
      if (auto S = E.getAs<CFGStmt>())
        if (const auto *Call = dyn_cast<CallExpr>(S->getStmt()))
          if (const FunctionDecl *D = Call->getDirectCallee())
            Out.insert(D->getNameAsString());
    return Out;
  }
  State &after(State &O) const { return O; }
  bool edge(State &, const Outcome &, const CFGBlock &From, unsigned SuccIndex,
            bool BackEdge) const {
    if (BackEdge)
      BackEdges.push_back({From.getBlockID(),
                           (*(From.succ_begin() + SuccIndex))->getBlockID()});
    return true;
  }
  bool join(State &Into, const State &From) const {
    size_t Before = Into.size();
    Into.insert(From.begin(), From.end());
    return Into.size() != Before;
  }
};

TEST_F(CfgTest, ForwardFlowJoinsBranchesAndReachesTheExit) {
  build("void a(); void b(); void c(); bool p();\n"
        "void f() { if (p()) a(); else b(); c(); }");
  FlowStats Stats;
  CallsSoFar P;
  auto States = solveForward(*Graph, *Order, P, {}, Stats);
  const CFGBlock *Last = blockCalling("c");
  ASSERT_TRUE(States.reached(Last->getBlockID()));
  EXPECT_EQ(*States.In[Last->getBlockID()],
            (std::set<std::string>{"a", "b", "p"}));
  // Only blocks with an edge to the exit keep their outgoing state.
  ASSERT_TRUE(States.out(Last->getBlockID()));
  EXPECT_TRUE(States.out(Last->getBlockID())->count("c"));
  EXPECT_FALSE(States.out(blockCalling("a")->getBlockID()));
  EXPECT_EQ(States.Out.size(), 1u);
  EXPECT_TRUE(P.BackEdges.empty());
  EXPECT_GT(Stats.BlockVisits, 0u);
  EXPECT_EQ(Stats.BlocksUnsettled, 0u);
}

TEST_F(CfgTest, BranchesKnownThroughVisibleCallsAreNotTaken) {
  build("inline bool never() { return false; }\n"
        "inline bool always() { return !never(); }\n"
        "struct Always { explicit operator bool() const { return true; } };\n"
        "namespace testing::internal { bool AlwaysTrue(); }\n"
        "struct Base { virtual bool v() const { return true; } };\n"
        "bool opaque();\n"
        "void a(); void b(); void c(); void d(); void e(); void g();\n"
        "void f(const Base &x) {\n"
        "  do { a(); } while (never());\n"
        "  if (Always w{}) b(); else c();\n"
        "  if (!testing::internal::AlwaysTrue() || !always()) d();\n"
        "  if (x.v()) e();\n"
        "  if (opaque()) g();\n"
        "}\n");
  Graph = buildFlowGraph(Function, Function->getBody(), AST->getASTContext(),
                         /*ExceptionEdges=*/false);
  ASSERT_TRUE(Graph);
  Order = std::make_unique<BlockOrder>(*Graph);
  CallsSoFar Calls;
  FlowStats Stats;
  BlockStates<CallsSoFar::State> States =
      solveForward(*Graph, *Order, Calls, {}, Stats);
  EXPECT_TRUE(Calls.BackEdges.empty()) << "the do-while runs once";
  EXPECT_FALSE(States.reached(blockCalling("c")->getBlockID()));
  EXPECT_FALSE(States.reached(blockCalling("d")->getBlockID()));
  // Virtual and opaque conditions stay open; so does clang's own folding.
  EXPECT_TRUE(States.reached(blockCalling("e")->getBlockID()));
  EXPECT_TRUE(States.reached(blockCalling("g")->getBlockID()));
  EXPECT_EQ(States.In[Graph->getExit().getBlockID()],
            (CallsSoFar::State{"a", "b", "e", "g", "never", "always",
                               "AlwaysTrue", "operator bool", "v", "opaque"}));
}

TEST_F(CfgTest, ForwardFlowGoesRoundLoopsAndMarksTheBackEdge) {
  build("void a(); void b(); bool p();\n"
        "void f() { while (p()) a(); b(); }");
  FlowStats Stats;
  CallsSoFar P;
  auto States = solveForward(*Graph, *Order, P, {}, Stats);
  // a() is seen at its own block only after going round.
  const CFGBlock *Body = blockCalling("a");
  EXPECT_TRUE(States.In[Body->getBlockID()]->count("a"));
  // Round the loop, back to the block that tests its condition.
  ASSERT_FALSE(P.BackEdges.empty());
  for (auto [From, To] : P.BackEdges)
    EXPECT_EQ(To, blockCalling("p")->getBlockID());
}

TEST_F(CfgTest, UnreachedBlocksHaveNoState) {
  build("void a(); void b();\n"
        "void f() { return; a(); }");
  FlowStats Stats;
  auto States = solveForward(*Graph, *Order, CallsSoFar(), {}, Stats);
  // The CFG keeps the dead call's block, unreachable from the entry.
  bool DeadBlockSeen = false;
  for (const CFGBlock *Block : *Graph)
    for (const CFGElement &E : *Block)
      if (auto S = E.getAs<CFGStmt>(); S && isa<CallExpr>(S->getStmt())) {
        DeadBlockSeen = true;
        EXPECT_FALSE(States.reached(Block->getBlockID()));
      }
  EXPECT_TRUE(DeadBlockSeen);
}

TEST_F(CfgTest, BlockOrderIsTheOrderOfClangsPostOrderView) {
  // Loops, jumps, dead code, a switch, and edges the graph's builder marks
  // unreachable (a known condition, a noreturn call).
  const char *Bodies[] = {
      "void a(); void b(); bool p();\n"
      "void f() { while (p()) { a(); if (p()) continue; b(); } }",
      "void a(); void b(); bool p();\n"
      "void f() { for (;;) { if (p()) break; a(); } return; b(); }",
      "void a(); void b(); bool p(); [[noreturn]] void die();\n"
      "void f(int n) { switch (n) { case 1: a(); [[fallthrough]]; case 2: "
      "b(); break; default: die(); } do a(); while (false); if (true) b(); "
      "}",
      "void a(); bool p();\n"
      "void f() { again: a(); if (p()) goto again; while (p()) { while "
      "(p()) a(); if (p()) goto out; } out: a(); }",
  };
  bool SomeUnreachable = false;
  for (const char *Body : Bodies) {
    SCOPED_TRACE(Body);
    build(Body);
    // The flows' graph, as buildFlowGraph marks it, and clang's view of it.
    Graph = buildFlowGraph(Function, Function->getBody(), AST->getASTContext(),
                           /*ExceptionEdges=*/false);
    ASSERT_TRUE(Graph);
    BlockOrder Ours(*Graph);
    PostOrderCFGView Clangs(Graph.get());
    std::vector<const CFGBlock *> OurBlocks(Ours.begin(), Ours.end());
    std::vector<const CFGBlock *> ClangBlocks(Clangs.begin(), Clangs.end());
    EXPECT_EQ(OurBlocks, ClangBlocks);
    SomeUnreachable |= Ours.size() < Graph->size();
    // Every pair, unreachable blocks included, compares as clang's do.
    PostOrderCFGView::BlockOrderCompare ClangBackward = Clangs.getComparator();
    BlockOrder::Backward OurBackward{&Ours};
    BlockOrder::Forward OurForward{&Ours};
    for (const CFGBlock *A : *Graph)
      for (const CFGBlock *B : *Graph) {
        EXPECT_EQ(OurBackward(A, B), ClangBackward(A, B))
            << "B" << A->getBlockID() << " B" << B->getBlockID();
        EXPECT_EQ(OurForward(A, B), ClangBackward(B, A))
            << "B" << A->getBlockID() << " B" << B->getBlockID();
      }
    // Positions in reverse post order, counted from the entry.
    unsigned Next = 0;
    for (const CFGBlock *Block : Ours)
      EXPECT_EQ(Ours.position(Block), Next++);
  }
  EXPECT_TRUE(SomeUnreachable);
}

/// A forward problem whose join never settles: a counter that grows.
struct NeverSettles {
  using State = int;
  using Outcome = int;
  int transfer(const CFGBlock &, const int &In) const { return In + 1; }
  int &after(int &O) const { return O; }
  bool edge(int &, const int &, const CFGBlock &, unsigned, bool) const {
    return true;
  }
  bool join(int &Into, const int &From) const {
    if (From <= Into)
      return false;
    Into = From;
    return true;
  }
};

TEST_F(CfgTest, ForwardFlowStopsAtTheVisitBoundAndCountsIt) {
  build("void a(); bool p(); void f() { while (p()) a(); }");
  BoundCounters Counters;
  BoundCounters::Scope Active(Counters);
  FlowStats Stats;
  solveForward(*Graph, *Order, NeverSettles(), 0, Stats);
  EXPECT_GT(Stats.BlocksUnsettled, 0u);
  EXPECT_GT(Counters.hits(Bound::BlockVisits), 0u);
  EXPECT_LE(Stats.BlockVisits, Graph->getNumBlockIDs() * MaxBlockVisits);
}

/// Backward: the functions that may still be called from each block on.
struct CallsAhead {
  using Value = std::set<std::string>;
  template <typename Fn>
  Value transfer(const CFGBlock &Block, Fn ValueAt) const {
    Value V;
    for (const CFGBlock *Succ : Block.succs())
      if (Succ) {
        const Value &Next = ValueAt(*Succ);
        V.insert(Next.begin(), Next.end());
      }
    for (const CFGElement &E : Block)
      if (auto S = E.getAs<CFGStmt>())
        if (const auto *Call = dyn_cast<CallExpr>(S->getStmt()))
          if (const FunctionDecl *D = Call->getDirectCallee())
            V.insert(D->getNameAsString());
    return V;
  }
};

TEST_F(CfgTest, BackwardFlowSeesWhatLoopsCanStillDo) {
  build("void a(); void b(); void c(); bool p();\n"
        "void f() { a(); while (p()) b(); c(); }");
  FlowStats Stats;
  std::vector<std::set<std::string>> Ahead =
      solveBackward(*Graph, *Order, CallsAhead(), Stats);
  EXPECT_EQ(Ahead[blockCalling("a")->getBlockID()],
            (std::set<std::string>{"a", "b", "c", "p"}));
  // From the loop body, the loop can go round again.
  EXPECT_EQ(Ahead[blockCalling("b")->getBlockID()],
            (std::set<std::string>{"b", "c", "p"}));
  EXPECT_EQ(Ahead[blockCalling("c")->getBlockID()], std::set<std::string>{"c"});
}

TEST_F(CfgTest, LoopMapKnowsNestedLoopsAndLeavingThem) {
  build("void a(); void b(); void c(); bool p();\n"
        "void f() { while (p()) { a(); while (p()) b(); } c(); }");
  LoopMap Loops(*Graph, *Order);
  const CFGBlock *Outer = blockCalling("a");
  const CFGBlock *Inner = blockCalling("b");
  const CFGBlock *After = blockCalling("c");
  EXPECT_EQ(Loops.loopsOf(*Outer).size(), 1u);
  EXPECT_EQ(Loops.loopsOf(*Inner).size(), 2u);
  EXPECT_TRUE(Loops.loopsOf(*After).empty());
  EXPECT_TRUE(Loops.leavesLoop(*Inner, *Outer));
  EXPECT_FALSE(Loops.leavesLoop(*Outer, *Inner));
  EXPECT_TRUE(Loops.leavesLoop(*Outer, *After));
}

TEST_F(CfgTest, LoopMapListsAHeaderOnceWhateverItsLatches) {
  // Two gotos go back to the label.
  build("void a(); void b(); bool p(); bool q();\n"
        "void f() { l: a(); if (p()) goto l; b(); if (q()) goto l; }");
  LoopMap Loops(*Graph, *Order);
  const CFGBlock *Header = blockCalling("a");
  ASSERT_EQ(Loops.loopsOf(*Header).size(), 1u);
  EXPECT_EQ(Loops.loopsOf(*Header)[0], Header->getBlockID());
  EXPECT_EQ(Loops.loopsOf(*blockCalling("b")).size(), 1u);
}

TEST_F(CfgTest, ReturnsAreFoundWithTheStatementThatEndsThem) {
  build("bool p(); void a();\n"
        "void f() { if (p()) return; a(); }");
  std::vector<bool> Written;
  forEachNormalReturn(
      *Graph, [](unsigned) { return true; },
      [&](const CFGBlock &, const Stmt *S) {
        Written.push_back(S != nullptr);
      });
  // One written return, one fall-through off the end.
  EXPECT_EQ(std::count(Written.begin(), Written.end(), true), 1);
  EXPECT_EQ(std::count(Written.begin(), Written.end(), false), 1);
}

//===----------------------------------------------------------------------===//
// ConstantConditionScan
//===----------------------------------------------------------------------===//

/// Feeds a body to a scan as a pass over it does.
struct ConditionFeeder : BodyVisitor<ConditionFeeder> {
  ConstantConditionScan Scan;
  bool VisitStmt(Stmt *S) {
    Scan.visitStmt(S);
    return true;
  }
  void skippedUnevaluated(Expr *E) { Scan.visitUnevaluated(E); }
};

/// Each block's successors as clang's builder left them: reachable, pruned
/// but known, or pruned.
std::vector<std::vector<int>> edgesOf(const CFG &Graph) {
  std::vector<std::vector<int>> Edges;
  for (const CFGBlock *Block : Graph) {
    std::vector<int> Out;
    for (const CFGBlock::AdjacentBlock &Succ : Block->succs())
      Out.push_back(Succ.getReachableBlock()
                        ? int(Succ.getReachableBlock()->getBlockID())
                        : Succ.getPossiblyUnreachableBlock() ? -2 : -1);
    Edges.push_back(std::move(Out));
  }
  return Edges;
}

TEST(ConstantConditionScan, GraphsAreTheSameWithoutEvaluationWhenItSaysSo) {
  // The p* functions' conditions cannot have known values; every k* has one
  // that clang's builder decides, or a shape the scan does not vouch for.
  auto AST = tooling::buildASTFromCodeWithArgs(R"cpp(
bool g();
int h();
constexpr bool cf() { return true; }
enum State { Idle, Busy };
struct Flag { constexpr bool always() const { return true; } };
void p1(int k, bool b, int *q, State s) {
  for (int j = 0; j < k; ++j) g();
  if (k == 0) g();
  if (!b) g();
  while (b && k != 2) g();
  if (q) g();
  do g(); while (k > 3 || g());
  if (s == Busy) g();
  int x = b ? 1 : 2;
  bool y = b && g();
  if (int z = h()) g();
}
void p2(int k) {
  switch (k) { case 1: g(); break; default: break; }
  switch (h()) { case 2: g(); }
  int arr[3] = {};
  for (int i : arr) g();
  if (g() && (k < 3 || h())) g();
  auto l = [k] { if (true) return 1; return 2; };
}
void k1() { if (false) g(); }
void k2() { while (true) if (g()) break; }
void k3() { do g(); while (0); }
void k4() { if constexpr (true) g(); else h(); }
void k5() { const int c = 1; if (c) g(); }
void k6(bool b) { if (b && false) g(); }
void k7(bool b) { if (b || !b) g(); }
void k8(int k) { if (k < 3 && k > 5) g(); }
void k9(int k) { if ((k & 8) == 4) g(); }
void k10(bool b) { if (!b == 10) g(); }
void k11() { switch (3) { case 1: g(); break; case 3: h(); } }
void k12() { if (cf()) g(); }
void k13(int k) { if (&k) g(); }
void k14() { if (sizeof(int) == 4) g(); }
void k15(bool b) { bool v = (b && false) || b; }
void k16(Flag f) { if (f.always()) g(); }
void k17() { if (const int y = 0) g(); }
void k18(int k) { int v = k ?: 1; if (v) g(); }
void k19(bool b) { bool v = noexcept((b && false) || b); }
void k20(int k) { [[assume(k > 0 && k < 10)]]; }
void p3(int k, bool b) {
  if (b && k > 1 && (k != 2 || b) && g() && k != 3 && k < 90) g();
  if (!(b && k < 9)) g();
}
void k21(int k, bool b) {
  if (b && k > 1 && (k != 2 || (b && false)) && g() && k != 3) g();
}
)cpp",
                                               {"-std=c++23"}, "input.cpp");
  ASSERT_TRUE(AST);
  unsigned Plain = 0, Differ = 0;
  for (const Decl *D : AST->getASTContext().getTranslationUnitDecl()->decls()) {
    const auto *F = dyn_cast<FunctionDecl>(D);
    if (!F || !F->hasBody() || F->getName().size() < 2 ||
        (F->getName()[0] != 'p' && F->getName()[0] != 'k'))
      continue;
    ConditionFeeder Feeder;
    Feeder.TraverseStmt(F->getBody());
    bool MayHaveKnown = Feeder.Scan.mayHaveKnownCondition();
    CFG::BuildOptions Options;
    Options.AddLifetime = true;
    Options.setAllAlwaysAdd();
    std::unique_ptr<CFG> Pruned =
        CFG::buildCFG(F, F->getBody(), &AST->getASTContext(), Options);
    Options.PruneTriviallyFalseEdges = false;
    std::unique_ptr<CFG> Unpruned =
        CFG::buildCFG(F, F->getBody(), &AST->getASTContext(), Options);
    ASSERT_TRUE(Pruned && Unpruned);
    bool Same = edgesOf(*Pruned) == edgesOf(*Unpruned);
    std::string Name = F->getNameAsString();
    EXPECT_TRUE(Same || MayHaveKnown) << Name;
    EXPECT_EQ(MayHaveKnown, Name[0] == 'k') << Name;
    Plain += !MayHaveKnown;
    Differ += !Same;
  }
  EXPECT_EQ(Plain, 3u);
  // Most of the k* graphs do differ: the test sees a wrong answer.
  EXPECT_GE(Differ, 12u);
}

//===----------------------------------------------------------------------===//
// BranchFacts
//===----------------------------------------------------------------------===//

TEST_F(CfgTest, ConditionVariablesAndTheBranchesThatTestThem) {
  build("void a(); bool p();\n"
        "void f(bool fast, int *ptr) {\n"
        "  bool done = false;\n"
        "  int n = 0; int &alias = n;\n"
        "  if (!fast) a();\n"
        "  if (ptr == nullptr) a();\n"
        "  done = true;\n"
        "  if (n) a();\n"
        "}");
  BranchFacts Facts(*Function, Function->getBody());
  // fast and ptr qualify; n does not: a reference is bound to it; done
  // does not either: no branch tests it.
  EXPECT_EQ(Facts.size(), 2u);
  std::vector<FactTest> Tests;
  for (const CFGBlock *Block : *Graph)
    if (std::optional<FactTest> Test = Facts.testAt(*Block))
      Tests.push_back(*Test);
  ASSERT_EQ(Tests.size(), 2u);
  // "!fast" and "ptr == nullptr" are both true on their second successor.
  for (const FactTest &Test : Tests)
    EXPECT_FALSE(Test.TrueOnFirst);
}

TEST_F(CfgTest, LiteralInitialisersAndAssignmentsAreKnownValues) {
  build("void a();\n"
        "void f() { bool done = false; int k = 7; done = true;\n"
        "  if (done || k) a(); }");
  BranchFacts Facts(*Function, Function->getBody());
  ASSERT_EQ(Facts.size(), 2u);
  unsigned Known = 0, Unknown = 0;
  for (const CFGBlock *Block : *Graph)
    for (const CFGElement &E : *Block)
      if (auto S = E.getAs<CFGStmt>()) {
        if (const auto *DS = dyn_cast<DeclStmt>(S->getStmt()))
          for (const Decl *D : DS->decls())
            if (auto Update = Facts.atDeclaration(cast<VarDecl>(D)))
              (Update->Value ? Known : Unknown)++;
        for (const FactUpdate &U : Facts.updatesAt(S->getStmt()))
          EXPECT_EQ(U.Value, true);
      }
  // false is known; 7 is no truth value the analysis tracks.
  EXPECT_EQ(Known, 1u);
  EXPECT_EQ(Unknown, 1u);
}

TEST_F(CfgTest, LoopCountersTakeNoPlaceOfTheVariablesBranchesTest) {
  // More counters than MaxConditionVariables, then a flag that is tested:
  // the counters are only compared with a bound, so the flag keeps its
  // place.
  std::string Code = "void a(); bool p();\nvoid f(int n) {\n";
  for (unsigned I = 0; I < MaxConditionVariables + 8; ++I)
    Code += "  for (int j" + std::to_string(I) + " = 0; j" + std::to_string(I) +
            " < n; ++j" + std::to_string(I) + ") a();\n";
  Code += "  bool flag = p();\n  if (flag) a();\n}\n";
  build(Code);
  BranchFacts Facts(*Function, Function->getBody());
  EXPECT_EQ(Facts.size(), 1u);
  unsigned Tests = 0;
  for (const CFGBlock *Block : *Graph)
    Tests += Facts.testAt(*Block).has_value();
  EXPECT_EQ(Tests, 1u);
}

//===----------------------------------------------------------------------===//
// ExprUnwrap
//===----------------------------------------------------------------------===//

/// Every expression and every variable of a translation unit, implicit
/// code and template instantiations included.
struct AllNodes : RecursiveASTVisitor<AllNodes> {
  std::vector<Expr *> Expressions;
  std::vector<const VarDecl *> Variables;
  explicit AllNodes(ASTContext &Ctx) {
    TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  bool shouldVisitImplicitCode() const { return true; }
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitExpr(Expr *E) {
    Expressions.push_back(E);
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    Variables.push_back(V);
    return true;
  }
};

std::vector<Expr *> allExpressions(ASTContext &Ctx) {
  return std::move(AllNodes(Ctx).Expressions);
}

TEST(ExprUnwrap, StripsWhatClangsStepsStripAndBeginsWhereClangSays) {
  // Every wrapper the steps strip, around references, calls, awaits and
  // member calls on variables, members, "this", temporaries and qualified
  // names.
  auto AST = tooling::buildASTFromCodeWithArgs(
      R"cpp(
#include "acm-task.h"
namespace ns { inline Resource shared; }
struct Base { int b() const { return 1; } };
struct Derived : Base { Resource r; int d() { return b() + this->b(); } };
template <int N> int fixed() { return N + (N); }
int plain(int v) { return v; }
rt::task<> f(Resource r, Derived &dr, const Resource &cr) {
  Resource &ref = static_cast<Resource &>(r);
  Resource &&moved = static_cast<Resource &&>(r);
  const Base &base = dr;
  (void)static_cast<const Base &>(dr).b();
  (void)((Base &)dr).b();
  co_await (r.aenter());
  co_await ((r)).aexit();
  co_await ns::shared.aenter();
  co_await dr.r.aexit();
  co_await Resource().aexit();
  int x = __extension__ (plain(1));
  int y = __builtin_choose_expr(1, plain(2), plain(3));
  int z = fixed<4>() + _Generic(x, int: x, default: y);
  const char *name = __func__;
  int (*fp)(int) = plain;
  auto twice = [](int v) { return 2 * v; };
  int calls = fp(5) + (*fp)(6) + (plain)(7) + (&plain)(8) + twice(9);
  (void)ref; (void)moved; (void)base; (void)cr; (void)z; (void)name;
  (void)calls;
}
)cpp",
      {"-std=c++20", "-resource-dir=" ACM_CLANG_RESOURCE_DIR,
       "-I" ACM_TEST_INPUTS_DIR, "-Wno-c11-extensions"},
      "input.cpp");
  ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  unsigned Calls = 0, Stripped = 0, Unparenthesized = 0, Callees = 0,
           NoCallee = 0;
  for (Expr *E : allExpressions(AST->getASTContext())) {
    Expr *Expected = IgnoreExprNodes(
        E, IgnoreParensSingleStep, IgnoreImplicitCastsExtraSingleStep,
        IgnoreImplicitSingleStep, IgnoreBaseCastsSingleStep);
    EXPECT_EQ(stripWrappers(E), Expected) << E->getStmtClassName();
    Stripped += Expected != E;
    // ignoreParens asks clang only of the classes it can look through.
    EXPECT_EQ(ignoreParens(E), E->IgnoreParens()) << E->getStmtClassName();
    Unparenthesized += E->IgnoreParens() != E;
    EXPECT_EQ(beginOf(static_cast<const Stmt *>(E)), E->getBeginLoc())
        << E->getStmtClassName();
    if (auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      ++Calls;
      EXPECT_EQ(beginOf(Call), Call->getBeginLoc());
    }
    if (auto *Call = dyn_cast<CallExpr>(E)) {
      EXPECT_EQ(directCallee(Call), Call->getDirectCallee())
          << E->getStmtClassName();
      ++(Call->getDirectCallee() ? Callees : NoCallee);
    }
  }
  // The snippet has what it is meant to have.
  EXPECT_GT(Calls, 10u);
  EXPECT_GT(Stripped, 50u);
  // Parentheses, __extension__, __builtin_choose_expr, _Generic, __func__.
  EXPECT_GE(Unparenthesized, 5u);
  // Calls of members, of names, of a lambda, and through a pointer (no
  // function named).
  EXPECT_GT(Callees, 20u);
  EXPECT_GE(NoCallee, 2u);
}

TEST(SizeHints, OneEntryForEvery64CharactersOfTheBody) {
  // Bodies of 6,402 and 2 characters, braces included; the hint counts
  // from one brace to the other.
  std::string Long =
      "void big() {" + std::string(6400, ' ') + "}\n" + "void small() {}\n";
  auto AST = test::parse(Long);
  ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  const SourceManager &SM = AST->getSourceManager();
  auto Hint = [&](StringRef Name) {
    const auto *F = test::findNamed<FunctionDecl>(AST->getASTContext(), Name);
    return F ? expectedEntries(F->getBody(), SM) : 0u;
  };
  EXPECT_EQ(Hint("big"), 6401u / 64);
  EXPECT_EQ(Hint("small"), 16u);
}

TEST(LocalVars, AnswerAsClangDoes) {
  // Variables of every storage and every place: file, namespace, class,
  // function, lambda, block scopes, handlers, structured bindings,
  // templates and their instantiations.
  auto AST = tooling::buildASTFromCodeWithArgs(
      R"cpp(
int file_var;
static int file_static;
thread_local int file_tls;
extern int file_extern;
namespace ns { int in_namespace; extern "C" { int in_linkage_spec; } }
struct S {
  static int member;
  static inline thread_local int member_tls = 0;
  void method(int param) {
    int local = param;
    static int static_local;
    thread_local int tls_local;
    extern int extern_local;
    register int reg_local = 0;
    auto lambda = [local](int lambda_param) {
      int in_lambda = lambda_param + local;
      static int static_in_lambda;
      return in_lambda + static_in_lambda;
    };
    (void)lambda; (void)static_local; (void)tls_local; (void)extern_local;
    (void)reg_local;
  }
};
int S::member = 1;
template <typename T> T templ(T t) {
  T copy = t;
  static T kept;
  return copy + kept;
}
int user() {
  int pair[2] = {1, 2};
  auto [a, b] = pair;
  for (int i = 0; i < 2; ++i) {
    int in_loop = i;
    (void)in_loop;
  }
  try { throw 1; } catch (int caught) { (void)caught; }
  if (int in_if = a) (void)in_if;
  return templ(a + b);
}
)cpp",
      {"-std=c++20", "-Wno-register", "-Wno-deprecated-register"}, "input.cpp");
  ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  unsigned Local = 0, NotLocal = 0;
  for (const VarDecl *V : AllNodes(AST->getASTContext()).Variables) {
    EXPECT_EQ(acm::hasLocalStorage(V), V->hasLocalStorage())
        << V->getNameAsString();
    EXPECT_EQ(acm::isLocalVarDecl(V), V->isLocalVarDecl())
        << V->getNameAsString();
    (V->hasLocalStorage() ? Local : NotLocal) += 1;
  }
  // The snippet has both kinds.
  EXPECT_GE(Local, 12u);
  EXPECT_GE(NotLocal, 12u);
}

//===----------------------------------------------------------------------===//
// BodyVisitor
//===----------------------------------------------------------------------===//

/// One step of a walk: a statement or declaration visited, at its depth in
/// the statements being traversed, or a skipped unevaluated operand.
struct WalkStep {
  const void *Node;
  char Kind;
  unsigned Depth;
  friend bool operator==(const WalkStep &A, const WalkStep &B) {
    return A.Node == B.Node && A.Kind == B.Kind && A.Depth == B.Depth;
  }
};

template <typename Derived> struct StepRecorder : BodyVisitor<Derived> {
  std::vector<WalkStep> Steps;
  unsigned Depth = 0;
  bool dataTraverseStmtPre(Stmt *) {
    ++Depth;
    return true;
  }
  bool dataTraverseStmtPost(Stmt *) {
    --Depth;
    return true;
  }
  bool VisitStmt(Stmt *S) {
    Steps.push_back({S, 's', Depth});
    return true;
  }
  bool VisitDecl(Decl *D) {
    Steps.push_back({D, 'd', Depth});
    return true;
  }
  void skippedUnevaluated(Expr *E) { Steps.push_back({E, 'u', Depth}); }
};

/// BodyVisitor's own walk: by recursion, each class asked its children.
struct RecursiveWalk : StepRecorder<RecursiveWalk> {};

/// The same policy walked as RecursiveASTVisitor walks: a TraverseStmt
/// that takes the queue makes it use its queue, and the children are
/// Stmt::children().
struct QueuedWalk : StepRecorder<QueuedWalk> {
  bool TraverseStmt(Stmt *S, DataRecursionQueue *Queue = nullptr) {
    return RecursiveASTVisitor<QueuedWalk>::TraverseStmt(S, Queue);
  }
  Stmt::child_range getStmtChildren(Stmt *S) { return S->children(); }
};

TEST(BodyVisitor, ItsWalkVisitsWhatRecursiveASTVisitorsVisitsInItsOrder) {
  auto AST = tooling::buildASTFromCodeWithArgs(
      std::string(test::Prelude) + R"cpp(
#include <typeinfo>
struct Widget {
  template <int N> int get() const { return N; }
  int operator[](int i) const { return i; }
  bool operator==(const Widget &) const = default;
  __declspec(property(get = size)) int Size;
  int size() const { return 3; }
};
struct Pair { int a, b; };
int def(int x = 1 + 2);
task helper(Res &r);
task body(int k, Widget w, Widget v) {
  Res r;
  co_await r.aenter();
  if (int x = k; x > 1) { co_await helper(r); } else if (k) { r.use(); }
  for (int i : {1, 2, 3}) k += w.template get<1 + 2>() + w[i];
  switch (k) { case 1: ++k; [[fallthrough]]; default: break; }
  while (k-- > 0) { if (k == 7) goto done; continue; }
  do { k <<= 1; } while (k < 100);
done:
  auto [a, b] = Pair{1, 2};
  auto l = [&r, n = k + 1](int m) { return n + m; };
  auto c = [&]() -> task { co_await r.aexit(); };
  int s = sizeof(k + 1) + alignof(Widget) + noexcept(def()) + w.Size;
  const std::type_info &t = typeid(k + 1);
  static int once = def();
  bool same = w != v;
  int g = _Generic(k, int: k, default: 0);
  int arr[] = {a, b, l(2), def()};
  Pair p{.a = 1, .b = ({ int q = 2; q * 2; })};
  try { throw k; } catch (int e) { k = e; } catch (...) {}
  struct Local { int f() { return 4; } };
  int *heap = new int(k ? a : b);
  delete heap;
  (void)s; (void)t; (void)same; (void)g; (void)arr; (void)p; (void)c;
  co_await r.aexit();
  co_return;
}
)cpp",
      {"-std=c++20", "-resource-dir=" ACM_CLANG_RESOURCE_DIR,
       "-I" ACM_TEST_INPUTS_DIR, "-fms-extensions", "-Wno-c11-extensions",
       "-Wno-gnu-statement-expression"},
      "input.cpp");
  ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
  const auto *Body =
      test::findNamed<FunctionDecl>(AST->getASTContext(), "body");
  ASSERT_TRUE(Body && Body->getBody());
  RecursiveWalk Recursive;
  QueuedWalk Queued;
  EXPECT_TRUE(Recursive.TraverseStmt(Body->getBody()));
  EXPECT_TRUE(Queued.TraverseStmt(Body->getBody()));
  EXPECT_FALSE(Recursive.nestedTooDeep());
  EXPECT_EQ(Recursive.Depth, 0u);
  ASSERT_EQ(Recursive.Steps.size(), Queued.Steps.size());
  for (size_t I = 0; I < Recursive.Steps.size(); ++I)
    ASSERT_EQ(Recursive.Steps[I], Queued.Steps[I]) << "step " << I;
  // The snippet has what it is meant to have: the walk went deep, and
  // skipped the unevaluated operands.
  unsigned Deepest = 0, Skipped = 0;
  for (const WalkStep &Step : Recursive.Steps) {
    Deepest = std::max(Deepest, Step.Depth);
    Skipped += Step.Kind == 'u';
  }
  EXPECT_GT(Recursive.Steps.size(), 200u);
  EXPECT_GT(Deepest, 8u);
  EXPECT_EQ(Skipped, 3u);
}

TEST(BodyVisitor, ABodyNestedTooDeepStopsTheWalkAndSaysSo) {
  auto chain = [](unsigned Terms) {
    std::string Code = "bool f(bool k) { return k";
    for (unsigned I = 1; I < Terms; ++I)
      Code += " && k";
    return Code + "; }";
  };
  for (auto [Terms, TooDeep] :
       {std::pair{MaxStmtNesting / 2, false}, {MaxStmtNesting + 10, true}}) {
    auto AST = tooling::buildASTFromCodeWithArgs(
        chain(Terms), {"-std=c++20", "-resource-dir=" ACM_CLANG_RESOURCE_DIR},
        "input.cpp");
    const auto *F = test::findNamed<FunctionDecl>(AST->getASTContext(), "f");
    ASSERT_TRUE(F && F->getBody());
    BoundCounters Counters;
    BoundCounters::Scope Active(Counters);
    RecursiveWalk Walk;
    EXPECT_EQ(Walk.TraverseStmt(F->getBody()), !TooDeep) << Terms;
    EXPECT_EQ(Walk.nestedTooDeep(), TooDeep) << Terms;
    EXPECT_EQ(Counters.hits(Bound::StmtNesting), TooDeep ? 1u : 0u) << Terms;
    // Every statement the walk entered, it left, save where it stopped.
    if (!TooDeep)
      EXPECT_EQ(Walk.Depth, 0u);
    EXPECT_LE(Walk.Depth, MaxStmtNesting);
  }
}

} // namespace
} // namespace acm
