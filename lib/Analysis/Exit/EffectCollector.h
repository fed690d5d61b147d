//===- EffectCollector.h - From contexts to effects -----------------------===//
//
// The third pass over a coroutine body: with the objects found and every
// reference and call classified (BodyContexts.h), it records what each
// statement does to each tracked object (Effects.h), the calls an await
// makes, and the findings that need no flow.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_EFFECTCOLLECTOR_H
#define ACM_ANALYSIS_EXIT_EFFECTCOLLECTOR_H

#include "Analysis/Exit/Effects.h"

namespace clang {
class FunctionDecl;
class Stmt;
} // namespace clang

namespace acm {

class ProtocolModel;
struct BodyContexts;
struct FoundObjects;

EffectTable collectEffects(const clang::FunctionDecl &Function,
                           const clang::Stmt *Body, const FoundObjects &Found,
                           const BodyContexts &Contexts,
                           const ProtocolModel &Model);

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_EFFECTCOLLECTOR_H
