//===- TrackedObjects.h - The protocol objects a coroutine body owns ------===//
//
// The exit analysis follows the objects a coroutine body owns: locals and
// by-value parameters of manager, closeable or exit-stack type, locals
// holding the awaitable of an op (auto aw = r.aexit();), and variables
// bound to the resource an enter returned (auto &c = co_await r.aenter();).
// ObjectTable numbers them; everything else refers to them by that number.
//
// Exit room: the exit protocol's analysis; clang's AST, the model, and
// Support.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_TRACKEDOBJECTS_H
#define ACM_ANALYSIS_EXIT_TRACKEDOBJECTS_H

#include "Model/ProtocolModel.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <vector>

namespace clang {
class CXXMemberCallExpr;
class Expr;
class VarDecl;
} // namespace clang

namespace acm {

struct TrackedObject {
  const clang::VarDecl *Var = nullptr;
  ObjectKind Kind = ObjectKind::None;
  bool IsParam = false;
  /// A local holding the awaitable of an op call (auto aw = r.aexit();).
  bool IsAwaitable = false;
  /// May be entered only once (a generator-based manager).
  bool SingleUse = false;
  /// A default-constructed placeholder of a default-empty type: not entered
  /// until a value is assigned to it.
  bool EmptyAtBirth = false;
  /// Awaiting its exit again is harmless (a profile's idempotent-exit).
  bool IdempotentExit = false;
  /// For a variable bound to what an enter returned (a resource): the
  /// object whose exit ends the resource's life; -1 for other objects.
  int Owner = -1;

  bool isResource() const { return Owner >= 0; }
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

  /// The number of the object \p V is, if it is tracked.
  std::optional<unsigned> indexOf(const clang::VarDecl *V) const;
  /// The number of the object \p E names, if it is a reference to one.
  std::optional<unsigned> indexOf(const clang::Expr *E) const;

  /// The ops awaitable local \p Obj holds.
  llvm::ArrayRef<HeldOp> heldOps(unsigned Obj) const;
  /// True if awaitable local \p Obj was folded into another one, which then
  /// owes its exits.
  bool isHeldByOuter(unsigned Obj) const { return HeldByOuter.count(Obj); }
  /// The resources bound from the enters of \p Owner.
  llvm::ArrayRef<unsigned> resourcesOf(unsigned Owner) const;

  /// Adds \p V (once) and returns its number.
  unsigned add(TrackedObject Object);
  void addHeldOp(unsigned Obj, HeldOp Op) { HeldOps[Obj].push_back(Op); }
  void setHeldByOuter(unsigned Obj) { HeldByOuter.insert(Obj); }
  void addResource(unsigned Owner, unsigned Resource) {
    ResourcesOf[Owner].push_back(Resource);
  }

private:
  std::vector<TrackedObject> Objects;
  llvm::DenseMap<const clang::VarDecl *, unsigned> Index;
  llvm::DenseMap<unsigned, llvm::SmallVector<HeldOp, 2>> HeldOps;
  llvm::DenseMap<unsigned, llvm::SmallVector<unsigned, 1>> ResourcesOf;
  llvm::DenseSet<unsigned> HeldByOuter;
};

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_TRACKEDOBJECTS_H
