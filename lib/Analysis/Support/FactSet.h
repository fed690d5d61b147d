//===- FactSet.h - What sets of paths know, and merging their states ------===//
//
// The analyses keep apart the states of paths that took different sides of
// a test of a condition variable (BranchFacts.h). A state is then a list of
// *variants*, each the state on the set of paths that know one FactSet.
// This file holds the fact sets, the canonical form of a variant list, and
// how a branch refines it.
//
// Support room: protocol-agnostic; no clang dependency.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_SUPPORT_FACTSET_H
#define ACM_ANALYSIS_SUPPORT_FACTSET_H

#include "Analysis/Support/AnalysisBounds.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/bit.h"
#include <cstdint>
#include <optional>
#include <tuple>
#include <utility>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace acm {

/// A statement gives condition variable Var a new value: its truth value,
/// when known (a literal), or nothing known.
struct FactUpdate {
  unsigned Var;
  std::optional<bool> Value;
};

/// A two-way branch that tests condition variable Var: the first successor
/// is taken when the variable's truth value equals TrueOnFirst.
struct FactTest {
  unsigned Var;
  bool TrueOnFirst;
};

/// What some paths know of the condition variables (see BranchFacts.h): bit
/// I of Known is set if variable I's truth value is known, and bit I of
/// Values is then that value.
struct FactSet {
  uint32_t Known = 0;
  uint32_t Values = 0;

  std::optional<bool> get(unsigned Var) const {
    if (!((Known >> Var) & 1))
      return std::nullopt;
    return bool((Values >> Var) & 1);
  }
  /// Sets the value of \p Var, or forgets it.
  void set(unsigned Var, std::optional<bool> Value) {
    uint32_t Bit = uint32_t(1) << Var;
    Known &= ~Bit;
    Values &= ~Bit;
    if (!Value)
      return;
    Known |= Bit;
    if (*Value)
      Values |= Bit;
  }
  /// The facts both \p A and \p B know.
  static FactSet common(FactSet A, FactSet B) {
    uint32_t Agreed = A.Known & B.Known & ~(A.Values ^ B.Values);
    return {Agreed, A.Values & Agreed};
  }

  friend bool operator==(FactSet A, FactSet B) {
    return A.Known == B.Known && A.Values == B.Values;
  }
  friend bool operator<(FactSet A, FactSet B) {
    return std::tie(A.Known, A.Values) < std::tie(B.Known, B.Values);
  }
};

/// Brings \p Vs, the variants of one state on sets of paths (each with a
/// member FactSet Facts), into canonical form: variants that know the same
/// facts are joined; variants in the same state (\p SameState) are merged
/// when nothing is lost by it; more than MaxVariants become one. The result
/// is sorted by facts, so equal sets of variants compare equal.
/// \p JoinState (Into, From) joins the state of From into Into.
template <typename VariantT, typename SameStateFn, typename JoinStateFn>
void normalizeVariants(llvm::SmallVectorImpl<VariantT> &Vs,
                       SameStateFn SameState, JoinStateFn JoinState) {
  bool Changed = true;
  while (Changed && Vs.size() > 1) {
    Changed = false;
    // Paths that know the same facts share one state. An insertion sort:
    // the lists are short, and this runs on every branch for every object.
    for (unsigned I = 1; I < Vs.size(); ++I)
      for (unsigned J = I; J > 0 && Vs[J].Facts < Vs[J - 1].Facts; --J)
        std::swap(Vs[J], Vs[J - 1]);
    llvm::SmallVector<VariantT, 4> Merged;
    for (VariantT &V : Vs) {
      if (!Merged.empty() && Merged.back().Facts == V.Facts) {
        JoinState(Merged.back(), V);
        Changed = true;
      } else {
        Merged.push_back(V);
      }
    }
    Vs.assign(Merged.begin(), Merged.end());
    // Paths in the same state need not be told apart when nothing is lost
    // by merging them: when one set of paths contains the other, or the two
    // differ only in the value of one variable ("a && b" and "a && !b" are
    // "a").
    for (unsigned I = 0; I < Vs.size() && !Changed; ++I)
      for (unsigned J = 0; J < Vs.size(); ++J) {
        if (I == J || !SameState(Vs[I], Vs[J]))
          continue;
        FactSet A = Vs[I].Facts, B = Vs[J].Facts;
        bool Contains = (A.Known & ~B.Known) == 0 && FactSet::common(A, B) == A;
        uint32_t Differ = A.Known & B.Known & (A.Values ^ B.Values);
        bool Complement = A.Known == B.Known && llvm::popcount(Differ) == 1;
        if (!Contains && !Complement)
          continue;
        if (Complement)
          Vs[I].Facts = FactSet::common(A, B);
        Vs.erase(Vs.begin() + J);
        Changed = true;
        break;
      }
  }
  // More are merged into one: the analysis stays linear, and falls back to
  // plain flow-sensitivity where a state depends on many tested variables.
  if (Vs.size() <= MaxVariants)
    return;
  countBoundReached(Bound::Variants);
  VariantT All = Vs.front();
  for (unsigned I = 1; I < Vs.size(); ++I) {
    All.Facts = FactSet::common(All.Facts, Vs[I].Facts);
    JoinState(All, Vs[I]);
  }
  Vs.clear();
  Vs.push_back(All);
}

/// Along successor \p SuccIndex of a branch that tests \p Test, with
/// \p Common the facts all paths know and \p Variants the states of sets of
/// paths (each with a member FactSet Facts): drops the variants that know
/// the other value, and tells the rest the value taken. Returns false if
/// every path knows the other value: none takes this edge.
template <typename VariantT>
bool followBranch(const FactTest &Test, unsigned SuccIndex, FactSet &Common,
                  llvm::SmallVectorImpl<VariantT> &Variants) {
  bool Value = (SuccIndex == 0) == Test.TrueOnFirst;
  if (std::optional<bool> Known = Common.get(Test.Var);
      Known && *Known != Value)
    return false;
  Common.set(Test.Var, Value);
  llvm::erase_if(Variants, [&](const VariantT &V) {
    std::optional<bool> Fact = V.Facts.get(Test.Var);
    return Fact && *Fact != Value;
  });
  for (VariantT &V : Variants)
    V.Facts.set(Test.Var, Value);
  return true;
}

/// Prints \p Facts as "{c0 !c3}": condition variable 0 true, 3 false.
void printFacts(FactSet Facts, llvm::raw_ostream &OS);

} // namespace acm

#endif // ACM_ANALYSIS_SUPPORT_FACTSET_H
