//===- GraphBuilder.cpp ---------------------------------------------------===//
//
// Walks a body backwards, from its end, as clang's builder does: a block is
// created when the walk first needs one, and block numbers are creation
// order, so building in the same order gives the same numbers. Each Visit*
// below follows the clang function of that name for the options
// buildFlowGraph passes (lifetime ends, no exception edges, no evaluation
// of conditions, no rich constructors, no implicit destructors), and
// fails on everything it does not follow.
//
//===----------------------------------------------------------------------===//

#include "Analysis/Support/GraphBuilder.h"
#include "Analysis/Support/ExprUnwrap.h"
#include "Analysis/Support/LocalVars.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <cassert>
#include <optional>
#include <vector>

using namespace clang;

namespace acm {

namespace {

/// The function an awaiter call \p Part calls, as
/// Part->IgnoreImplicit()->getDirectCallee() finds it; null if Part is no
/// call (\p IsCall false) or calls no function it names. The usual shape,
/// a member call alone or under its full expression, is read at once.
const FunctionDecl *awaiterCallee(const Expr *Part, bool &IsCall) {
  IsCall = true;
  const Expr *E = Part;
  if (const auto *Full = dyn_cast<ExprWithCleanups>(E))
    E = Full->getSubExpr();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    return calledMethod(Member);
  const auto *Call = dyn_cast<CallExpr>(Part->IgnoreImplicit());
  if (!Call) {
    IsCall = false;
    return nullptr;
  }
  return directCallee(Call);
}

} // namespace

bool awaiterCallMayEndBlock(const Expr *Part) {
  bool IsCall;
  const FunctionDecl *Callee = awaiterCallee(Part, IsCall);
  // Clang's builder ends a block at a call of an analyzer_noreturn function
  // as at one of a noreturn function.
  return !IsCall || !Callee || Callee->isNoReturn() ||
         Callee->isAnalyzerNoReturn();
}

namespace {

/// A position among the local variables whose lifetimes a jump or the end
/// of a scope ends, as clang's LocalScope::const_iterator: a variable of a
/// scope, counted from 1; walking on goes to the variables declared before
/// it, then to the enclosing scope's position where this scope began. No
/// scope (Scope < 0) is the function's outermost position.
struct ScopePosition {
  int Scope = -1;
  unsigned Var = 0;
  bool operator==(const ScopePosition &O) const {
    return Scope == O.Scope && Var == O.Var;
  }
  bool operator!=(const ScopePosition &O) const { return !(*this == O); }
  bool valid() const { return Scope >= 0; }
};

struct ScopeVar {
  VarDecl *Var;
  /// Whether it has a trivial destructor (its lifetime ends with its
  /// scope, after those of the others).
  bool Trivial;
};

/// A scope's variables are added together, right after it opens: they are
/// ScopeVars[First, First + Count), in declaration order, in one list for
/// all scopes (a list each would be moved whenever the scopes grow).
struct LocalScope {
  unsigned First;
  unsigned Count;
  /// Where the enclosing scopes were when this one began.
  ScopePosition Prev;
};

struct JumpTarget {
  CFGBlock *Block = nullptr;
  ScopePosition Position;
};

/// The type of the temporary a reference's initializer binds, and whether
/// there is one: clang's builder ends the lifetime of a reference that
/// extends a temporary as that of an object of the temporary's type.
QualType referencedTemporaryType(const Expr *Init, bool &FoundTemporary) {
  while (true) {
    Init = Init->IgnoreParens();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Init)) {
      Init = Cleanups->getSubExpr();
      continue;
    }
    if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(Init)) {
      Init = Temporary->getSubExpr();
      FoundTemporary = true;
      continue;
    }
    const Expr *Skipped = Init->skipRValueSubobjectAdjustments();
    if (Skipped != Init) {
      Init = Skipped;
      continue;
    }
    return Init->getType();
  }
}

class GraphBuilder {
public:
  GraphBuilder(ASTContext &Ctx, KeptStmts &Kept,
               const std::vector<CoroutineSuspendExpr *> *HiddenSuspends,
               const KeptFilter *Filter)
      : Ctx(Ctx), Kept(Kept),
        MaybeKept(Filter ? *Filter : OwnFilter.emplace(Kept)),
        Graph(std::make_unique<CFG>()), Vectors(Graph->getBumpVectorContext()),
        HidesAll(HiddenSuspends == nullptr) {
    if (HiddenSuspends) {
      Hidden.reserve(HiddenSuspends->size() + 2);
      Hidden.insert(HiddenSuspends->begin(), HiddenSuspends->end());
    }
  }

