//===- CfgHelpers.cpp -----------------------------------------------------===//

#include "Analysis/Support/CfgHelpers.h"

#include "Analysis/Support/ExprUnwrap.h"
#include "Analysis/Support/FlowDriver.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/Lex/Lexer.h"
#include <algorithm>

using namespace clang;

namespace acm {

const Stmt *lastStmtOf(const CFGBlock &Block) {
  for (auto It = Block.rbegin(); It != Block.rend(); ++It)
    if (auto S = It->getAs<CFGStmt>())
      return S->getStmt();
  return nullptr;
}

bool isExceptionEdge(const CFGBlock &From, unsigned SuccIndex) {
  if (SuccIndex == 0 || From.getTerminatorStmt())
    return false;
  return isa_and_nonnull<CallExpr>(lastStmtOf(From));
}

bool mayThrow(const CallExpr *Call) {
  QualType Type;
  if (const FunctionDecl *Callee = directCallee(Call)) {
    if (Callee->hasAttr<NoThrowAttr>())
      return false;
    Type = Callee->getType();
  } else {
    Type = Call->getCallee()->getType();
    if (Type->isPointerType() || Type->isReferenceType())
      Type = Type->getPointeeType();
  }
  const auto *Proto =
      Type.isNull() ? nullptr : Type->getAs<FunctionProtoType>();
  if (Proto && !isUnresolvedExceptionSpec(Proto->getExceptionSpecType()) &&
      Proto->isNothrow())
    return false;
  return true;
}

const Expr *branchCondition(const CFGBlock &Block) {
  if (Block.succ_size() != 2)
    return nullptr;
  // Only these branch on a truth value, with the true side first.
  const Stmt *Terminator = Block.getTerminatorStmt();
  const Expr *Condition = nullptr;
  if (const auto *B = dyn_cast_or_null<BinaryOperator>(Terminator)) {
    if (B->isLogicalOp())
      Condition = B->getLHS();
  } else if (const auto *If = dyn_cast_or_null<IfStmt>(Terminator)) {
    Condition = If->getCond();
  } else if (const auto *While = dyn_cast_or_null<WhileStmt>(Terminator)) {
    Condition = While->getCond();
  } else if (const auto *For = dyn_cast_or_null<ForStmt>(Terminator)) {
    Condition = For->getCond();
  } else if (const auto *Do = dyn_cast_or_null<DoStmt>(Terminator)) {
    Condition = Do->getCond();
  } else if (const auto *Cond =
                 dyn_cast_or_null<AbstractConditionalOperator>(Terminator)) {
    Condition = Cond->getCond();
  }
  if (!Condition)
    return nullptr;
  // The block evaluates the condition last; for "a && b" the block that
  // ends with the if evaluates b. Anything else is not understood.
  const Expr *Last = Block.getLastCondition();
  if (!Last)
    return nullptr;
  Last = Last->IgnoreParens();
  for (const Expr *E = Condition->IgnoreParens(); E != Last;) {
    const auto *Logical = dyn_cast<BinaryOperator>(E);
    if (!Logical || !Logical->isLogicalOp())
      return nullptr;
    E = Logical->getRHS()->IgnoreParens();
  }
  return Last;
}

bool writtenByMacro(SourceLocation Loc, const SourceManager &SM,
                    const LangOptions &LangOpts,
                    llvm::function_ref<bool(StringRef)> Listed) {
  if (!Loc.isMacroID())
    return false;
  // What the user typed inside the call is spelled within it; the macros'
  // own tokens, also those one macro passes another, are spelled in their
  // definitions.
  clang::CharSourceRange Call = SM.getExpansionRange(Loc);
  SourceLocation Spelling = SM.getSpellingLoc(Loc);
  if (SM.isPointWithin(Spelling, Call.getBegin(), Call.getEnd()))
    return false;
  // Up the expansions, from the macro whose body has the token to the one
  // written in the file.
  for (unsigned Depth = 0; Loc.isMacroID() && Depth < 64; ++Depth) {
    if (Listed(Lexer::getImmediateMacroName(Loc, SM, LangOpts)))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

SourceLocation endOfBody(const Stmt *WrittenBody) {
  if (const auto *CS = dyn_cast<CompoundStmt>(WrittenBody))
    return CS->getRBracLoc();
  return WrittenBody->getEndLoc();
}

namespace {

/// True if \p S or a statement inside it is in \p Set.
bool holdsAny(const Stmt *S, const llvm::DenseSet<const Stmt *> &Set) {
  if (!S)
    return false;
  if (Set.contains(S))
    return true;
  for (const Stmt *Child : S->children())
    if (holdsAny(Child, Set))
      return true;
  return false;
}

} // namespace

llvm::DenseSet<const Stmt *>
unreachableStmts(const CFG &Graph,
                 const llvm::DenseSet<const Stmt *> &Candidates) {
  if (Candidates.empty())
    return {};
  std::vector<bool> Reached(Graph.getNumBlockIDs(), false);
  llvm::SmallVector<const CFGBlock *, 16> Work;
  auto Reach = [&](const CFGBlock *Block) {
    if (Block && !Reached[Block->getBlockID()]) {
      Reached[Block->getBlockID()] = true;
      Work.push_back(Block);
    }
  };
  auto Flood = [&] {
    while (!Work.empty())
      for (const CFGBlock *Succ : Work.pop_back_val()->succs())
        Reach(Succ);
  };
  Reach(&Graph.getEntry());
  Flood();
  // A handler runs when something in its try block throws. Without
  // exception paths the CFG only has the edges of written throws: a try
  // block that runs makes its handlers reachable too. Only a try whose
  // dispatch is not reached needs the statements of the reached blocks.
  auto Unreached = [&](const CFGBlock *Dispatch) {
    return Dispatch && dispatchedTry(*Dispatch) &&
           !Reached[Dispatch->getBlockID()];
  };
  while (llvm::any_of(Graph.try_blocks(), Unreached)) {
    llvm::DenseSet<const Stmt *> InReached;
    for (const CFGBlock *Block : Graph)
      if (Reached[Block->getBlockID()])
        for (const CFGElement &Element : *Block)
          if (auto S = Element.getAs<CFGStmt>())
            InReached.insert(S->getStmt());
    bool Changed = false;
    for (const CFGBlock *Dispatch : Graph.try_blocks())
      if (Unreached(Dispatch) &&
          holdsAny(dispatchedTry(*Dispatch)->getTryBlock(), InReached)) {
        Reach(Dispatch);
        Flood();
        Changed = true;
      }
    if (!Changed)
      break;
  }
  // A statement can sit in several blocks (a condition's operands): it is
  // unreachable only if every block that holds it is.
  llvm::DenseSet<const Stmt *> Unreachable, HeldByReached;
  for (const CFGBlock *Block : Graph)
    for (const CFGElement &Element : *Block)
      if (auto S = Element.getAs<CFGStmt>())
        if (Candidates.contains(S->getStmt()))
          (Reached[Block->getBlockID()] ? HeldByReached : Unreachable)
              .insert(S->getStmt());
  for (const Stmt *S : HeldByReached)
    Unreachable.erase(S);
  return Unreachable;
}

void LoopMap::findLoops() const {
  unsigned NumBlocks = Graph.getNumBlockIDs();
  // Each block's loops, as (block, header) pairs in the order found; laid
  // out by block below. Most blocks are in no loop or one.
  std::vector<std::pair<unsigned, unsigned>> InLoop;
  std::vector<bool> Reached(NumBlocks, false);
  for (const CFGBlock *Block : Order)
    Reached[Block->getBlockID()] = true;
  std::vector<unsigned> Mark(NumBlocks, ~0u);
  for (const CFGBlock *Latch : Order)
    for (const CFGBlock *Header : Latch->succs()) {
      if (!Header || Order.position(Header) > Order.position(Latch))
        continue;
      unsigned H = Header->getBlockID();
      llvm::SmallVector<const CFGBlock *, 16> Work;
      auto Visit = [&](const CFGBlock *B) {
        if (!B || !Reached[B->getBlockID()] || Mark[B->getBlockID()] == H)
          return;
        Mark[B->getBlockID()] = H;
        InLoop.push_back({B->getBlockID(), H});
        if (B != Header)
          Work.push_back(B);
      };
      // The header may already be marked by another latch of its loop.
      Mark[H] = ~0u;
      Visit(Header);
      Visit(Latch);
      while (!Work.empty()) {
        const CFGBlock *B = Work.pop_back_val();
        for (const CFGBlock *Pred : B->preds())
          Visit(Pred);
      }
    }
  // Kept flat while the flow runs: each block's headers in the order
  // found, each once (a header is found again by each latch of its loop).
  First.assign(NumBlocks + 1, 0);
  for (const auto &[Block, Header] : InLoop)
    ++First[Block + 1];
  for (unsigned ID = 0; ID < NumBlocks; ++ID)
    First[ID + 1] += First[ID];
  std::vector<unsigned> Filled(First.begin(), First.end() - 1);
  Headers.assign(InLoop.size(), 0);
  for (const auto &[Block, Header] : InLoop) {
    unsigned *Begin = Headers.data() + First[Block];
    unsigned *End = Headers.data() + Filled[Block];
    if (std::find(Begin, End, Header) == End)
      Headers[Filled[Block]++] = Header;
  }
  // Close the gaps the repeated headers left.
  unsigned To = 0;
  for (unsigned ID = 0; ID < NumBlocks; ++ID) {
    unsigned From = First[ID];
    First[ID] = To;
    for (unsigned I = From; I < Filled[ID]; ++I)
      Headers[To++] = Headers[I];
  }
  First[NumBlocks] = To;
  Headers.resize(To);
}

bool LoopMap::leavesLoop(const CFGBlock &From, const CFGBlock &To) const {
  llvm::ArrayRef<unsigned> Inside = loopsOf(To);
  for (unsigned Header : loopsOf(From))
    if (llvm::find(Inside, Header) == Inside.end())
      return true;
  return false;
}

} // namespace acm
