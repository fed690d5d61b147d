//===- BodyContexts.cpp ---------------------------------------------------===//

#include "Analysis/Exit/BodyContexts.h"
#include "Analysis/Exit/EffectCollector.h"
#include "Analysis/Exit/ObjectFinder.h"
#include "Analysis/Exit/Ownership.h"
#include "Analysis/Support/BodyVisitor.h"
#include "Analysis/Support/BranchFacts.h"
#include "Analysis/Support/ConstantConditions.h"
#include "Analysis/Support/ExprUnwrap.h"
#include "Analysis/Support/LocalVars.h"
#include "Analysis/Support/SizeHints.h"
#include "Model/ProtocolModel.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include <algorithm>
#include <array>
#include <cassert>
#include <optional>
#include <tuple>

using namespace clang;

namespace acm {

namespace {

/// How a claim on a reference's role combines with the claims made by the
/// expressions around it.
enum class ClaimStrength {
  /// Decides the role, whatever the outer expressions said.
  Decides,
  /// Decides it unless an outer expression made it an op's object.
  UnlessOpObject,
  /// Decides it only if no outer expression claimed it.
  IfUnclaimed,
};

struct Claim {
  /// How deep the claiming expression is; outer ones are shallower.
  int Depth;
  /// The order of claims one expression makes.
  unsigned Sequence;
  RefRole Role;
  ClaimStrength Strength;
};

/// What VisitStmt does with a statement, by its class: the scans and the
/// collector each sort the classes, and one read of this table per node
/// replaces a test of each.
enum NodeWork : uint8_t {
  /// Clang's builder may evaluate something here (ConstantConditionScan).
  Evaluates = 1,
  /// A branch, && or || (BranchScan::noteTests).
  Tests = 2,
  /// The branch scan's second step reads it (BranchScan::readsClass),
  /// always or as BranchScan::readsThis says.
  ScanReads = 4,
  ScanReadsThisOne = 8,
  /// The effect collector reads it (collectorReads).
  Collected = 16,
};

using NodeWorkTable = std::array<uint8_t, Stmt::lastStmtConstant + 1>;

/// The work of each class (NodeWork), computed once per process.
const NodeWorkTable &nodeWorkTable() {
  static const NodeWorkTable Table = [] {
    NodeWorkTable Work{};
    for (unsigned C = 0; C < Work.size(); ++C) {
      auto Class = static_cast<Stmt::StmtClass>(C);
      uint8_t &W = Work[C];
      if (ConstantConditionScan::mayEvaluate(Class))
        W |= Evaluates;
      if (BranchScan::mayTest(Class))
        W |= Tests;
      switch (BranchScan::readsClass(Class)) {
      case BranchScan::Reads::Never:
        break;
      case BranchScan::Reads::Always:
        W |= ScanReads;
        break;
      case BranchScan::Reads::ThisOne:
        W |= ScanReadsThisOne;
        break;
      }
      if (collectorReads(Class))
        W |= Collected;
    }
    return Work;
  }();
  return Table;
}

class Classifier : public BodyVisitor<Classifier> {
  using Base = BodyVisitor<Classifier>;

public:
  Classifier(const FunctionDecl &Function, const Stmt *Body,
             const ProtocolModel &Model, const MemberContext *Members,
             OwnershipRules &Rules, FoundObjects &Found, BodyContexts &Out,
             BranchScan *Branches)
      : Found(Found), Objects(Found.Objects),
        Scan(Function, Model, Members, Found), Model(Model), Rules(Rules),
        Out(Out), Branches(Branches),
        Expected(expectedEntries(Body,
                                 Function.getASTContext().getSourceManager())) {
    // A class with no member to follow is not analysed (ClassAnalysis.cpp).
    assert(!Members || Objects.hasMembers());
    setIntoLambdasCapturingThis(Members != nullptr);
    // The lists the walk appends to, sized once (SizeHints.h). Code that
    // acts on a tracked object in every statement records a node for the
    // collector every 13 characters and one for the branch scan every 8,
    // awaits every 64 and declares an object every 200; the tests' bodies
    // hold fewer.
    Out.Visited.reserve(5 * Expected);
    if (Branches)
      Out.ScanNodes.reserve(8 * Expected);
    Out.AwaitedSpans.reserve(Expected);
    Out.AwaitedItems.reserve(Expected);
    Found.Objects.reserve(Expected / 2);
  }

