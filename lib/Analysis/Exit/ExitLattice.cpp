//===- ExitLattice.cpp ----------------------------------------------------===//

#include "Analysis/Exit/ExitLattice.h"
#include "Analysis/Exit/TrackedObjects.h"
#include "Analysis/Support/CfgHelpers.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

namespace acm {

bool ExitLattice::before(clang::SourceLocation A,
                         clang::SourceLocation B) const {
  return locationBefore(SM, A, B);
}

std::pair<unsigned, unsigned> ExitLattice::range(const ExitState &S,
                                                 unsigned Obj) const {
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

void ExitLattice::joinState(ObjectState &Into, const ObjectState &From) const {
  if ((From.Bits & Entered) &&
      (!(Into.Bits & Entered) || before(From.EnterLoc, Into.EnterLoc)))
    Into.EnterLoc = From.EnterLoc;
  if ((From.Bits & AnyExited) &&
      (!(Into.Bits & AnyExited) || before(From.ExitLoc, Into.ExitLoc))) {
    Into.ExitLoc = From.ExitLoc;
    Into.ByOwner = From.ByOwner;
  }
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
    if (V.State.Bits & Entered)
      OS << " entered@" << V.State.EnterLoc.printToString(SM);
    if (V.State.Bits & AnyExited)
      OS << " exited@" << V.State.ExitLoc.printToString(SM)
         << (V.State.ByOwner ? " (by owner)" : "");
    OS << "\n";
  }
}

} // namespace acm
