//===- ObjectFinder.h - Finding the objects a body owns -------------------===//
//
// The first pass over a coroutine body: which parameters and locals are
// tracked objects (TrackedObjects.h), which locals hold an op's awaitable
// and which ops they hold, and which variables are bound to a resource an
// enter returned. It also notices compile errors: a body with errors has an
// AST that is a guess, and so would any finding be.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_OBJECTFINDER_H
#define ACM_ANALYSIS_EXIT_OBJECTFINDER_H

#include "Analysis/Exit/TrackedObjects.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang {
class CXXMemberCallExpr;
class Expr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace acm {

class MemberContext;
class ProtocolModel;

struct FoundObjects {
  ObjectTable Objects;
  /// Op calls whose awaitable is stored in an awaitable local.
  llvm::DenseSet<const clang::CXXMemberCallExpr *> StoredCalls;
  /// References to awaitable locals inside the initializer of another one:
  /// the outer one holds their ops.
  std::vector<const clang::Expr *> HeldLocalRefs;
  bool HasErrors = false;
};

/// Finds the objects \p Function's written body \p Body owns; with
/// \p Members, the class's members first (and what the lambdas that
/// capture "this" own, too).
FoundObjects findObjects(const clang::FunctionDecl &Function,
                         const clang::Stmt *Body, const ProtocolModel &Model,
                         const MemberContext *Members = nullptr);

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_OBJECTFINDER_H
