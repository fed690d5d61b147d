//===- AwaitedItems.h - The ops whose results an awaitable carries --------===//
//
// "co_await r.aexit()" awaits r's exit; so do "co_await aw" when the local
// aw holds it, "co_await when_all(r.aexit(), s.aexit())", and one arm of
// "co_await (b ? r.aexit() : s.aexit())". This finds, in an expression
// whose value is awaited or stored, the op calls and awaitable locals whose
// results flow into that value.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_AWAITEDITEMS_H
#define ACM_ANALYSIS_EXIT_AWAITEDITEMS_H

#include "Analysis/Exit/TrackedObjects.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>

namespace clang {
class CXXMemberCallExpr;
class Expr;
} // namespace clang

namespace acm {

class ProtocolModel;

/// An op call or awaitable local whose awaitable flows into an awaited (or
/// stored) value.
struct AwaitedItem {
  const clang::CXXMemberCallExpr *Call = nullptr;
  /// The awaitable local, when Call is null.
  unsigned Local = 0;
  /// The call or the reference to the local.
  const clang::Expr *Ref = nullptr;
  /// Inside an arm of a conditional operator: it runs only on that arm's
  /// path, so its effect belongs to the arm, not to the whole await.
  bool InArm = false;
  /// What the call's method is to the protocol (never None for a call),
  /// asked once here rather than by every reader of the item.
  OpKind Op = OpKind::None;
  /// The tracked object whose op Call is, or -1: asked once here too.
  int32_t Object = -1;
};

/// Appends to \p Items the op calls and awaitable locals (of \p Objects)
/// whose awaitables flow into the value of \p E: directly, in an arm of a
/// conditional operator, or as arguments of combinators (when_all) and
/// adaptors whose result is itself awaitable.
void collectAwaitedItems(const clang::Expr *E, const ObjectTable &Objects,
                         const ProtocolModel &Model,
                         llvm::SmallVectorImpl<AwaitedItem> &Items);

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_AWAITEDITEMS_H
