//===- EffectCollector.h - From contexts to effects -----------------------===//
//
// The second reading of a coroutine body: with the objects found and every
// reference and call classified (BodyContexts.h), it records what each
// statement does to each tracked object (Effects.h), the co_awaits of ops
// (whose calls are indexed only for a flow that follows exceptions), and
// the findings that need no flow. It reads the statements the classifying
// walk recorded (BodyContexts::Visited), in that walk's order, rather than
// walking the body again.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_EFFECTCOLLECTOR_H
#define ACM_ANALYSIS_EXIT_EFFECTCOLLECTOR_H

#include "Analysis/Exit/Effects.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang {
class FunctionDecl;
} // namespace clang

namespace acm {

class MemberContext;
class ProtocolModel;
struct BodyContexts;
struct FoundObjects;

/// With \p Members, calls of the class's own methods on "this" have the
/// effects the class says, and a lambda that captures "this" settles the
/// members its body mentions where it is made (a continuation hands them
/// to code that runs later); the effects inside its body are recorded too,
/// for summaries, though no flow reaches them.
EffectTable collectEffects(const clang::FunctionDecl &Function,
                           const FoundObjects &Found,
                           const BodyContexts &Contexts,
                           const ProtocolModel &Model,
                           const MemberContext *Members = nullptr);

/// True for the statements of the classes the effect collector reads:
/// those it has a Visit method for. The classifying walk records only these.
inline bool collectorReads(clang::Stmt::StmtClass Class) {
  using clang::Stmt;
  switch (Class) {
  case Stmt::CoreturnStmtClass:
  case Stmt::ReturnStmtClass:
  case Stmt::CXXThrowExprClass:
  case Stmt::LambdaExprClass:
  case Stmt::DeclRefExprClass:
  case Stmt::MemberExprClass:
    return true;
  default:
    // A call or an await (CallExpr::classof, CoroutineSuspendExpr::classof).
    return (Class >= Stmt::firstCallExprConstant &&
            Class <= Stmt::lastCallExprConstant) ||
           (Class >= Stmt::firstCoroutineSuspendExprConstant &&
            Class <= Stmt::lastCoroutineSuspendExprConstant);
  }
}

/// The calls made by the co_awaits of ops that \p Effects holds, for a
/// flow that follows the exceptions they throw.
AwaiterCalls indexAwaiterCalls(const EffectTable &Effects);

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_EFFECTCOLLECTOR_H