  // The statements the effect collector reads are recorded for it
  // (Visited). The scans read the function's own code, not its lambdas'
  // bodies.
  bool VisitStmt(Stmt *S) {
    uint8_t Work = WorkOf[S->getStmtClass()];
    if (!inLambdaBody()) {
      if (Work & Evaluates)
        Conditions.visitEvaluating(S);
      if (Branches) {
        if (Work & Tests)
          Branches->noteTestsAt(S);
        if ((Work & ScanReads) ||
            ((Work & ScanReadsThisOne) && BranchScan::readsThis(S)))
          recordForScan(S, ScanNode::Statement);
      }
    }
    if (Work & Collected) {
      // A name is read only for the object it names: the objects a name can
      // name are known by the time the walk reaches it (parameters and
      // members from the start, locals at their declarations).
      int32_t Named = -1;
      if (auto *Ref = dyn_cast<DeclRefExpr>(S)) {
        std::optional<unsigned> Obj = Objects.indexOf(Ref);
        if (!Obj)
          return true;
        Named = int32_t(*Obj);
      }
      Out.Visited.push_back({S, inHandler(), inStaticInit(), inLambdaBody(), 0,
                             OpKind::None, Named});
    }
    return true;
  }
  void skippedUnevaluated(Expr *E) {
    if (!inLambdaBody())
      Conditions.visitUnevaluated(E);
  }

  // The objects are found as the walk goes (ObjectFinder.h); a compile
  // error stops it.
  bool VisitExpr(Expr *E) { return Scan.visitExpr(E); }
  bool VisitDecl(Decl *D) { return Scan.visitDecl(D); }

  /// Decides every reference's role from its claims, innermost last.
  void resolve() {
    llvm::SmallVector<Claim, 4> RefClaims;
    for (auto &[Ref, Claimed] : Out.Roles) {
      RefClaims.clear();
      for (uint32_t At = Claimed.FirstClaim; At != NoClaim;
           At = ClaimList[At].Next)
        RefClaims.push_back(ClaimList[At].What);
      // Most references have one claim; libstdc++'s stable_sort would
      // still ask for a buffer to sort one. The list is in the order the
      // claims were made, which breaks ties.
      if (RefClaims.size() > 1)
        llvm::stable_sort(RefClaims, [](const Claim &A, const Claim &B) {
          return std::tie(A.Depth, A.Sequence) <
                 std::tie(B.Depth, B.Sequence);
        });
      std::optional<RefRole> Role;
      for (const Claim &C : RefClaims) {
        switch (C.Strength) {
        case ClaimStrength::Decides:
          Role = C.Role;
          break;
        case ClaimStrength::UnlessOpObject:
          if (Role != RefRole::OpObject)
            Role = C.Role;
          break;
        case ClaimStrength::IfUnclaimed:
          if (!Role)
            Role = C.Role;
          break;
        }
      }
      if (Role)
        Claimed.Role = *Role;
    }
  }

