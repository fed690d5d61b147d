//===- ExitLattice.h - The states of tracked objects on sets of paths -----===//
//
// Each tracked object is, on each set of paths, in some of the states
// not-entered, entered, exited (in this or an earlier loop iteration) and
// exit-deferred, with the place it was entered and the places it was
// exited. Paths that know different facts about condition variables keep
// apart (FactSet.h): an object has one *variant* per such set of paths,
// usually one. This file holds the state, its join, and its canonical form.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_EXITLATTICE_H
#define ACM_ANALYSIS_EXIT_EXITLATTICE_H

#include "Analysis/Support/AnalysisBounds.h"
#include "Analysis/Support/FactSet.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/DenseMap.h"
#include <cstdint>
#include <deque>
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

/// A place an object was entered or exited, as the last op on some paths.
struct OpSite {
  clang::SourceLocation Loc;
  /// The state bits the op left on those paths: Entered for an enter;
  /// Exited and/or ExitedEarlierIteration for an exit, as the paths went
  /// round a loop since or not.
  uint8_t When = 0;
  /// For a resource's exit: the exit is its owner's, which ended the
  /// resource's life, rather than an exit of the resource itself.
  bool ByOwner = false;

  friend bool operator==(const OpSite &A, const OpSite &B) {
    return A.Loc == B.Loc && A.When == B.When && A.ByOwner == B.ByOwner;
  }
};

/// A list of op sites, interned by OpSiteTable: states stay small, and
/// equal lists are equal handles.
struct OpSites {
  uint32_t Id = 0;
  bool empty() const { return Id == 0; }
  friend bool operator==(OpSites A, OpSites B) { return A.Id == B.Id; }
  friend bool operator!=(OpSites A, OpSites B) { return A.Id != B.Id; }
};

/// The site lists of one analysis, each in source order with one site per
/// place. Paths that merge keep every site, and each is reported on its
/// own: one exit's finding must not hide another's. At most MaxExitSites
/// per list, the earliest in source order.
class OpSiteTable {
public:
  explicit OpSiteTable(const clang::SourceManager &SM);

  /// Makes room for \p Sites one-site lists.
  void reserve(unsigned Sites) { Singles.reserve(Sites); }
  /// The list of just \p Site.
  OpSites only(const OpSite &Site);
  /// The sites of both lists; at a place in both, their bits joined.
  OpSites join(OpSites A, OpSites B);
  /// \p List with the bits \p Old of each site turned into \p New.
  OpSites shift(OpSites List, uint8_t Old, uint8_t New);
  llvm::ArrayRef<OpSite> sites(OpSites List) const {
    if (List.Id & SingleSite)
      return SingleSites[List.Id & ~SingleSite];
    return Lists[List.Id];
  }

private:
  using SiteVector = llvm::SmallVector<OpSite, MaxExitSites>;
  /// Adds \p Site to \p Sites, kept in source order and bounded.
  void add(SiteVector &Sites, const OpSite &Site) const;
  OpSites intern(const SiteVector &Sites);

  const clang::SourceManager &SM;
  /// By id; the first is the empty list. A deque: lists handed out as
  /// ArrayRefs stay where they are while others are added.
  std::deque<SiteVector> Lists;
  /// Each list's id by its hash; a list whose hash is taken by another
  /// takes the next free one (open addressing over the hashes).
  llvm::DenseMap<uint64_t, uint32_t> IdsByHash;
  /// Most lists hold one site, and most sites are new when first listed:
  /// such a list is the site alone, its id the site's place here with
  /// SingleSite set.
  static constexpr uint32_t SingleSite = 1u << 31;
  std::deque<OpSite> SingleSites;
  /// The ids of the one-site lists, by the site's location, bits and owner
  /// flag.
  llvm::DenseMap<uint64_t, uint32_t> Singles;
  llvm::DenseMap<std::pair<uint32_t, uint32_t>, uint32_t> Joins;
};

struct ObjectState {
  uint8_t Bits = 0;
  /// The enters on the paths in Bits & Entered (for an object entered from
  /// birth, its birth).
  OpSites Enters;
  /// The last exit awaited on each of the paths in Bits & AnyExited.
  OpSites Exits;

  friend bool operator==(const ObjectState &A, const ObjectState &B) {
    return A.Bits == B.Bits && A.Enters == B.Enters && A.Exits == B.Exits;
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
  /// states small in long functions. One variant in place: a state is
  /// kept at every block, and most hold one object or none.
  llvm::SmallVector<Variant, 1> Variants;

  friend bool operator==(const ExitState &A, const ExitState &B) {
    return A.Common == B.Common && A.Variants == B.Variants;
  }
};

/// The operations on ExitState. Locations order by source position.
class ExitLattice {
public:
  explicit ExitLattice(const clang::SourceManager &SM) : SM(SM), Sites(SM) {}
  /// Makes room for the sites of about \p Ops enters and exits.
  void reserve(unsigned Ops) const { Sites.reserve(Ops); }

  /// Entered at \p Loc.
  ObjectState entered(clang::SourceLocation Loc) const;
  /// Exited at \p Loc, by the object's own exit or its owner's.
  ObjectState exitedAt(clang::SourceLocation Loc, bool ByOwner) const;
  /// In state \p Bits (not entered, exit deferred): no site to remember.
  static ObjectState without(uint8_t Bits) { return {Bits, {}, {}}; }
  llvm::ArrayRef<OpSite> sites(OpSites List) const {
    return Sites.sites(List);
  }
  /// Going round a loop or leaving one: the exits of \p State in
  /// iteration \p Old are now in iteration \p New. True if it changed.
  bool shiftIterations(ObjectState &State, uint8_t Old, uint8_t New) const;

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
  /// Interning is a cache of values, not part of any state.
  mutable OpSiteTable Sites;
};

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_EXITLATTICE_H
