//===- ClassMembers.h - A class's members and what its methods do to them -===//
//
// A class owns its by-value members of protocol type (and those held
// through std::optional or std::unique_ptr). Each visible method of the
// class is read once, by the exit analysis' AST passes with the members
// tracked, and summarised: which members it enters, exits, hands off,
// gives a new value, or uses. From the summaries follows what each member
// owes at the start of the class's owner exit, and what a call of one
// method from another does to the members.
//
// Owner room: the analysis of classes; the model, Support and the Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_OWNER_CLASSMEMBERS_H
#define ACM_ANALYSIS_OWNER_CLASSMEMBERS_H

#include "Analysis/Exit/ExitAnalysis.h"
#include "Analysis/Exit/MemberContext.h"
#include "Model/ProtocolModel.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <vector>

namespace clang {
class ASTContext;
class CXXMethodDecl;
class CXXRecordDecl;
} // namespace clang

namespace acm {

/// What one method does to the members, on some path.
struct MethodSummary {
  enum Bits : uint8_t {
    Entered = 1,
    Exited = 2,
    /// Handed off, or settled by code that runs later (a continuation).
    Settled = 4,
    /// Given a new value.
    Assigned = 8,
    Used = 16,
  };
  /// Per member, by its number.
  std::vector<uint8_t> Of;
  /// Per member, where the method (first) enters it.
  std::vector<clang::SourceLocation> EnteredAt;
  /// Per member: exited or settled by the method itself, not by a call of
  /// one of the class's owner exits.
  std::vector<bool> SettledDirectly;
  /// The class's methods it calls on "this" (the overrides a virtual call
  /// reaches), when the call does something to the members.
  std::vector<const clang::CXXMethodDecl *> Calls;
};

class ClassMembers : public MemberContext {
public:
  ClassMembers(const clang::CXXRecordDecl &Class,
               llvm::ArrayRef<OwnedMember> Owned, const ProtocolModel &Model,
               clang::ASTContext &Ctx);

  llvm::ArrayRef<TrackedObject> members() const override { return Members; }
  MemberCallEffects
  callEffects(const clang::CXXMethodDecl *Method) const override;

  /// The class's owner exits, as it declares them.
  llvm::ArrayRef<const clang::CXXMethodDecl *> ownerExits() const {
    return OwnerExits;
  }

  /// What \p Method's visible definition does; null if there is none, or
  /// it has compile errors.
  const MethodSummary *summaryOf(const clang::CXXMethodDecl *Method) const;
  /// The facts of \p Definition's body, read once; null as summaryOf.
  ExitFacts *factsOf(const clang::CXXMethodDecl *Definition) const;

  /// Decides, from every visible method, what each member owes at the
  /// start of an owner exit.
  void decideObligations();
  /// The members owing an exit that no method exits or hands off; set by
  /// decideObligations.
  llvm::ArrayRef<unsigned> unexitedAnywhere() const { return Unexited; }
  /// True if every method the class declares has a visible definition.
  bool allMethodsVisible() const;

  /// Writes the members, the owner exits and what each member owes.
  void dump(llvm::raw_ostream &OS) const;

private:
  const clang::CXXMethodDecl *definitionOf(const clang::CXXMethodDecl *M) const;
  /// The method a call of \p Method on this runs: the class's override of
  /// a virtual one.
  const clang::CXXMethodDecl *target(const clang::CXXMethodDecl *Method) const;
  /// The owner exits and the methods they call, transitively.
  llvm::DenseSet<const clang::CXXMethodDecl *> ownerExitsAndHelpers() const;
  /// True if a constructor or an in-class initializer gives \p Member a
  /// value other than the default one.
  bool initialisedWithValue(const OwnedMember &Member) const;

  const clang::CXXRecordDecl &Class;
  const ProtocolModel &Model;
  clang::ASTContext &Ctx;
  std::vector<OwnedMember> Owned;
  std::vector<TrackedObject> Members;
  std::vector<const clang::CXXMethodDecl *> OwnerExits;
  std::vector<unsigned> Unexited;
  mutable llvm::DenseMap<const clang::CXXMethodDecl *,
                         std::unique_ptr<ExitFacts>>
      Facts;
  mutable llvm::DenseMap<const clang::CXXMethodDecl *,
                         std::unique_ptr<MethodSummary>>
      Summaries;
  mutable llvm::DenseSet<const clang::CXXMethodDecl *> InProgress;
};

} // namespace acm

#endif // ACM_ANALYSIS_OWNER_CLASSMEMBERS_H