  bool VisitVarDecl(VarDecl *V) {
    if (Branches && !inLambdaBody())
      recordForScan(V, ScanNode::Variable);
    const Expr *RawInit = V->getInit();
    Scan.visitVarDecl(V, RawInit);
    // What an awaitable local holds, before the walk enters its
    // initializer.
    for (; StoredSeen < Found.StoredCalls.size(); ++StoredSeen)
      contextOf(Found.StoredCalls[StoredSeen]).Stored = true;
    // The initializer of an awaitable local is outside any expression.
    for (; HeldSeen < Found.HeldLocalRefs.size(); ++HeldSeen)
      claimAt(-1, Found.HeldLocalRefs[HeldSeen], RefRole::OpObject,
              ClaimStrength::Decides);
    const Expr *Init = stripWrappers(RawInit);
    if (!Init)
      return true;
    const auto *InitCall = dyn_cast<CXXMemberCallExpr>(Init);
    if (InitCall && isLocalVarDecl(V) && hasLocalStorage(V))
      contextOf(InitCall).LocalInit = true;
    // Binding a reference to a tracked object makes an alias we do not
    // follow; treat the object as handed off. Range-for's hidden reference
    // only iterates.
    if (V->getType()->isReferenceType() && !V->isImplicit())
      claim(Init, RefRole::Release);
    if (!Objects.indexOf(V) || !InitCall ||
        Model.classifyCall(InitCall) != OpKind::StackPopAll)
      return true;
    if (std::optional<unsigned> From =
            Objects.indexOf(calledObject(InitCall))) {
      Out.PopAllFrom[V] = *From;
      contextOf(InitCall).PopAllIntoLocal = true;
    }
    return true;
  }

  bool VisitCoawaitExpr(CoawaitExpr *E) {
    if (E->isImplicit())
      return true;
    const Expr *Operand = stripWrappers(E->getOperand());
    const auto *OperandCall = dyn_cast<CXXMemberCallExpr>(Operand);
    if (!OperandCall)
      Out.AwaitedOperands.insert(Operand);
    // The await was recorded last: its Visit methods run after VisitStmt.
    assert(!Out.Visited.empty() && Out.Visited.back().Node == E);
    uint32_t Begin = Out.AwaitedItems.size();
    collectAwaitedItems(E->getOperand(), Objects, Model, Out.AwaitedItems);
    uint32_t End = Out.AwaitedItems.size();
    Out.AwaitedSpans.push_back({Begin, End});
    Out.Visited.back().AwaitedSpan = Out.AwaitedSpans.size();
    // The operand is most often the one op awaited: one entry for both.
    bool OperandMarked = false;
    for (const AwaitedItem &Item :
         llvm::ArrayRef(Out.AwaitedItems).slice(Begin, End - Begin)) {
      if (Item.Call) {
        CallContext &Context = contextOf(Item.Call);
        Context.Awaited = true;
        if (Item.Call == OperandCall) {
          Context.AwaitOperand = true;
          OperandMarked = true;
          // The walk reaches the call next: what it is was just asked.
          KnownOperand = Item;
        }
      } else {
        // Awaiting it is what the local is for, not a use of it.
        claim(Item.Ref, RefRole::OpObject);
      }
    }
    if (OperandCall && !OperandMarked)
      contextOf(OperandCall).AwaitOperand = true;
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    claimArguments(Call);
    if (auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      // The call was recorded last: its Visit methods run after VisitStmt.
      VisitedNode &Node = Out.Visited.back();
      assert(Node.Node == Call);
      const Expr *Object = calledObject(Member);
      std::optional<unsigned> Obj;
      if (Member == KnownOperand.Call) {
        Node.Op = KnownOperand.Op;
        if (KnownOperand.Object >= 0)
          Obj = unsigned(KnownOperand.Object);
      } else {
        Node.Op = Model.classifyCall(Member);
        Obj = Objects.indexOf(Object);
      }
      Node.Object = Obj ? int32_t(*Obj) : -1;
      claimObject(Member, Object, Obj, Node.Op);
    }
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    // Copying or moving an object, or handing it to a constructor, passes
    // it on; a copy also reads it.
    bool Copy = E->getConstructor() && E->getConstructor()->isCopyConstructor();
    for (Expr *Arg : E->arguments())
      claim(Arg, Copy ? RefRole::CopyOut : RefRole::Release);
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_AddrOf)
      claim(U->getSubExpr(), RefRole::Release);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() == BO_Comma) {
      markDiscarded(B->getLHS());
    } else if (B->getOpcode() == BO_Assign) {
      claimReassign(B->getLHS(), B);
      claim(B->getRHS(), RefRole::Release);
    }
    return true;
  }