  std::unique_ptr<CFG> build(const Decl *D, Stmt *Body) {
    const auto *Function = dyn_cast_or_null<FunctionDecl>(D);
    // A constructor's initializers change which block starts the body;
    // an uninstantiated template's body is not what runs.
    if (!Body || !Function || isa<CXXConstructorDecl>(Function) ||
        Function->isDependentContext())
      return nullptr;
    if (auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
      for (Stmt *S :
           {Coroutine->getInitSuspendStmt(), Coroutine->getFinalSuspendStmt()})
        if (auto *E = dyn_cast_or_null<Expr>(S))
          Hidden.insert(E->IgnoreImplicit());
    // The first block is the exit.
    Succ = Graph->createBlock();
    Block = nullptr;
    // The parameters are the outermost scope: a return or co_return ends
    // them (falling off the end does not).
    int Parameters = -1;
    for (ParmVarDecl *Parameter : Function->parameters())
      // A reference parameter's object lives elsewhere.
      if (!Parameter->getType()->isReferenceType())
        Parameters = addLocalScopeForVarDecl(Parameter, Parameters);
    CFGBlock *First = Visit(Body, /*AlwaysAdd=*/true);
    if (Failed) {
      restoreKept();
      return nullptr;
    }
    if (First)
      Succ = First;
    // The entry is created last, with no predecessor.
    Graph->setEntry(createBlock());
    return std::move(Graph);
  }

private:
  ASTContext &Ctx;
  KeptStmts &Kept;
  /// Kept's filter: the caller's, or one made here.
  std::optional<KeptFilter> OwnFilter;
  const KeptFilter &MaybeKept;
  std::unique_ptr<CFG> Graph;
  BumpVectorContext &Vectors;
  /// The block being filled (its elements are added last first) and the
  /// block control goes to after it.
  CFGBlock *Block = nullptr;
  CFGBlock *Succ = nullptr;
  JumpTarget Continue, Break;
  std::vector<LocalScope> Scopes;
  std::vector<ScopeVar> ScopeVars;
  ScopePosition ScopePos;
  bool Failed = false;
  /// Whether the awaiter calls of every await are hidden, else those of
  /// the awaits in Hidden.
  bool HidesAll;
  llvm::SmallPtrSet<const Stmt *, 32> Hidden;
  /// What clang's builder asks of a called function.
  struct CalleeFacts {
    bool NoReturn = false;
    /// A builtin that does not evaluate its arguments.
    bool Unevaluated = false;
    /// __builtin_assume or __assume: the block ends at it if its argument
    /// is false, and its argument is left out if that has side effects.
    bool Assume = false;
  };
  /// The same functions are called again and again: an await asks of the
  /// same three awaiter methods as the one before it. A few recent ones are
  /// kept where a hash of the pointer says, in front of the map.
  llvm::DenseMap<const FunctionDecl *, CalleeFacts> Callees;
  static constexpr unsigned RecentCallees = 16;
  std::pair<const FunctionDecl *, CalleeFacts> Recent[RecentCallees] = {};

  CalleeFacts calleeFacts(const FunctionDecl *Callee) {
    auto &Slot =
        Recent[(reinterpret_cast<uintptr_t>(Callee) >> 6) % RecentCallees];
    if (Slot.first == Callee)
      return Slot.second;
    auto [It, New] = Callees.try_emplace(Callee);
    if (New) {
      unsigned Builtin = Callee->getBuiltinID();
      // An analyzer_noreturn function ends the block as a noreturn one.
      It->second.NoReturn =
          Callee->isNoReturn() || Callee->isAnalyzerNoReturn();
      It->second.Unevaluated =
          Builtin == Builtin::BI__builtin_object_size ||
          Builtin == Builtin::BI__builtin_dynamic_object_size;
      It->second.Assume = Builtin == Builtin::BI__builtin_assume ||
                          Builtin == Builtin::BI__assume;
    }
    Slot = {Callee, It->second};
    return It->second;
  }

  /// awaiterCallMayEndBlock, with the callee's facts remembered.
  bool mayEndBlock(const Expr *Part) {
    bool IsCall;
    const FunctionDecl *Callee = awaiterCallee(Part, IsCall);
    return !IsCall || !Callee || calleeFacts(Callee).NoReturn;
  }
  /// The entries of Kept written, and what they held before.
  llvm::SmallVector<std::pair<const CFGBlock **, const CFGBlock *>, 16> Written;

  CFGBlock *fail() {
    Failed = true;
    return nullptr;
  }

  void restoreKept() {
    for (auto &[Entry, Old] : llvm::reverse(Written))
      *Entry = Old;
  }

  const CFGBlock **keptEntry(const Stmt *S) {
    if (!MaybeKept.mayHold(S))
      return nullptr;
    auto It = Kept.find(S);
    return It == Kept.end() ? nullptr : &It->second;
  }

  CFGBlock *createBlock(bool AddSuccessor = true) {
    CFGBlock *B = Graph->createBlock();
    if (AddSuccessor && Succ)
      addSuccessor(B, Succ);
    return B;
  }

  void autoCreateBlock() {
    if (!Block)
      Block = createBlock();
  }

  void addSuccessor(CFGBlock *B, CFGBlock *S) {
    B->addSuccessor(CFGBlock::AdjacentBlock(S, /*IsReachable=*/true), Vectors);
  }

  /// Appends \p S to \p B, recording \p B in \p S's kept entry if any.
  void appendStmt(CFGBlock *B, Stmt *S, const CFGBlock **Entry) {
    if (Entry) {
      Written.push_back({Entry, *Entry});
      *Entry = B;
    }
    B->appendStmt(S, Vectors);
  }

  /// Appends \p S to the current block if it is kept or \p AlwaysAdd.
  void addIfKept(Stmt *S, bool AlwaysAdd) {
    const CFGBlock **Entry = keptEntry(S);
    if (!AlwaysAdd && !Entry)
      return;
    autoCreateBlock();
    appendStmt(Block, S, Entry);
  }

  // Local scopes and the ends of lifetimes.

  ScopePosition scopeBegin(int Scope) { return {Scope, Scopes[Scope].Count}; }

  const ScopeVar &scopeVarAt(ScopePosition P) const {
    return ScopeVars[Scopes[P.Scope].First + P.Var - 1];
  }
  VarDecl *varAt(ScopePosition P) const { return scopeVarAt(P).Var; }
  bool trivialAt(ScopePosition P) const { return scopeVarAt(P).Trivial; }

  ScopePosition next(ScopePosition P) const {
    if (!P.valid())
      return P;
    if (--P.Var == 0)
      return Scopes[P.Scope].Prev;
    return P;
  }

  /// Adds \p VD to scope \p Scope, or to a new scope if it is negative;
  /// returns the scope.
  int addLocalScopeForVarDecl(VarDecl *VD, int Scope = -1) {
    if (!hasLocalStorage(VD))
      return Scope;
    // A cleanup function is an element of its own.
    if (VD->hasAttr<CleanupAttr>()) {
      fail();
      return Scope;
    }
    if (Scope < 0) {
      Scopes.push_back(
          LocalScope{static_cast<unsigned>(ScopeVars.size()), 0, ScopePos});
      Scope = static_cast<int>(Scopes.size()) - 1;
    }
    LocalScope &Into = Scopes[Scope];
    assert(Into.First + Into.Count == ScopeVars.size() &&
           "a scope's variables are added before another scope opens");
    ScopeVars.push_back({VD, hasTrivialDestructor(VD)});
    ++Into.Count;
    ScopePos = scopeBegin(Scope);
    return Scope;
  }

  int addLocalScopeForDeclStmt(DeclStmt *DS, int Scope = -1) {
    for (Decl *D : DS->decls())
      if (auto *VD = dyn_cast<VarDecl>(D))
        Scope = addLocalScopeForVarDecl(VD, Scope);
    return Scope;
  }

  /// Stmt::stripLabelLikeStatements, out of line, asked only of a label or
  /// an attributed statement: most statements are neither.
  static Stmt *stripLabels(Stmt *S) {
    return isa<LabelStmt, AttributedStmt>(S) ? S->stripLabelLikeStatements()
                                             : S;
  }

  /// The scope a statement opens: a compound statement's for all its
  /// declarations, another statement's for itself if it declares.
  void addLocalScopeForStmt(Stmt *S) {
    if (auto *Compound = dyn_cast<CompoundStmt>(S)) {
      int Scope = -1;
      for (Stmt *Item : Compound->body())
        if (auto *DS = dyn_cast<DeclStmt>(stripLabels(Item)))
          Scope = addLocalScopeForDeclStmt(DS, Scope);
      return;
    }
    if (auto *DS = dyn_cast<DeclStmt>(stripLabels(S)))
      addLocalScopeForDeclStmt(DS);
  }

  /// A loop's body, in a scope of its own if it is not a compound
  /// statement; \p Empty if it adds no block.
  CFGBlock *visitLoopBody(Stmt *Body, CFGBlock *Empty) {
    if (!isa<CompoundStmt>(Body))
      addLocalScopeAndEnds(Body);
    CFGBlock *First = Visit(Body, /*AlwaysAdd=*/true);
    return First ? First : Empty;
  }

  void addLocalScopeAndEnds(Stmt *S) {
    ScopePosition Begin = ScopePos;
    addLocalScopeForStmt(S);
    addAutomaticObjHandling(ScopePos, Begin, S);
  }

  bool hasTrivialDestructor(const VarDecl *VD) const {
    QualType Type = VD->getType();
    if (Type->isReferenceType()) {
      const Expr *Init = VD->getInit();
      if (!Init)
        return true;
      bool FoundTemporary = false;
      Type = referencedTemporaryType(Init, FoundTemporary);
      if (!FoundTemporary)
        return true;
    }
    // (getAsConstantArrayType is out of line; most types are no array.)
    while (Type->isArrayType()) {
      const ConstantArrayType *Array = Ctx.getAsConstantArrayType(Type);
      if (!Array)
        break;
      if (Array->isZeroSize())
        return true;
      Type = Array->getElementType();
    }
    if (const CXXRecordDecl *Record = Type->getAsCXXRecordDecl())
      return !Record->hasDefinition() || Record->hasTrivialDestructor();
    return true;
  }

  /// The ends of lifetimes of the variables in [B, E) that have a
  /// destructor, the last declared first.
  void addObjectEnds(ScopePosition B, ScopePosition E, Stmt *S) {
    if (B == E)
      return;
    llvm::SmallVector<VarDecl *, 10> Ends;
    for (ScopePosition I = B; I != E; I = next(I))
      if (!trivialAt(I))
        Ends.push_back(varAt(I));
    for (VarDecl *VD : llvm::reverse(Ends)) {
      autoCreateBlock();
      Block->appendLifetimeEnds(VD, S, Vectors);
    }
  }

  /// The ends of lifetimes of the variables in [B, E), one scope left,
  /// that have none: they end with their storage, after those that have.
  void addScopeExit(ScopePosition B, ScopePosition E, Stmt *S) {
    llvm::SmallVector<VarDecl *, 10> Ends;
    for (ScopePosition I = B; I != E; I = next(I))
      if (trivialAt(I))
        Ends.push_back(varAt(I));
    if (Ends.empty())
      return;
    autoCreateBlock();
    for (VarDecl *VD : llvm::reverse(Ends))
      Block->appendLifetimeEnds(VD, S, Vectors);
  }

  /// Leaving the variables in [B, E), which is on B's way out.
  void addAutomaticObjHandling(ScopePosition B, ScopePosition E, Stmt *S) {
    if (B == E)
      return;
    if (B.Scope == E.Scope) {
      addObjectEnds(B, E, S);
      return;
    }
    // Where each scope left begins, innermost first.
    llvm::SmallVector<ScopePosition, 10> Markers{B};
    for (ScopePosition I = B; I != E; I = next(I)) {
      if (!I.valid()) {
        // E is not on the way out of B: clang's builder would not end.
        fail();
        return;
      }
      if (I.Scope != Markers.back().Scope)
        Markers.push_back(I);
    }
    Markers.push_back(E);
    std::reverse(Markers.begin(), Markers.end());
    for (size_t I = 0; I + 1 < Markers.size(); ++I) {
      ScopePosition Outer = Markers[I], Inner = Markers[I + 1];
      if (Inner.Scope != Outer.Scope)
        addScopeExit(Inner, Outer, S);
      addObjectEnds(Inner, Outer, S);
    }
  }

  // The walk.

  CFGBlock *Visit(Stmt *S, bool AlwaysAdd = false) {
    if (!S || Failed)
      return fail();
    if (auto *E = dyn_cast<Expr>(S)) {
      E = ignoreParens(E);
      // A template's pattern, or error recovery.
      if (E->getDependence() != ExprDependence::None)
        return fail();
      S = E;
    }
    switch (S->getStmtClass()) {
    // Statements.
    case Stmt::CompoundStmtClass:
      return VisitCompoundStmt(cast<CompoundStmt>(S));
    case Stmt::DeclStmtClass:
      return VisitDeclStmt(cast<DeclStmt>(S));
    case Stmt::NullStmtClass:
      return Block;
    case Stmt::IfStmtClass:
      return VisitIfStmt(cast<IfStmt>(S));
    case Stmt::ForStmtClass:
      return VisitForStmt(cast<ForStmt>(S));
    case Stmt::WhileStmtClass:
      return VisitWhileStmt(cast<WhileStmt>(S));
    case Stmt::DoStmtClass:
      return VisitDoStmt(cast<DoStmt>(S));
    case Stmt::BreakStmtClass:
      return VisitJump(S, Break);
    case Stmt::ContinueStmtClass:
      return VisitJump(S, Continue);
    case Stmt::ReturnStmtClass:
    case Stmt::CoreturnStmtClass:
      return VisitReturnStmt(S);

    // Expressions clang's builder walks in its own way.
    case Stmt::CallExprClass:
    case Stmt::CXXOperatorCallExprClass:
    case Stmt::CXXMemberCallExprClass:
    case Stmt::UserDefinedLiteralClass:
      return VisitCallExpr(cast<CallExpr>(S));
    case Stmt::CoawaitExprClass:
    case Stmt::CoyieldExprClass:
      return VisitCoroutineSuspendExpr(cast<CoroutineSuspendExpr>(S),
                                       AlwaysAdd);
    case Stmt::BinaryOperatorClass:
      return VisitBinaryOperator(cast<BinaryOperator>(S), AlwaysAdd);
    case Stmt::UnaryOperatorClass:
      addIfKept(S, AlwaysAdd);
      return Visit(cast<UnaryOperator>(S)->getSubExpr());
    case Stmt::ImplicitCastExprClass:
      addIfKept(S, AlwaysAdd);
      return Visit(cast<ImplicitCastExpr>(S)->getSubExpr());
    case Stmt::ConstantExprClass:
      // Never an element itself.
      return Visit(cast<ConstantExpr>(S)->getSubExpr());
    case Stmt::MemberExprClass:
      addIfKept(S, AlwaysAdd);
      return Visit(cast<MemberExpr>(S)->getBase());
    case Stmt::ExprWithCleanupsClass:
      // Without temporary destructors, the full expression is its
      // subexpression, added as it would be.
      return Visit(cast<ExprWithCleanups>(S)->getSubExpr(), AlwaysAdd);
    case Stmt::CXXBindTemporaryExprClass:
      addIfKept(S, AlwaysAdd);
      return Visit(cast<CXXBindTemporaryExpr>(S)->getSubExpr());
    case Stmt::CXXFunctionalCastExprClass:
      addIfKept(S, AlwaysAdd);
      return Visit(cast<CXXFunctionalCastExpr>(S)->getSubExpr());
    case Stmt::CXXConstructExprClass:
    case Stmt::CXXTemporaryObjectExprClass:
      // Always an element, and not recorded in the kept entries (clang's
      // builder appends constructors without looking them up). A
      // constructor that does not return ends its block, as a call does.
      {
        auto *Construct = cast<CXXConstructExpr>(S);
        if (const CXXConstructorDecl *Constructor = Construct->getConstructor();
            Constructor && Constructor->isNoReturn())
          return fail();
        autoCreateBlock();
        Block->appendStmt(S, Vectors);
        return VisitArguments(
            llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs()),
            Block);
      }
    case Stmt::InitListExprClass:
      return VisitInitListExpr(cast<InitListExpr>(S), AlwaysAdd);
    case Stmt::LambdaExprClass:
      return VisitLambdaExpr(cast<LambdaExpr>(S), AlwaysAdd);
    case Stmt::OpaqueValueExprClass:
      // Also what a hidden awaiter call is.
      return Block;
    case Stmt::UnaryExprOrTypeTraitExprClass:
      return VisitUnaryExprOrTypeTraitExpr(cast<UnaryExprOrTypeTraitExpr>(S),
                                           AlwaysAdd);

    // What clang's builder adds and then walks the children of: none, one,
    // any.
    case Stmt::DeclRefExprClass:
    case Stmt::IntegerLiteralClass:
    case Stmt::FloatingLiteralClass:
    case Stmt::CharacterLiteralClass:
    case Stmt::StringLiteralClass:
    case Stmt::CXXBoolLiteralExprClass:
    case Stmt::CXXNullPtrLiteralExprClass:
    case Stmt::CXXThisExprClass:
      addIfKept(S, AlwaysAdd);
      return Block;
    case Stmt::MaterializeTemporaryExprClass: {
      addIfKept(S, AlwaysAdd);
      CFGBlock *B = Block;
      if (CFGBlock *R = Visit(cast<MaterializeTemporaryExpr>(S)->getSubExpr()))
        B = R;
      return B;
    }
    case Stmt::CoroutineBodyStmtClass:
    case Stmt::CXXDefaultArgExprClass:
    case Stmt::CXXDefaultInitExprClass:
    case Stmt::CompoundAssignOperatorClass:
    case Stmt::ArraySubscriptExprClass:
    case Stmt::CStyleCastExprClass:
    case Stmt::CXXStaticCastExprClass:
    case Stmt::CXXConstCastExprClass:
    case Stmt::CXXReinterpretCastExprClass:
    case Stmt::CXXScalarValueInitExprClass:
    case Stmt::ImplicitValueInitExprClass:
    case Stmt::SubstNonTypeTemplateParmExprClass:
    case Stmt::CXXStdInitializerListExprClass:
    case Stmt::CXXRewrittenBinaryOperatorClass:
      addIfKept(S, AlwaysAdd);
      return VisitChildren(S);

    default:
      return fail();
    }
  }

