//===- BranchFacts.h - What branches tell about condition variables -------===//
//
// The analyses are flow-sensitive. To understand the common correlated
// branches without going path-sensitive,
//
//   if (fast) co_await r.aenter();
//   ...
//   if (fast) co_await r.aexit();
//
// each keeps apart the states of paths that took different sides of a test of
// a *condition variable*: a local or by-value parameter of scalar type (or a
// std::exception_ptr) that nothing can change behind the analysis' back.
// This file finds those variables, the statements that give them a value,
// and the branches that test them, and holds what the analyses that use
// them share: the facts a set of paths knows, and how the states of
// different sets of paths are merged.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_BRANCHFACTS_H
#define ACM_ANALYSIS_BRANCHFACTS_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/bit.h"
#include <cstdint>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

namespace clang {
class CFGBlock;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

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

/// More variants than this are merged into one: an analysis stays linear,
/// and falls back to plain flow-sensitivity where a state depends on many
/// tested variables.
constexpr unsigned MaxVariants = 8;

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
  if (Vs.size() <= MaxVariants)
    return;
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

class BranchFacts {
public:
  /// At most this many variables per function are followed, in the order
  /// they are declared; the analysis keeps their values in a bit set.
  static constexpr unsigned MaxVars = 32;
  static_assert(MaxVars <= 32, "FactSet holds 32 variables");

  /// Finds the condition variables among the parameters of \p Function and
  /// the locals of \p Body. A variable qualifies if every reference to it
  /// reads it, assigns it, or increments or decrements it; one whose
  /// address is taken, that is bound to a non-const reference, captured by
  /// reference, or used any other way does not.
  BranchFacts(const clang::FunctionDecl &Function, const clang::Stmt *Body);

  /// How many condition variables there are; they are numbered from 0.
  unsigned size() const { return NumVars; }

  /// What the declaration of \p V establishes (a new variable, whose value
  /// is known when initialised from a literal), if V is a condition variable.
  std::optional<FactUpdate> atDeclaration(const clang::VarDecl *V) const;

  /// The assignments \p S performs to condition variables.
  llvm::ArrayRef<FactUpdate> updatesAt(const clang::Stmt *S) const;

  /// The test of a condition variable that decides the two-way branch at
  /// the end of \p Block, if it is one.
  std::optional<FactTest> testAt(const clang::CFGBlock &Block) const;

private:
  std::optional<FactTest> testOf(const clang::Stmt *Condition) const;

  unsigned NumVars = 0;
  llvm::DenseMap<const clang::VarDecl *, unsigned> Index;
  llvm::DenseMap<const clang::VarDecl *, std::optional<bool>> Initial;
  llvm::DenseMap<const clang::Stmt *, llvm::SmallVector<FactUpdate, 1>> Updates;
};

} // namespace acm

#endif // ACM_ANALYSIS_BRANCHFACTS_H
