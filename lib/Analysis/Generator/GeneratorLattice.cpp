//===- GeneratorLattice.cpp -----------------------------------------------===//

#include "Analysis/Generator/GeneratorLattice.h"
#include "Analysis/Support/CfgHelpers.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"

namespace acm {

clang::SourceLocation GeneratorLattice::earlier(clang::SourceLocation A,
                                                clang::SourceLocation B) const {
  return earlierLocation(SM, A, B);
}

void GeneratorLattice::joinYields(YieldState &Into,
                                  const YieldState &From) const {
  if (From.Bits & (OneYield | ManyYields))
    Into.FirstYield = earlier(Into.FirstYield, From.FirstYield);
  Into.Bits |= From.Bits;
}

void GeneratorLattice::normalize(GeneratorState &S) const {
  normalizeVariants(
      S.Variants,
      [](const YieldVariant &A, const YieldVariant &B) {
        return A.State == B.State;
      },
      [&](YieldVariant &Into, const YieldVariant &From) {
        joinYields(Into.State, From.State);
      });
}

void GeneratorLattice::applyFactUpdate(GeneratorState &S,
                                       const FactUpdate &Update) const {
  S.Common.set(Update.Var, Update.Value);
  for (YieldVariant &V : S.Variants)
    V.Facts.set(Update.Var, Update.Value);
  normalize(S);
}

bool GeneratorLattice::join(GeneratorState &Into,
                            const GeneratorState &From) const {
  GeneratorState Result;
  Result.Common = FactSet::common(Into.Common, From.Common);
  Result.Variants = Into.Variants;
  Result.Variants.append(From.Variants.begin(), From.Variants.end());
  normalize(Result);
  if (Result == Into)
    return false;
  Into = std::move(Result);
  return true;
}

void GeneratorLattice::dump(const GeneratorState &S,
                            llvm::raw_ostream &OS) const {
  for (const YieldVariant &V : S.Variants) {
    OS << "    ";
    printFacts(V.Facts, OS);
    if (V.State.Bits & NoYield)
      OS << " no-yield";
    if (V.State.Bits & NoYieldCaught)
      OS << " no-yield-caught";
    if (V.State.Bits & OneYield)
      OS << " one-yield";
    if (V.State.Bits & ManyYields)
      OS << " many-yields";
    if (V.State.Bits & (OneYield | ManyYields))
      OS << " first@" << V.State.FirstYield.printToString(SM);
    OS << "\n";
  }
}

} // namespace acm