  CFGBlock *VisitChildren(Stmt *S) {
    CFGBlock *B = Block;
    // Last child first, so that they are evaluated in order.
    llvm::SmallVector<Stmt *, 8> Children(S->child_begin(), S->child_end());
    for (Stmt *Child : llvm::reverse(Children))
      if (Child)
        if (CFGBlock *R = Visit(Child))
          B = R;
    return B;
  }

  /// The arguments \p Args, the last first, then \p Callee if any: a
  /// call's or constructor's children as clang's builder walks them.
  CFGBlock *VisitArguments(llvm::ArrayRef<Expr *> Args, CFGBlock *B,
                           Expr *Callee = nullptr) {
    for (Expr *Arg : llvm::reverse(Args))
      if (CFGBlock *R = Visit(Arg))
        B = R;
    if (Callee)
      if (CFGBlock *R = Visit(Callee))
        B = R;
    return B;
  }

  CFGBlock *VisitCompoundStmt(CompoundStmt *C) {
    ScopePosition Begin = ScopePos;
    addLocalScopeForStmt(C);
    // A return at the end ends the lifetimes itself (a co_return does not).
    if (!C->body_empty() && !isa<ReturnStmt>(C->body_back()))
      addAutomaticObjHandling(ScopePos, Begin, C);
    CFGBlock *Last = Block;
    for (Stmt *S : llvm::reverse(C->body())) {
      if (CFGBlock *B = Visit(S, /*AlwaysAdd=*/true))
        Last = B;
      if (Failed)
        return nullptr;
    }
    return Last;
  }