  bool VisitExplicitCastExpr(ExplicitCastExpr *E) {
    if (E->getType()->isVoidType())
      markDiscarded(E->getSubExpr());
    return true;
  }

  bool VisitReturnStmt(ReturnStmt *S) {
    if (S->getRetValue())
      claim(S->getRetValue(), RefRole::Release);
    return true;
  }

  bool VisitCoreturnStmt(CoreturnStmt *S) {
    if (S->getOperand())
      claim(S->getOperand(), RefRole::Release);
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *L) {
    // Captured by reference, the object may be exited by the lambda or live
    // on in it; captured by copy, the lambda owns a copy. Either way it is
    // no longer only this body's to exit.
    for (Expr *Init : L->capture_inits())
      if (Init)
        claim(Init, RefRole::Release);
    return true;
  }

  // Statement positions: an expression there has its value discarded.
  bool VisitCompoundStmt(CompoundStmt *S) {
    for (Stmt *Child : S->body())
      markDiscarded(Child);
    return true;
  }
  bool VisitIfStmt(IfStmt *S) {
    markDiscarded(S->getInit());
    markDiscarded(S->getThen());
    markDiscarded(S->getElse());
    return true;
  }
  bool VisitForStmt(ForStmt *S) {
    markDiscarded(S->getInit());
    markDiscarded(S->getInc());
    markDiscarded(S->getBody());
    return true;
  }
  bool VisitWhileStmt(WhileStmt *S) {
    markDiscarded(S->getBody());
    return true;
  }
  bool VisitDoStmt(DoStmt *S) {
    markDiscarded(S->getBody());
    return true;
  }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) {
    markDiscarded(S->getInit());
    markDiscarded(S->getBody());
    return true;
  }
  bool VisitSwitchCase(SwitchCase *S) {
    markDiscarded(S->getSubStmt());
    return true;
  }
  bool VisitLabelStmt(LabelStmt *S) {
    markDiscarded(S->getSubStmt());
    return true;
  }
  bool VisitAttributedStmt(AttributedStmt *S) {
    markDiscarded(S->getSubStmt());
    return true;
  }

  bool mayHaveKnownCondition() const {
    return Conditions.mayHaveKnownCondition();
  }

