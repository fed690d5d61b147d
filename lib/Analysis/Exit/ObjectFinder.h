//===- ObjectFinder.h - Finding the objects a body owns -------------------===//
//
// The first reading of a coroutine body: which parameters and locals are
// tracked objects (TrackedObjects.h), which locals hold an op's awaitable
// and which ops they hold, and which variables are bound to a resource an
// enter returned. It also notices compile errors: a body with errors has an
// AST that is a guess, and so would any finding be. It reads the body node
// by node as the walk that classifies it (BodyContexts.h) visits them: a
// variable is declared before any reference to it, so each object is known
// by the time the walk reaches its references.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_OBJECTFINDER_H
#define ACM_ANALYSIS_EXIT_OBJECTFINDER_H

#include "Analysis/Exit/TrackedObjects.h"
#include <vector>

namespace clang {
class CXXMemberCallExpr;
class Decl;
class Expr;
class FunctionDecl;
class ParmVarDecl;
class VarDecl;
} // namespace clang

namespace acm {

class MemberContext;
class ProtocolModel;

struct FoundObjects {
  ObjectTable Objects;
  /// Op calls whose awaitable is stored in an awaitable local.
  std::vector<const clang::CXXMemberCallExpr *> StoredCalls;
  /// References to awaitable locals inside the initializer of another one:
  /// the outer one holds their ops.
  std::vector<const clang::Expr *> HeldLocalRefs;
  bool HasErrors = false;
  /// The body nests deeper than MaxStmtNesting (AnalysisBounds.h).
  bool NestsTooDeep = false;
  /// The walk stopped before the end of the body, for either reason: what
  /// it found is not the whole body's.
  bool stopped() const { return HasErrors || NestsTooDeep; }
};

/// Finds the objects \p Function's written body owns, fed its nodes in a
/// BodyVisitor's order; with \p Members, the class's members first (and
/// what the lambdas that capture "this" own, too).
class ObjectScan {
public:
  ObjectScan(const clang::FunctionDecl &Function, const ProtocolModel &Model,
             const MemberContext *Members, FoundObjects &Out);

  /// False if \p E shows a compile error (Out.HasErrors): the walk can stop.
  bool visitExpr(const clang::Expr *E);
  /// False if \p D is invalid (Out.HasErrors).
  bool visitDecl(const clang::Decl *D);
  /// Tracks \p V if it is an object or an awaitable local, or binds it to
  /// the resource an enter returned. \p Init is V->getInit(), which the
  /// caller has read (it is out of line).
  void visitVarDecl(const clang::VarDecl *V, const clang::Expr *Init);

private:
  /// What the model says of a variable's type. A body declares many
  /// variables of few types: each is asked once.
  struct TypeFacts;

  void trackParam(const clang::ParmVarDecl *P);
  void trackLocal(const clang::VarDecl *V, const clang::Expr *Init);
  void trackResource(const clang::VarDecl *V, const clang::Expr *Init);
  /// \p Facts are those of V's type.
  TrackedObject make(const clang::VarDecl *V, const TypeFacts &Facts,
                     ObjectKind Kind, bool IsParam, bool IsAwaitable);
  unsigned add(const clang::VarDecl *V, const TypeFacts &Facts, ObjectKind Kind,
               bool IsParam, bool IsAwaitable);

  struct TypeFacts {
    ObjectKind Kind;
    bool SharedHandle;
    bool SingleUse;
    bool DefaultEmpty;
    bool IdempotentExit;
  };
  TypeFacts factsOf(clang::QualType T);

  const ProtocolModel &Model;
  FoundObjects &Out;
  llvm::SmallDenseMap<void *, TypeFacts, 8> Types;
};

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_OBJECTFINDER_H