  CFGBlock *VisitDeclStmt(DeclStmt *DS) {
    // Several declarations become synthetic statements, one each.
    if (!DS->isSingleDecl())
      return fail();
    Decl *D = DS->getSingleDecl();
    if (isa<LabelDecl>(D))
      return Block;
    if (const auto *Typedef = dyn_cast<TypedefNameDecl>(D)) {
      // The size expressions of a variable-length array are elements.
      if (Typedef->getUnderlyingType()->isVariablyModifiedType())
        return fail();
      return Block;
    }
    auto *VD = dyn_cast<VarDecl>(D);
    if (!VD)
      return Block;
    if (isa<DecompositionDecl>(VD) || VD->getType()->isVariablyModifiedType())
      return fail();
    autoCreateBlock();
    appendStmt(Block, DS, keptEntry(DS));
    CFGBlock *Last = Block;
    if (Expr *Init = VD->getInit()) {
      if (auto *Cleanups = dyn_cast<ExprWithCleanups>(Init))
        Init = Cleanups->getSubExpr();
      if (CFGBlock *B = Visit(Init))
        Last = B;
    }
    // Above its declaration the variable is not in scope.
    if (ScopePos.valid() && VD == varAt(ScopePos))
      ScopePos = next(ScopePos);
    return Last;
  }