private:
  /// The context of \p Call, made on first asking. The maps the walk
  /// fills are sized from the body at their first entry: a body with
  /// nothing to track leaves them empty.
  CallContext &contextOf(const CXXMemberCallExpr *Call) {
    if (Out.Calls.empty())
      Out.Calls.reserve(Expected);
    return Out.Calls[Call];
  }

  void recordForScan(void *Node, ScanNode::Kind What) {
    Out.ScanNodes.push_back({{Node, What | (inHandler() ? 2u : 0u)}});
  }

  /// The arguments of a call: what the parameter they are passed to does
  /// with them.
  void claimArguments(CallExpr *Call) {
    const FunctionDecl *Callee = directCallee(Call);
    // A call through a function object (a lambda, folly's co_scope_exit)
    // passes its arguments as a function call does; its first argument is
    // the function object itself.
    unsigned First = 0;
    if (auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      // Assignment gives the left side a new value and copies or moves the
      // right side into it; other operators only use their operands.
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
        claimReassign(Op->getArg(0), Op);
        claim(Op->getArg(1), RefRole::CopyOut);
      }
      if (Op->getOperator() != OO_Call ||
          !isa_and_nonnull<CXXMethodDecl>(Callee))
        return;
      First = 1;
    }
    bool MoveLike = isMoveLike(Callee);
    for (unsigned I = First, N = Call->getNumArgs(); I < N; ++I) {
      const Expr *Arg = stripWrappers(Call->getArg(I));
      if (!Objects.indexOf(Arg))
        continue;
      unsigned Param = I - First;
      // The enter is what the call does to the object, not a use of it.
      if (Model.entersArgument(Callee, Param) != ArgumentEnter::None) {
        claim(Arg, RefRole::OpObject);
        continue;
      }
      if (MoveLike || !Callee) {
        // std::move(r).cleanup() calls r's own op; the op decides.
        claim(Arg, RefRole::Release, ClaimStrength::UnlessOpObject);
        continue;
      }
      if (Model.takesExit(Callee, Param)) {
        claim(Arg, RefRole::Release);
        continue;
      }
      QualType ParamType = Param < Callee->getNumParams()
                               ? Callee->getParamDecl(Param)->getType()
                               : QualType();
      // An lvalue reference parameter borrows the object; the caller keeps
      // the duty to exit it, unless the callee is seen to take it over.
      // Anything else takes it over.
      if (!ParamType.isNull() && ParamType->isLValueReferenceType() &&
          !Rules.takesOverParameter(Callee, Param))
        claim(Arg, RefRole::Use);
      else
        claim(Arg, RefRole::Release);
    }
  }

  /// The object of a member call: an op decides what happens to it; an
  /// ordinary method uses it, unless its visible definition exits it.
  void claimObject(CXXMemberCallExpr *Call, const Expr *Object,
                   std::optional<unsigned> Held, OpKind Op) {
    // A member's std::optional or std::unique_ptr asked or reset: reset()
    // ends the object held, anything else asks about it.
    if (const CXXMethodDecl *Method = calledMethod(Call);
        Method && Held && Objects[*Held].Holder != MemberHolder::Direct &&
        Objects.referenceOf(Object) == stripWrappers(Object)) {
      StringRef Name = Method->getIdentifier() ? Method->getName() : "";
      // emplace() and reset() end the object held; release() and swap()
      // hand it elsewhere.
      if (Name == "emplace" || Name == "reset")
        claim(Object, RefRole::Reassign);
      else if (Name == "release" || Name == "swap")
        claim(Object, RefRole::Release);
      else
        claim(Object, RefRole::OpObject);
      return;
    }
    // A tracked object named plainly is its own reference.
    const Expr *Ref = !Held                      ? nullptr
                      : isa<DeclRefExpr>(Object) ? Object
                                                 : Objects.referenceOf(Object);
    if (Op == OpKind::None) {
      if (Ref)
        claimRef(int(nesting()), Ref,
                 Rules.methodTakesOver(calledMethod(Call)) ? RefRole::Release
                                                           : RefRole::Use,
                 ClaimStrength::IfUnclaimed);
      return;
    }
    if (Ref)
      claimRef(int(nesting()), Ref, RefRole::OpObject, ClaimStrength::Decides);
    // The stack takes over the exits of the objects handed to it.
    if (Op == OpKind::StackPush || Op == OpKind::StackEnterContext)
      for (Expr *Arg : Call->arguments())
        claim(Arg, RefRole::Release);
  }

  void claim(const Expr *E, RefRole Role,
             ClaimStrength Strength = ClaimStrength::Decides) {
    claimAt(int(nesting()), E, Role, Strength);
  }
  /// \p E is given a new value by \p Assignment, which runs after its
  /// right-hand side (C++17 [expr.ass]): a hand-off there comes first.
  void claimReassign(const Expr *E, const Expr *Assignment) {
    claim(E, RefRole::Reassign);
    if (const Expr *Ref = Objects.referenceOf(E))
      Out.Assignments[Ref] = Assignment;
  }
  void claimAt(int At, const Expr *E, RefRole Role, ClaimStrength Strength) {
    if (const Expr *Ref = Objects.referenceOf(E))
      claimRef(At, Ref, Role, Strength);
  }
  /// claimAt, for \p Ref, a reference to a tracked object (referenceOf).
  void claimRef(int At, const Expr *Ref, RefRole Role, ClaimStrength Strength) {
    if (Out.Roles.empty())
      Out.Roles.reserve(Expected);
    uint32_t Index = ClaimList.size();
    ClaimList.push_back({{At, NextSequence++, Role, Strength}, NoClaim});
    auto [It, New] =
        Out.Roles.try_emplace(Ref, BodyContexts::ClaimedRef{Index, Index});
    if (!New) {
      ClaimList[It->second.LastClaim].Next = Index;
      It->second.LastClaim = Index;
    }
  }

  /// Marks the calls whose value \p S discards. \p FixCertain is false
  /// inside the arms of a conditional operator: "co_await " before one arm
  /// changes that arm's type, and the result may not compile.
  void markDiscarded(Stmt *S, bool FixCertain = true) {
    auto *E = dyn_cast_or_null<Expr>(S);
    if (!E)
      return;
    E = stripDiscard(E);
    if (auto *Cond = dyn_cast<ConditionalOperator>(E)) {
      markDiscarded(Cond->getTrueExpr(), /*FixCertain=*/false);
      markDiscarded(Cond->getFalseExpr(), /*FixCertain=*/false);
      return;
    }
    if (auto *Comma = dyn_cast<BinaryOperator>(E);
        Comma && Comma->isCommaOp()) {
      // The left side is discarded wherever the comma stands (see
      // VisitBinaryOperator); the right side only if the whole is.
      markDiscarded(Comma->getRHS(), FixCertain);
      return;
    }
    if (auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      CallContext &Context = contextOf(Call);
      Context.Discarded = true;
      Context.FixUncertain |= !FixCertain;
    }
  }

  FoundObjects &Found;
  const ObjectTable &Objects;
  ObjectScan Scan;
  size_t StoredSeen = 0;
  size_t HeldSeen = 0;
  const ProtocolModel &Model;
  OwnershipRules &Rules;
  BodyContexts &Out;
  BranchScan *Branches;
  /// About how many calls and references the body holds (SizeHints.h).
  unsigned Expected;
  /// Read for every node: a static's guard is not.
  const NodeWorkTable &WorkOf = nodeWorkTable();
  /// The op call the last await visited awaits, as collectAwaitedItems
  /// found it: its op and object are not asked again when the walk
  /// reaches it.
  AwaitedItem KnownOperand;
  ConstantConditionScan Conditions;
  unsigned NextSequence = 0;
  /// The claims on each reference, linked in the order they were made:
  /// most references have one, and a vector each would cost more than the
  /// claim.
  struct ClaimLink {
    Claim What;
    uint32_t Next;
  };
  static constexpr uint32_t NoClaim = ~0u;
  std::vector<ClaimLink> ClaimList;
};

} // namespace

