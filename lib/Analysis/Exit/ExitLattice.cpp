//===- ExitLattice.cpp ----------------------------------------------------===//

#include "Analysis/Exit/ExitLattice.h"
#include "Analysis/Exit/TrackedObjects.h"
#include "Analysis/Support/CfgHelpers.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

namespace acm {

bool ExitLattice::before(clang::SourceLocation A,
                         clang::SourceLocation B) const {
  return locationBefore(SM, A, B);
}

std::pair<unsigned, unsigned> ExitLattice::range(const ExitState &S,
                                                 unsigned Obj) const {
  // Most states hold one variant or none.
  if (S.Variants.size() <= 1) {
    unsigned Holds = !S.Variants.empty() && S.Variants.front().Obj == Obj;
    unsigned At = !S.Variants.empty() && S.Variants.front().Obj < Obj;
    return {At, At + Holds};
  }
  auto Begin = llvm::lower_bound(
      S.Variants, Obj, [](const Variant &V, unsigned O) { return V.Obj < O; });
  auto End = std::find_if(Begin, S.Variants.end(),
                          [&](const Variant &V) { return V.Obj != Obj; });
  return {unsigned(Begin - S.Variants.begin()),
          unsigned(End - S.Variants.begin())};
}

llvm::MutableArrayRef<Variant> ExitLattice::variantsOf(ExitState &S,
                                                       unsigned Obj) const {
  auto [Begin, End] = range(S, Obj);
  return llvm::MutableArrayRef<Variant>(S.Variants).slice(Begin, End - Begin);
}

llvm::ArrayRef<Variant> ExitLattice::variantsOf(const ExitState &S,
                                                unsigned Obj) const {
  auto [Begin, End] = range(S, Obj);
  return llvm::ArrayRef<Variant>(S.Variants).slice(Begin, End - Begin);
}

void ExitLattice::set(ExitState &S, unsigned Obj, ObjectState State) const {
  auto [Begin, End] = range(S, Obj);
  if (Begin == End) {
    S.Variants.insert(S.Variants.begin() + Begin, {Obj, S.Common, State});
    return;
  }
  for (unsigned I = Begin; I < End; ++I)
    S.Variants[I].State = State;
  normalizeObject(S, Obj);
}

void ExitLattice::erase(ExitState &S, unsigned Obj) const {
  auto [Begin, End] = range(S, Obj);
  S.Variants.erase(S.Variants.begin() + Begin, S.Variants.begin() + End);
}

void ExitLattice::adopt(ExitState &S, unsigned Obj, VariantList Vs) const {
  for (Variant &V : Vs)
    V.Obj = Obj;
  unsigned At = range(S, Obj).first;
  S.Variants.insert(S.Variants.begin() + At, Vs.begin(), Vs.end());
}

OpSiteTable::OpSiteTable(const clang::SourceManager &SM) : SM(SM) {
  Lists.emplace_back();
}

void OpSiteTable::add(SiteVector &Sites, const OpSite &Site) const {
  auto It = llvm::find_if(Sites, [&](const OpSite &S) {
    return !locationBefore(SM, S.Loc, Site.Loc);
  });
  if (It != Sites.end() && It->Loc == Site.Loc) {
    It->When |= Site.When;
    It->ByOwner |= Site.ByOwner;
    return;
  }
  if (Sites.size() == MaxExitSites) {
    // The latest in source order is forgotten: the new site, or the last.
    countBoundReached(Bound::ExitSites);
    if (It == Sites.end())
      return;
    Sites.pop_back();
  }
  Sites.insert(It, Site);
}

OpSites OpSiteTable::intern(const SiteVector &Sites) {
  if (Sites.empty())
    return {};
  if (Sites.size() == 1)
    return only(Sites.front());
  llvm::hash_code Hash = llvm::hash_value(Sites.size());
  for (const OpSite &Site : Sites)
    Hash = llvm::hash_combine(Hash, Site.Loc.getRawEncoding(), Site.When,
                              Site.ByOwner);
  // Clearing the top bit keeps clear of DenseMap's two reserved keys.
  uint64_t Key = uint64_t(size_t(Hash)) & (~uint64_t(0) >> 1);
  for (;; ++Key) {
    auto [It, New] = IdsByHash.try_emplace(Key, uint32_t(Lists.size()));
    if (New) {
      Lists.push_back(Sites);
      return {It->second};
    }
    if (llvm::equal(Lists[It->second], Sites))
      return {It->second};
  }
}

OpSites OpSiteTable::only(const OpSite &Site) {
  // Most lists hold one site: found by the site itself, without a hash.
  uint64_t Key = uint64_t(Site.Loc.getRawEncoding()) << 9 |
                 uint64_t(Site.When) << 1 | uint64_t(Site.ByOwner);
  auto [It, New] =
      Singles.try_emplace(Key, SingleSite | uint32_t(SingleSites.size()));
  if (New)
    SingleSites.push_back(Site);
  return {It->second};
}

OpSites OpSiteTable::join(OpSites A, OpSites B) {
  if (A == B || B.empty())
    return A;
  if (A.empty())
    return B;
  auto Key = std::make_pair(std::min(A.Id, B.Id), std::max(A.Id, B.Id));
  if (auto It = Joins.find(Key); It != Joins.end())
    return {It->second};
  llvm::ArrayRef<OpSite> First = sites(A);
  SiteVector Sites(First.begin(), First.end());
  for (const OpSite &Site : sites(B))
    add(Sites, Site);
  OpSites Result = intern(Sites);
  Joins[Key] = Result.Id;
  return Result;
}

OpSites OpSiteTable::shift(OpSites List, uint8_t Old, uint8_t New) {
  SiteVector Sites;
  bool Changed = false;
  for (OpSite Site : sites(List)) {
    if (Site.When & Old) {
      Site.When = (Site.When & ~Old) | New;
      Changed = true;
    }
    Sites.push_back(Site);
  }
  return Changed ? intern(Sites) : List;
}

ObjectState ExitLattice::entered(clang::SourceLocation Loc) const {
  return {Entered, Sites.only({Loc, Entered, false}), {}};
}

ObjectState ExitLattice::exitedAt(clang::SourceLocation Loc,
                                  bool ByOwner) const {
  return {Exited, {}, Sites.only({Loc, Exited, ByOwner})};
}

bool ExitLattice::shiftIterations(ObjectState &State, uint8_t Old,
                                  uint8_t New) const {
  if (!(State.Bits & Old))
    return false;
  State.Bits = (State.Bits & ~Old) | New;
  State.Exits = Sites.shift(State.Exits, Old, New);
  return true;
}

void ExitLattice::joinState(ObjectState &Into, const ObjectState &From) const {
  Into.Enters = Sites.join(Into.Enters, From.Enters);
  Into.Exits = Sites.join(Into.Exits, From.Exits);
  Into.Bits |= From.Bits;
}

void ExitLattice::normalize(VariantList &Vs) const {
  normalizeVariants(
      Vs, [](const Variant &A, const Variant &B) { return A.State == B.State; },
      [&](Variant &Into, const Variant &From) {
        joinState(Into.State, From.State);
      });
}

void ExitLattice::normalizeObject(ExitState &S, unsigned Obj) const {
  auto [Begin, End] = range(S, Obj);
  if (End - Begin <= 1)
    return;
  VariantList Vs(S.Variants.begin() + Begin, S.Variants.begin() + End);
  normalize(Vs);
  // Normalizing only ever merges variants: write them back in place and
  // close the gap, without moving the rest of the state twice.
  std::copy(Vs.begin(), Vs.end(), S.Variants.begin() + Begin);
  S.Variants.erase(S.Variants.begin() + Begin + Vs.size(),
                   S.Variants.begin() + End);
}

void ExitLattice::normalizeAll(ExitState &S) const {
  // Usually every object has one variant, and there is nothing to merge.
  if (llvm::adjacent_find(S.Variants, [](const Variant &A, const Variant &B) {
        return A.Obj == B.Obj;
      }) == S.Variants.end())
    return;
  // One pass that rebuilds the list: normalizing object by object in place
  // would move the variants after each one, quadratic in live objects.
  VariantList Result;
  Result.reserve(S.Variants.size());
  for (auto It = S.Variants.begin(), End = S.Variants.end(); It != End;) {
    auto Next = std::find_if(
        It, End, [&](const Variant &V) { return V.Obj != It->Obj; });
    if (Next - It == 1) {
      Result.push_back(*It);
    } else {
      VariantList Vs(It, Next);
      normalize(Vs);
      Result.append(Vs.begin(), Vs.end());
    }
    It = Next;
  }
  S.Variants = std::move(Result);
}

bool ExitLattice::join(ExitState &Into, const ExitState &From) const {
  // Paths that meet in the same state, the usual case, change nothing.
  if (Into == From)
    return false;
  ExitState Result;
  Result.Common = FactSet::common(Into.Common, From.Common);
  Result.Variants.reserve(Into.Variants.size() + From.Variants.size());
  auto A = Into.Variants.begin(), AE = Into.Variants.end();
  auto B = From.Variants.begin(), BE = From.Variants.end();
  auto GroupEnd = [](auto It, auto End) {
    return std::find_if(It, End,
                        [&](const Variant &V) { return V.Obj != It->Obj; });
  };
  while (A != AE || B != BE) {
    if (B == BE || (A != AE && A->Obj < B->Obj)) {
      auto Next = GroupEnd(A, AE);
      Result.Variants.append(A, Next);
      A = Next;
    } else if (A == AE || B->Obj < A->Obj) {
      auto Next = GroupEnd(B, BE);
      Result.Variants.append(B, Next);
      B = Next;
    } else {
      auto NextA = GroupEnd(A, AE);
      auto NextB = GroupEnd(B, BE);
      if (std::equal(A, NextA, B, NextB)) {
        Result.Variants.append(A, NextA);
      } else {
        VariantList Merged(A, NextA);
        Merged.append(B, NextB);
        normalize(Merged);
        Result.Variants.append(Merged.begin(), Merged.end());
      }
      A = NextA;
      B = NextB;
    }
  }
  if (Result == Into)
    return false;
  Into = std::move(Result);
  return true;
}

void ExitLattice::applyFactUpdate(ExitState &S,
                                  const FactUpdate &Update) const {
  S.Common.set(Update.Var, Update.Value);
  for (Variant &V : S.Variants)
    V.Facts.set(Update.Var, Update.Value);
  normalizeAll(S);
}

namespace {

void dumpBits(uint8_t Bits, llvm::raw_ostream &OS) {
  static constexpr std::pair<uint8_t, const char *> Names[] = {
      {NotEntered, "not-entered"},
      {Entered, "entered"},
      {Exited, "exited"},
      {ExitedEarlierIteration, "exited-earlier-iteration"},
      {ExitDeferred, "exit-deferred"}};
  bool First = true;
  for (auto [Bit, Name] : Names)
    if (Bits & Bit) {
      OS << (First ? "" : "|") << Name;
      First = false;
    }
  if (First)
    OS << "none";
}

} // namespace

void ExitLattice::dump(const ExitState &S, const ObjectTable &Objects,
                       llvm::raw_ostream &OS) const {
  OS << "    common ";
  printFacts(S.Common, OS);
  OS << "\n";
  for (const Variant &V : S.Variants) {
    OS << "    '" << Objects[V.Obj].name() << "' ";
    printFacts(V.Facts, OS);
    OS << " ";
    dumpBits(V.State.Bits, OS);
    for (const OpSite &Site : sites(V.State.Enters))
      OS << " entered@" << Site.Loc.printToString(SM);
    for (const OpSite &Site : sites(V.State.Exits)) {
      OS << " exited@" << Site.Loc.printToString(SM);
      if (!(Site.When & Exited))
        OS << " (earlier iteration)";
      if (Site.ByOwner)
        OS << " (by owner)";
    }
    OS << "\n";
  }
}

} // namespace acm