  CFGBlock *VisitIfStmt(IfStmt *I) {
    // Initializers, condition variables, `&&` and `||` conditions and
    // constant evaluation make other shapes.
    if (I->getInit() || I->getConditionVariable() || I->isConsteval() ||
        I->isConstexpr())
      return fail();
    if (const auto *Cond =
            dyn_cast<BinaryOperator>(I->getCond()->IgnoreParens());
        Cond && Cond->isLogicalOp())
      return fail();
    ScopePosition SavedPos = ScopePos;

    if (Block)
      Succ = Block;
    CFGBlock *ElseBlock = Succ;
    if (Stmt *Else = I->getElse()) {
      CFGBlock *SavedSucc = Succ;
      Block = nullptr;
      if (!isa<CompoundStmt>(Else))
        addLocalScopeAndEnds(Else);
      ElseBlock = Visit(Else, /*AlwaysAdd=*/true);
      if (!ElseBlock)
        ElseBlock = SavedSucc;
      Succ = SavedSucc;
    }
    if (Failed)
      return nullptr;

    CFGBlock *ThenBlock;
    {
      Stmt *Then = I->getThen();
      CFGBlock *SavedSucc = Succ;
      Block = nullptr;
      if (!isa<CompoundStmt>(Then))
        addLocalScopeAndEnds(Then);
      ThenBlock = Visit(Then, /*AlwaysAdd=*/true);
      if (Failed)
        return nullptr;
      if (!ThenBlock) {
        // An empty then-branch still gets a block of its own.
        ThenBlock = createBlock(false);
        addSuccessor(ThenBlock, SavedSucc);
      }
      Succ = SavedSucc;
    }

    Block = createBlock(false);
    Block->setTerminator(I);
    addSuccessor(Block, ThenBlock);
    addSuccessor(Block, ElseBlock);
    CFGBlock *Last = Visit(I->getCond(), /*AlwaysAdd=*/true);
    ScopePos = SavedPos;
    return Last;
  }

