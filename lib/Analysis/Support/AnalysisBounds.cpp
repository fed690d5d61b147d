//===- AnalysisBounds.cpp -------------------------------------------------===//

#include "Analysis/Support/AnalysisBounds.h"

#include "llvm/Support/raw_ostream.h"

namespace acm {

namespace {

thread_local BoundCounters *ActiveCounters = nullptr;

struct BoundDescription {
  Bound Which;
  const char *Name;
  unsigned Limit;
};
constexpr BoundDescription Descriptions[NumBounds] = {
    {Bound::BlockVisits, "block-visits", MaxBlockVisits},
    {Bound::Variants, "variants", MaxVariants},
    {Bound::ConditionVariables, "condition-variables", MaxConditionVariables},
    {Bound::AwaitedNesting, "awaited-nesting", MaxAwaitedNesting},
    {Bound::BaseClassDepth, "base-class-depth", MaxBaseClassDepth},
    {Bound::ExitSites, "exit-sites", MaxExitSites},
    {Bound::StmtNesting, "statement-nesting", MaxStmtNesting},
};

} // namespace

bool BoundCounters::any() const {
  for (unsigned Count : Hits)
    if (Count)
      return true;
  return false;
}

void BoundCounters::print(llvm::raw_ostream &OS) const {
  OS << "bounds reached:";
  if (!any()) {
    OS << " none\n";
    return;
  }
  for (const BoundDescription &D : Descriptions)
    if (unsigned Count = hits(D.Which))
      OS << " " << D.Name << " (limit " << D.Limit << ") x" << Count;
  OS << "\n";
}

BoundCounters *BoundCounters::active() { return ActiveCounters; }

BoundCounters::Scope::Scope(BoundCounters &Counters) : Saved(ActiveCounters) {
  ActiveCounters = &Counters;
}

BoundCounters::Scope::~Scope() { ActiveCounters = Saved; }

} // namespace acm
