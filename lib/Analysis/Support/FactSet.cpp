//===- FactSet.cpp --------------------------------------------------------===//

#include "Analysis/Support/FactSet.h"

#include "llvm/Support/raw_ostream.h"

namespace acm {

void printFacts(FactSet Facts, llvm::raw_ostream &OS) {
  OS << "{";
  bool First = true;
  for (unsigned Var = 0; Var < 32; ++Var)
    if (std::optional<bool> Value = Facts.get(Var)) {
      OS << (First ? "" : " ") << (*Value ? "" : "!") << "c" << Var;
      First = false;
    }
  OS << "}";
}

} // namespace acm
