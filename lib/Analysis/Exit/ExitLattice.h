//===- ExitLattice.h - The states of tracked objects on sets of paths -----===//
//
// Each tracked object is, on each set of paths, in some of the states
// not-entered, entered, exited (in this or an earlier loop iteration) and
// exit-deferred, with the places it was entered and exited. Paths that know
// different facts about condition variables keep apart (FactSet.h): an
// object has one *variant* per such set of paths, usually one. This file
// holds the state, its join, and its canonical form.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_EXITLATTICE_H
#define ACM_ANALYSIS_EXIT_EXITLATTICE_H

#include "Analysis/Support/FactSet.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <utility>

namespace clang {
class SourceManager;
} // namespace clang

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace acm {

class ObjectTable;

enum StateBits : uint8_t {
  NotEntered = 1,
  Entered = 2,
  /// Exited, on a path that has not gone round a loop since the exit.
  Exited = 4,
  ExitDeferred = 8,
  /// Exited, on a path that went back round a loop since the exit: what
  /// follows runs in a later iteration than the exit.
  ExitedEarlierIteration = 16,
};
constexpr uint8_t AnyExited = Exited | ExitedEarlierIteration;

struct ObjectState {
  uint8_t Bits = 0;
  /// Where the object was (first) entered on the paths in Bits & Entered.
  clang::SourceLocation EnterLoc;
  /// Where its exit was (first) awaited on the paths in Bits & AnyExited.
  clang::SourceLocation ExitLoc;
  /// For a resource: the exit at ExitLoc is its owner's, which ended the
  /// resource's life, rather than an exit of the resource itself.
  bool ByOwner = false;

  friend bool operator==(const ObjectState &A, const ObjectState &B) {
    return A.Bits == B.Bits && A.EnterLoc == B.EnterLoc &&
           A.ExitLoc == B.ExitLoc && A.ByOwner == B.ByOwner;
  }
};

/// An object's state on the paths on which the facts hold.
struct Variant {
  unsigned Obj;
  FactSet Facts;
  ObjectState State;

  friend bool operator==(const Variant &A, const Variant &B) {
    return A.Obj == B.Obj && A.Facts == B.Facts && A.State == B.State;
  }
};

using VariantList = llvm::SmallVector<Variant, 4>;

struct ExitState {
  /// Facts every path reaching this point knows; objects born here start
  /// with them.
  FactSet Common;
  /// The states of the objects, sorted by object number then facts. An
  /// object without variants is not this body's to exit at this point: not
  /// yet declared, dead, or handed off. Keeping only live objects keeps
  /// states small in long functions.
  VariantList Variants;

  friend bool operator==(const ExitState &A, const ExitState &B) {
    return A.Common == B.Common && A.Variants == B.Variants;
  }
};

/// The operations on ExitState. Locations order by source position.
class ExitLattice {
public:
  explicit ExitLattice(const clang::SourceManager &SM) : SM(SM) {}

  /// The index range of \p Obj's variants in \p S.
  std::pair<unsigned, unsigned> range(const ExitState &S, unsigned Obj) const;
  llvm::MutableArrayRef<Variant> variantsOf(ExitState &S, unsigned Obj) const;
  llvm::ArrayRef<Variant> variantsOf(const ExitState &S, unsigned Obj) const;
  /// Gives \p Obj state \p State on every path.
  void set(ExitState &S, unsigned Obj, ObjectState State) const;
  void erase(ExitState &S, unsigned Obj) const;
  /// Gives \p Obj, which has no variants, the variants \p Vs.
  void adopt(ExitState &S, unsigned Obj, VariantList Vs) const;

  void joinState(ObjectState &Into, const ObjectState &From) const;
  /// Brings the variants of one object into their canonical form.
  void normalize(VariantList &Vs) const;
  void normalizeObject(ExitState &S, unsigned Obj) const;
  void normalizeAll(ExitState &S) const;
  /// Joins \p From into \p Into; returns true if \p Into changed.
  bool join(ExitState &Into, const ExitState &From) const;
  void applyFactUpdate(ExitState &S, const FactUpdate &Update) const;

  /// One line per object: its name and each variant's facts and state.
  void dump(const ExitState &S, const ObjectTable &Objects,
            llvm::raw_ostream &OS) const;

private:
  bool before(clang::SourceLocation A, clang::SourceLocation B) const;

  const clang::SourceManager &SM;
};

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_EXITLATTICE_H
