//===- GeneratorReporter.cpp ----------------------------------------------===//

#include "Analysis/Generator/GeneratorReporter.h"
#include "Analysis/Support/CfgHelpers.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace acm {

void GeneratorReporter::yieldsAgain(const Stmt *Yield,
                                    SourceLocation FirstYield) {
  if (!ReportedYields.insert(Yield).second)
    return;
  SourceLocation Loc = Yield->getBeginLoc();
  Finding F;
  F.Kind = FindingKind::MultipleYield;
  F.Loc = Loc;
  F.Message = "'co_yield' can run again after an earlier 'co_yield': a "
              "generator-based manager must yield exactly once (Python "
              "raises \"generator didn't stop\")";
  // No yield written before this one reaches it: the path came round a
  // loop (or a backward goto) to this yield or a later one.
  if (FirstYield == Loc || locationBefore(SM, Loc, FirstYield))
    F.Notes.push_back({Loc, "reached again in a later iteration of the loop"});
  else
    F.Notes.push_back({FirstYield, "first 'co_yield' here"});
  Findings.push_back(std::move(F));
}

void GeneratorReporter::finishesWithoutYield(SourceLocation FirstEnd) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Coroutine);
  bool IsLambda = Method && Method->getParent()->isLambda();
  Finding F;
  F.Kind = FindingKind::MissingYield;
  F.Loc = Coroutine.getLocation();
  F.Object = IsLambda ? "" : Coroutine.getNameAsString();
  F.Message = "generator-based manager " +
              (IsLambda ? std::string("lambda") : "'" + F.Object + "'") +
              " can finish without 'co_yield': it must yield exactly once "
              "(Python raises \"generator didn't yield\")";
  F.Notes.push_back({FirstEnd, "finishes here without having yielded"});
  Findings.push_back(std::move(F));
}

void GeneratorReporter::unprotectedYield(const CoyieldExpr *Yield,
                                         SourceLocation Cleanup) {
  Finding F;
  F.Kind = FindingKind::UnprotectedYield;
  F.Loc = Yield->getBeginLoc();
  F.Message = "asynchronous cleanup after this 'co_yield' is skipped when "
              "the caller's body throws: the exception is raised at the "
              "'co_yield'";
  F.Notes.push_back({Cleanup,
                     "this 'co_await' does not run if an exception is raised "
                     "at the 'co_yield'"});
  F.Notes.push_back(
      {F.Loc, "'co_await' is not allowed in a handler: catch (...) into a "
              "std::exception_ptr around the 'co_yield', await the "
              "cleanup, then rethrow it"});
  Findings.push_back(std::move(F));
}

void GeneratorReporter::finish(FindingSink &Sink) {
  llvm::stable_sort(Findings, [&](const Finding &A, const Finding &B) {
    return locationBefore(SM, A.Loc, B.Loc);
  });
  for (const Finding &F : Findings)
    Sink.report(F);
  Findings.clear();
}

} // namespace acm
