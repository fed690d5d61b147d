//===- Ownership.h - When an object stops being this body's to exit -------===//
//
// The rules that decide, from what the AST shows, whether a coroutine body
// still owes an object's exit: a callee taking an object by reference may
// visibly take its exit over; a method of the object may exit it itself; a
// copy of a shared handle is not owned by whoever made it; a copy of a
// self-contained value taken from an enter outlives the exit.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_OWNERSHIP_H
#define ACM_ANALYSIS_EXIT_OWNERSHIP_H

#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include <utility>

namespace clang {
class CXXMethodDecl;
class FunctionDecl;
class ParmVarDecl;
class VarDecl;
} // namespace clang

namespace acm {

class ProtocolModel;

/// Reads visible definitions to see whether they take an object's exit
/// over. Each definition is read once per coroutine.
class OwnershipRules {
public:
  explicit OwnershipRules(const ProtocolModel &Model) : Model(Model) {}

  /// True if the visible definition of \p Callee takes over the object
  /// passed by reference as parameter \p Index: it calls an exit op on it
  /// (a helper such as "task<> close(Conn &c) { co_await c.aclose(); }"),
  /// moves it, or hands it to an exit stack. Whether it does so on every
  /// path is the callee's business; the caller stops following the object.
  bool takesOverParameter(const clang::FunctionDecl *Callee, unsigned Index);

  /// True if calling \p Method, which is none of the protocol's operations,
  /// takes over the exit of the object it is called on: its visible
  /// definition exits its own object ("task<> shutdown() { ...; co_await
  /// aexit(); }"). Otherwise the call is a use of the object.
  bool methodTakesOver(const clang::CXXMethodDecl *Method);

private:
  /// True if the body of \p Definition takes over the object it receives
  /// as \p Param, or, when Param is null, the object it is called on.
  bool definitionTakesOver(const clang::FunctionDecl *Definition,
                           const clang::ParmVarDecl *Param);

  const ProtocolModel &Model;
  llvm::DenseMap<
      std::pair<const clang::FunctionDecl *, const clang::ParmVarDecl *>, bool>
      TakesOver;
};

/// True if \p V is initialised as a copy of another object (an lvalue).
bool isCopyOfObject(const clang::VarDecl *V);

/// True if \p V is initialised by its default constructor.
bool isDefaultConstructed(const clang::VarDecl *V);

/// True if a value of type \p T refers to nothing of a manager's: a number,
/// an enumerator, a std::string. A copy of one, taken from what an enter
/// returned, stays valid after the exit.
bool isSelfContainedValue(clang::QualType T);

/// True if \p V may be entered only once: its type says so, or it is made
/// by a generator-based manager coroutine.
bool isSingleUseObject(const clang::VarDecl *V, const ProtocolModel &Model);
/// True if \p V is initialised by a call of a generator-based manager
/// coroutine (isSingleUseObject without the type).
bool isMadeByGeneratorManager(const clang::VarDecl *V,
                              const ProtocolModel &Model);

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_OWNERSHIP_H