void BodyContexts::feedScan(BranchScan &Scan) const {
  for (ScanNode Node : ScanNodes) {
    void *At = Node.NodeKindAndHandler.getPointer();
    unsigned Bits = Node.NodeKindAndHandler.getInt();
    bool InHandler = Bits & 2;
    if ((Bits & 1) == ScanNode::Variable)
      Scan.visitVarDecl(static_cast<const VarDecl *>(At), InHandler);
    else
      Scan.visitStmt(static_cast<const Stmt *>(At), InHandler);
  }
}

bool BodyContexts::isAwaitOperand(const Expr *E) const {
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    return callContext(Call).AwaitOperand;
  return AwaitedOperands.contains(E);
}

BodyContexts classifyBody(const FunctionDecl &Function, const Stmt *Body,
                          const ProtocolModel &Model, OwnershipRules &Rules,
                          const MemberContext *Members, FoundObjects &Found,
                          BranchScan *Branches) {
  BodyContexts Out;
  Classifier C(Function, Body, Model, Members, Rules, Found, Out, Branches);
  C.TraverseStmt(const_cast<Stmt *>(Body));
  Found.NestsTooDeep = C.nestedTooDeep();
  if (!Found.stopped())
    C.resolve();
  Out.MayHaveKnownCondition = C.mayHaveKnownCondition();
  return Out;
}

} // namespace acm
