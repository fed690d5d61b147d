//===- MemberContext.h - The class around an owner exit -------------------===//
//
// Analysing a method of a class for its members (an owner exit, or any
// method to summarise what it does to them), the exit analysis follows the
// class's members from the start of the method and asks the class what a
// call of one of its own methods on "this" does to them.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_MEMBERCONTEXT_H
#define ACM_ANALYSIS_EXIT_MEMBERCONTEXT_H

#include "Analysis/Exit/TrackedObjects.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class CXXMethodDecl;
} // namespace clang

namespace acm {

/// What calling a method on "this" does to the members, by their numbers
/// in members().
struct MemberCallEffects {
  /// Used (read, or called a method of) by the callee.
  llvm::SmallVector<unsigned, 4> Used;
  /// Exited or handed off by the callee, on some path: no longer this
  /// method's to follow.
  llvm::SmallVector<unsigned, 4> Settled;
};

class MemberContext {
public:
  virtual ~MemberContext();
  /// The members to follow; they get the first numbers of the table, in
  /// this order.
  virtual llvm::ArrayRef<TrackedObject> members() const = 0;
  /// What calling \p Method on this does to the members. A method whose
  /// body is not visible settles every member: it may do anything.
  virtual MemberCallEffects
  callEffects(const clang::CXXMethodDecl *Method) const = 0;
};

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_MEMBERCONTEXT_H
