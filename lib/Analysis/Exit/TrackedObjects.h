//===- TrackedObjects.h - The protocol objects a coroutine body owns ------===//
//
// The exit analysis follows the objects a coroutine body owns: locals and
// by-value parameters of manager, closeable or exit-stack type, locals
// holding the awaitable of an op (auto aw = r.aexit();), and variables
// bound to the resource an enter returned (auto &c = co_await r.aenter();).
// Analysing a class's owner exit, it also follows the class's members,
// reached through "this" (and through std::optional or std::unique_ptr).
// ObjectTable numbers them; everything else refers to them by that number.
//
// Exit room: the exit protocol's analysis; clang's AST, the model, and
// Support.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_TRACKEDOBJECTS_H
#define ACM_ANALYSIS_EXIT_TRACKEDOBJECTS_H

#include "Model/ProtocolModel.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class CXXMemberCallExpr;
class CXXMethodDecl;
class Expr;
class ValueDecl;
class VarDecl;
} // namespace clang

namespace acm {

struct TrackedObject {
  /// The variable, or the field of a member.
  const clang::ValueDecl *Decl = nullptr;
  ObjectKind Kind = ObjectKind::None;
  bool IsParam = false;
  /// A member of the class whose owner exit is analysed: alive from the
  /// method's start, and due at its end, like a parameter.
  bool IsMember = false;
  MemberHolder Holder = MemberHolder::Direct;
  /// For a member that owes its exit: whether it does from the start of
  /// the owner exit, and, when another method enters it, where and which.
  bool Owes = false;
  clang::SourceLocation EnteredAt;
  const clang::CXXMethodDecl *EnteredIn = nullptr;
  /// A local holding the awaitable of an op call (auto aw = r.aexit();).
  bool IsAwaitable = false;
  /// May be entered only once (a generator-based manager).
  bool SingleUse = false;
  /// A default-constructed placeholder of a default-empty type: not entered
  /// until a value is assigned to it.
  bool EmptyAtBirth = false;
  /// Awaiting its exit again is harmless (a profile's idempotent-exit).
  bool IdempotentExit = false;
  /// What its exit is called, for the wording of findings.
  ExitName Exit = ExitName::Exit;
  /// For a variable bound to what an enter returned (a resource): the
  /// object whose exit ends the resource's life; -1 for other objects.
  int Owner = -1;

  bool isResource() const { return Owner >= 0; }
  /// Dies where the function ends, on every path.
  bool diesAtExit() const { return IsParam || IsMember; }
  /// The variable, or null for a member.
  const clang::VarDecl *var() const;
  std::string name() const;
};

/// What awaiting an awaitable local does, per op it holds.
struct HeldOp {
  int Object; // -1 when the op's object is not tracked
  OpKind Op;
  const clang::CXXMemberCallExpr *Call;
  /// Held in one arm of a conditional: awaiting the local may or may not
  /// run it.
  bool Conditional = false;
};

class ObjectTable {
public:
  unsigned size() const { return Objects.size(); }
  bool empty() const { return Objects.empty(); }
  const TrackedObject &operator[](unsigned Obj) const { return Objects[Obj]; }

  /// The number of the object \p D (a variable or a member's field) is, if
  /// it is tracked.
  std::optional<unsigned> indexOf(const clang::ValueDecl *D) const {
    auto It = Index.find(D);
    if (It == Index.end())
      return std::nullopt;
    return It->second;
  }
  /// The number of the object \p E names, if it is a reference to one.
  std::optional<unsigned> indexOf(const clang::Expr *E) const {
    // Most references are plain names, which wrap nothing: every pass asks
    // of each, and the answer is read here at once.
    if (const auto *Ref = llvm::dyn_cast_or_null<clang::DeclRefExpr>(E)) {
      const auto *V = llvm::dyn_cast<clang::VarDecl>(Ref->getDecl());
      return V ? indexOf(V) : std::nullopt;
    }
    return indexOfWrapped(E);
  }
  /// The reference to a tracked object \p E is, as the AST has it: \p E
  /// itself for a variable (a DeclRefExpr) or a member (this->m, a
  /// MemberExpr); for a member held through std::optional or
  /// std::unique_ptr, also "m->...", "*m" and "m.value()", whose reference is
  /// the MemberExpr of m. Null if \p E names no tracked object.
  const clang::Expr *referenceOf(const clang::Expr *E) const;
  /// True if members are tracked (an owner exit is analysed).
  bool hasMembers() const { return HasMembers; }

  /// The ops awaitable local \p Obj holds.
  llvm::ArrayRef<HeldOp> heldOps(unsigned Obj) const;
  /// True if awaitable local \p Obj was folded into another one, which then
  /// owes its exits.
  bool isHeldByOuter(unsigned Obj) const { return HeldByOuter.count(Obj); }
  /// The resources bound from the enters of \p Owner.
  llvm::ArrayRef<unsigned> resourcesOf(unsigned Owner) const;

  /// Adds \p V (once) and returns its number.
  unsigned add(TrackedObject Object);
  /// Makes room for \p Count objects in all, rather than growing the
  /// table step by step.
  void reserve(unsigned Count) {
    Objects.reserve(Count);
    Index.reserve(Count);
  }
  void addHeldOp(unsigned Obj, HeldOp Op) { HeldOps[Obj].push_back(Op); }
  void setHeldByOuter(unsigned Obj) { HeldByOuter.insert(Obj); }
  /// Says what member \p Obj owes at the start of an owner exit.
  void setObligation(unsigned Obj, bool Owes, clang::SourceLocation EnteredAt,
                     const clang::CXXMethodDecl *EnteredIn) {
    Objects[Obj].Owes = Owes;
    Objects[Obj].EnteredAt = EnteredAt;
    Objects[Obj].EnteredIn = EnteredIn;
  }
  void addResource(unsigned Owner, unsigned Resource) {
    ResourcesOf[Owner].push_back(Resource);
  }

private:
  std::vector<TrackedObject> Objects;
  llvm::DenseMap<const clang::ValueDecl *, unsigned> Index;
  /// indexOf for what is not a plain name.
  std::optional<unsigned> indexOfWrapped(const clang::Expr *E) const;
  bool HasMembers = false;
  llvm::DenseMap<unsigned, llvm::SmallVector<HeldOp, 2>> HeldOps;
  llvm::DenseMap<unsigned, llvm::SmallVector<unsigned, 1>> ResourcesOf;
  llvm::DenseSet<unsigned> HeldByOuter;
};

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_TRACKEDOBJECTS_H