  CFGBlock *VisitForStmt(ForStmt *F) {
    if (F->getConditionVariable())
      return fail();
    if (const auto *Cond = dyn_cast_or_null<BinaryOperator>(
            F->getCond() ? F->getCond()->IgnoreParens() : nullptr);
        Cond && Cond->isLogicalOp())
      return fail();
    ScopePosition SavedPos = ScopePos;
    if (Stmt *Init = F->getInit())
      addLocalScopeForStmt(Init);
    ScopePosition LoopBeginPos = ScopePos;
    // The init-statement's variables end after the loop.
    addAutomaticObjHandling(ScopePos, SavedPos, F);

    CFGBlock *LoopSuccessor = Block ? Block : Succ;
    JumpTarget SavedBreak = Break;
    Break = {LoopSuccessor, ScopePos};

    CFGBlock *BodyBlock = nullptr, *TransitionBlock = nullptr;
    {
      CFGBlock *SavedBlock = Block, *SavedSucc = Succ;
      JumpTarget SavedContinue = Continue;
      // The loop-back block, which also holds the increment.
      Block = Succ = TransitionBlock = createBlock(false);
      TransitionBlock->setLoopTarget(F);
      if (Stmt *Inc = F->getInc())
        Succ = Visit(Inc, /*AlwaysAdd=*/true);
      if (Failed)
        return nullptr;
      if (Block)
        Block = nullptr;
      Continue = {Succ, LoopBeginPos};
      Continue.Block->setLoopTarget(F);
      BodyBlock = visitLoopBody(F->getBody(), Continue.Block);
      if (Failed)
        return nullptr;
      Block = SavedBlock;
      Succ = SavedSucc;
      Continue = SavedContinue;
    }

    CFGBlock *EntryCondition, *ExitCondition;
    {
      ScopePosition CondPos = ScopePos;
      EntryCondition = ExitCondition = createBlock(false);
      ExitCondition->setTerminator(F);
      if (Expr *C = F->getCond()) {
        Block = ExitCondition;
        EntryCondition = Visit(C, /*AlwaysAdd=*/true);
        if (Failed)
          return nullptr;
        addSuccessor(ExitCondition, BodyBlock);
        addSuccessor(ExitCondition, LoopSuccessor);
      } else {
        // No condition is true: the loop is left only by a jump.
        addSuccessor(ExitCondition, BodyBlock);
        addSuccessor(ExitCondition, nullptr);
      }
      ScopePos = CondPos;
    }
    addSuccessor(TransitionBlock, EntryCondition);
    Succ = EntryCondition;

    CFGBlock *Result;
    if (Stmt *Init = F->getInit()) {
      ScopePosition Saved = ScopePos;
      ScopePos = LoopBeginPos;
      Block = createBlock();
      Result = Visit(Init, /*AlwaysAdd=*/true);
      ScopePos = Saved;
    } else {
      Block = nullptr;
      Succ = EntryCondition;
      Result = EntryCondition;
    }
    Break = SavedBreak;
    ScopePos = SavedPos;
    return Result;
  }

