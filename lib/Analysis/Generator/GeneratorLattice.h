//===- GeneratorLattice.h - How many co_yields paths have passed ----------===//
//
// Per set of paths (FactSet.h): none, one, or more co_yields passed, and
// the earliest one. Paths that entered a catch handler before yielding are
// told apart: they began with an exception, so finishing from there is not
// "generator didn't yield".
//
// Generator room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_GENERATOR_GENERATORLATTICE_H
#define ACM_ANALYSIS_GENERATOR_GENERATORLATTICE_H

#include "Analysis/Support/FactSet.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>

namespace clang {
class SourceManager;
} // namespace clang

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace acm {

enum YieldBits : uint8_t {
  NoYield = 1,
  OneYield = 2,
  ManyYields = 4,
  /// No yield yet, on a path that went through a catch handler: it began
  /// with an exception, thrown before the yield (the manager refusing to
  /// enter) or at it (the caller's body failing). Either way, finishing
  /// from there is not "generator didn't yield".
  NoYieldCaught = 8,
};

struct YieldState {
  uint8_t Bits = 0;
  /// The earliest co_yield passed on the paths with OneYield or ManyYields.
  clang::SourceLocation FirstYield;

  bool operator==(const YieldState &O) const {
    return Bits == O.Bits && FirstYield == O.FirstYield;
  }
};

/// The yield count on the paths on which the facts hold.
struct YieldVariant {
  FactSet Facts;
  YieldState State;

  bool operator==(const YieldVariant &O) const {
    return Facts == O.Facts && State == O.State;
  }
};

struct GeneratorState {
  /// Facts every path reaching this point knows.
  FactSet Common;
  /// One variant per set of paths that know different facts and have
  /// passed different yields: usually one. Sorted by facts.
  llvm::SmallVector<YieldVariant, 2> Variants;

  bool operator==(const GeneratorState &O) const {
    return Common == O.Common && Variants == O.Variants;
  }
};

class GeneratorLattice {
public:
  explicit GeneratorLattice(const clang::SourceManager &SM) : SM(SM) {}

  clang::SourceLocation earlier(clang::SourceLocation A,
                                clang::SourceLocation B) const;
  void joinYields(YieldState &Into, const YieldState &From) const;
  void normalize(GeneratorState &S) const;
  void applyFactUpdate(GeneratorState &S, const FactUpdate &Update) const;
  /// Joins \p From into \p Into; returns true if \p Into changed.
  bool join(GeneratorState &Into, const GeneratorState &From) const;

  void dump(const GeneratorState &S, llvm::raw_ostream &OS) const;

private:
  const clang::SourceManager &SM;
};

} // namespace acm

#endif // ACM_ANALYSIS_GENERATOR_GENERATORLATTICE_H