  CFGBlock *VisitWhileStmt(WhileStmt *W) {
    if (W->getConditionVariable())
      return fail();
    if (const auto *Cond =
            dyn_cast<BinaryOperator>(W->getCond()->IgnoreParens());
        Cond && Cond->isLogicalOp())
      return fail();
    ScopePosition SavedPos = ScopePos;
    ScopePosition LoopBeginPos = ScopePos;
    CFGBlock *LoopSuccessor;
    if (Block) {
      LoopSuccessor = Block;
      Block = nullptr;
    } else {
      LoopSuccessor = Succ;
    }

    CFGBlock *BodyBlock = nullptr, *TransitionBlock = nullptr;
    {
      CFGBlock *SavedBlock = Block, *SavedSucc = Succ;
      JumpTarget SavedContinue = Continue, SavedBreak = Break;
      Succ = TransitionBlock = createBlock(false);
      TransitionBlock->setLoopTarget(W);
      Continue = {Succ, LoopBeginPos};
      Break = {LoopSuccessor, ScopePos};
      BodyBlock = visitLoopBody(W->getBody(), Continue.Block);
      if (Failed)
        return nullptr;
      Block = SavedBlock;
      Succ = SavedSucc;
      Continue = SavedContinue;
      Break = SavedBreak;
    }

    CFGBlock *ExitCondition = createBlock(false);
    ExitCondition->setTerminator(W);
    Block = ExitCondition;
    CFGBlock *EntryCondition = Visit(W->getCond(), /*AlwaysAdd=*/true);
    Block = EntryCondition;
    if (Failed)
      return nullptr;
    addSuccessor(ExitCondition, BodyBlock);
    addSuccessor(ExitCondition, LoopSuccessor);
    addSuccessor(TransitionBlock, EntryCondition);
    Block = nullptr;
    Succ = EntryCondition;
    ScopePos = SavedPos;
    return EntryCondition;
  }

  CFGBlock *VisitDoStmt(DoStmt *D) {
    if (const auto *Cond =
            dyn_cast<BinaryOperator>(D->getCond()->IgnoreParens());
        Cond && Cond->isLogicalOp())
      return fail();
    CFGBlock *LoopSuccessor = Block ? Block : Succ;

    CFGBlock *ExitCondition = createBlock(false);
    CFGBlock *EntryCondition = ExitCondition;
    ExitCondition->setTerminator(D);
    Block = ExitCondition;
    EntryCondition = Visit(D->getCond(), /*AlwaysAdd=*/true);
    if (Failed)
      return nullptr;
    Succ = EntryCondition;

    CFGBlock *BodyBlock = nullptr;
    {
      CFGBlock *SavedBlock = Block, *SavedSucc = Succ;
      JumpTarget SavedContinue = Continue, SavedBreak = Break;
      Continue = {EntryCondition, ScopePos};
      Break = {LoopSuccessor, ScopePos};
      Block = nullptr;
      BodyBlock = visitLoopBody(D->getBody(), EntryCondition);
      if (Failed)
        return nullptr;
      // An empty loop-back block between the body and the condition.
      Block = nullptr;
      Succ = BodyBlock;
      CFGBlock *LoopBack = createBlock();
      LoopBack->setLoopTarget(D);
      addSuccessor(ExitCondition, LoopBack);
      Block = SavedBlock;
      Succ = SavedSucc;
      Continue = SavedContinue;
      Break = SavedBreak;
    }
    addSuccessor(ExitCondition, LoopSuccessor);
    Block = nullptr;
    Succ = BodyBlock;
    return BodyBlock;
  }

  /// A break or continue to \p Target.
  CFGBlock *VisitJump(Stmt *S, const JumpTarget &Target) {
    if (!Target.Block)
      return fail();
    Block = createBlock(false);
    Block->setTerminator(S);
    addAutomaticObjHandling(ScopePos, Target.Position, S);
    addSuccessor(Block, Target.Block);
    return Block;
  }

  CFGBlock *VisitReturnStmt(Stmt *S) {
    Block = createBlock(false);
    // Every variable in scope ends.
    addAutomaticObjHandling(ScopePos, ScopePosition(), S);
    addSuccessor(Block, &Graph->getExit());
    appendStmt(Block, S, keptEntry(S));
    if (auto *Return = dyn_cast<ReturnStmt>(S)) {
      if (Expr *Value = Return->getRetValue())
        return Visit(Value, /*AlwaysAdd=*/true);
      return Block;
    }
    auto *Coreturn = cast<CoreturnStmt>(S);
    CFGBlock *B = Block;
    if (CFGBlock *R = Visit(Coreturn->getPromiseCall()))
      B = R;
    if (Expr *Operand = Coreturn->getOperand())
      if (Operand->getType()->isVoidType() && !isa<InitListExpr>(Operand))
        if (CFGBlock *R = Visit(Operand))
          B = R;
    return B;
  }

  CFGBlock *VisitCallExpr(CallExpr *C) {
    // A call that does not return ends its block, with the exit as the
    // only successor.
    if (const FunctionDecl *Callee = directCallee(C)) {
      // The callee's own noreturn (FunctionDecl::isNoReturn) includes its
      // type's, which is the type clang's builder reads from the callee
      // expression: the facts, remembered per callee, answer for both.
      CalleeFacts Facts = calleeFacts(Callee);
      // An assumption is given up on whole: clang's builder ends the block
      // at a false one and leaves out the argument of one with side
      // effects.
      if (Facts.NoReturn || Facts.Unevaluated || Facts.Assume)
        return fail();
    } else {
      QualType CalleeType = C->getCallee()->getType();
      if (CalleeType == Ctx.BoundMemberTy) {
        QualType Bound = Expr::findBoundMemberType(C->getCallee());
        if (!Bound.isNull())
          CalleeType = Bound;
      }
      if (getFunctionExtInfo(*CalleeType).getNoReturn())
        return fail();
    }
    autoCreateBlock();
    appendStmt(Block, C, keptEntry(C));
    // Its children are the callee and the arguments (the calls supported
    // have no pre-arguments).
    return VisitArguments(llvm::ArrayRef(C->getArgs(), C->getNumArgs()), Block,
                          C->getCallee());
  }

  CFGBlock *VisitCoroutineSuspendExpr(CoroutineSuspendExpr *E, bool AlwaysAdd) {
    addIfKept(E, AlwaysAdd);
    // The awaiter calls are hidden as HiddenAwaiterCalls hides them: each
    // is then the await's opaque value, which adds nothing. One it would
    // not hide clang's builder walks; so does not this one.
    OpaqueValueExpr *Opaque = E->getOpaqueValue();
    if (!Opaque || (!HidesAll && !Hidden.contains(E)))
      return fail();
    CFGBlock *B = Block;
    for (Expr *Part :
         {E->getResumeExpr(), E->getSuspendExpr(), E->getReadyExpr()}) {
      // (The accessors read the slots HiddenAwaiterCalls fills.)
      if (!Part || Part == Opaque || Part == E->getCommonExpr() ||
          Part == E->getOperand() || mayEndBlock(Part))
        return fail();
      if (Block)
        B = Block;
    }
    if (CFGBlock *R = Visit(E->getCommonExpr()))
      B = R;
    return B;
  }

  CFGBlock *VisitBinaryOperator(BinaryOperator *B, bool AlwaysAdd) {
    if (B->isLogicalOp())
      return fail();
    if (B->getOpcode() == BO_Comma) {
      autoCreateBlock();
      appendStmt(Block, B, keptEntry(B));
      Visit(B->getRHS(), /*AlwaysAdd=*/true);
      return Visit(B->getLHS(), /*AlwaysAdd=*/true);
    }
    addIfKept(B, AlwaysAdd);
    if (B->isAssignmentOp()) {
      // The left side is added first: it is evaluated after the right.
      Visit(B->getLHS());
      return Visit(B->getRHS());
    }
    CFGBlock *RBlock = Visit(B->getRHS());
    CFGBlock *LBlock = Visit(B->getLHS());
    return LBlock ? LBlock : RBlock;
  }

  CFGBlock *VisitLambdaExpr(LambdaExpr *E, bool AlwaysAdd) {
    addIfKept(E, AlwaysAdd);
    // The body is a function of its own; the captures' initializers are
    // walked first to last, as clang's builder walks them.
    CFGBlock *Last = Block;
    for (Expr *Init : E->capture_inits())
      if (Init)
        if (CFGBlock *R = Visit(Init))
          Last = R;
    return Last;
  }

  CFGBlock *VisitInitListExpr(InitListExpr *ILE, bool AlwaysAdd) {
    addIfKept(ILE, AlwaysAdd);
    CFGBlock *B = Block;
    for (Expr *Init : llvm::reverse(ILE->inits()))
      if (Init)
        if (CFGBlock *R = Visit(Init))
          B = R;
    return B;
  }

  CFGBlock *VisitUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *E,
                                          bool AlwaysAdd) {
    addIfKept(E, AlwaysAdd);
    // The operand is not evaluated; a variable-length array's size is.
    if (E->getKind() == UETT_SizeOf && E->isArgumentType() &&
        E->getArgumentType()->isVariablyModifiedType())
      return fail();
    return Block;
  }
};

} // namespace

std::unique_ptr<CFG>
buildSupportedGraph(const Decl *D, Stmt *Body, ASTContext &Ctx, KeptStmts &Kept,
                    const std::vector<CoroutineSuspendExpr *> *HiddenSuspends,
                    const KeptFilter *Filter) {
  // The shapes followed are those of clang 22.1's builder; upstream's
  // already differ (the ends of parameters' lifetimes, cleanups). Another
  // clang gets its own builder until GraphBuilderTest passes with it.
#if CLANG_VERSION_MAJOR != 22 || CLANG_VERSION_MINOR != 1
  return nullptr;
#endif
  return GraphBuilder(Ctx, Kept, HiddenSuspends, Filter).build(D, Body);
}

} // namespace acm
