//===- CheckCatalog.cpp ---------------------------------------------------===//

#include "Checks/CheckCatalog.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/ErrorHandling.h"

namespace acm {

namespace {

constexpr FindingKind MissingExitKinds[] = {
    FindingKind::MissingExit,      FindingKind::ExceptionSkipsExit,
    FindingKind::DiscardedExit,    FindingKind::UnawaitedStoredExit,
    FindingKind::EnteredTemporary, FindingKind::MissingMemberExit,
    FindingKind::NoOwnerExit};
constexpr FindingKind UseAfterExitKinds[] = {FindingKind::UseAfterExit,
                                             FindingKind::DoubleExit,
                                             FindingKind::SingleUseReentered};
constexpr FindingKind UnawaitedEnterKinds[] = {FindingKind::DiscardedEnter};
constexpr FindingKind MultipleYieldKinds[] = {FindingKind::MultipleYield};
constexpr FindingKind MissingYieldKinds[] = {FindingKind::MissingYield};
constexpr FindingKind UnprotectedYieldKinds[] = {FindingKind::UnprotectedYield};

const CheckInfo Catalog[] = {
    {"acm-generator-missing-yield", "GeneratorMissingYield",
     "A generator-based manager can finish without co_yield.",
     "A generator-based manager (the C++ form of Python's "
     "@asynccontextmanager) must co_yield exactly once on every path. This "
     "one has a path that falls off the end or reaches co_return without "
     "yielding, so the caller's enter has no value to produce (Python raises "
     "\"generator didn't yield\"). Yield on that path too, or throw.",
     MissingYieldKinds},
    {"acm-generator-multiple-yield", "GeneratorMultipleYield",
     "A generator-based manager can co_yield more than once.",
     "A generator-based manager must co_yield exactly once. On some path "
     "this co_yield runs after another one (in sequence, in a loop, or after "
     "branches that each yield), so the caller's exit resumes the coroutine "
     "only up to the second co_yield and its cleanup never runs (Python "
     "raises \"generator didn't stop\"). Keep a single co_yield on each "
     "path.",
     MultipleYieldKinds},
    {"acm-generator-unprotected-yield", "GeneratorUnprotectedYield",
     "A co_yield whose asynchronous cleanup an exception would skip.",
     "When the body that uses a generator-based manager throws, the "
     "exception is raised at the co_yield and the co_await cleanup after it "
     "is skipped. C++ forbids co_await in a handler, so wrap the co_yield "
     "in try { ... } catch (...) { error = std::current_exception(); }, "
     "await the cleanup after the try, then rethrow the captured "
     "exception.",
     UnprotectedYieldKinds},
    {"acm-missing-exit-await", "MissingExitAwait",
     "An entered object's exit is not awaited on some path.",
     "An object with asynchronous cleanup (aexit(), aclose(), an exit "
     "stack's aclose()) must have that cleanup awaited before it dies, on "
     "every path: a destructor cannot co_await. This finding marks the path "
     "where the exit is missing (co_return, return, break, continue, goto, "
     "the end of the scope), an exit called without co_await, an exit "
     "stored and never awaited, or an entered temporary; and a class member "
     "that owes its exit left unexited on a path of the class's exit method "
     "(stop(), close(), ...), or in a class that has none. Await the exit on "
     "that path; for a discarded exit the fix inserts co_await.",
     MissingExitKinds},
    {"acm-unawaited-enter", "UnawaitedEnter",
     "An enter is called without co_await.",
     "The awaitable an enter op returns is discarded, so with a lazy task "
     "the object is never entered, and the code after it uses an object "
     "that is not ready. Await the enter; the fix inserts co_await.",
     UnawaitedEnterKinds},
    {"acm-use-after-exit", "UseAfterExit",
     "An object, or the resource its enter returned, is used after its "
     "exit.",
     "After its exit was awaited, an object's resource is gone (a closed "
     "connection, a committed transaction, a joined scope). This finding "
     "marks a use of the object, or of what its enter returned, on a path "
     "after the exit; an exit awaited twice; or a single-use manager "
     "entered again. Move the use before the exit, or enter the object "
     "again first.",
     UseAfterExitKinds},
};

} // namespace

bool CheckInfo::reports(FindingKind Kind) const {
  return llvm::is_contained(Kinds, Kind);
}

std::string CheckInfo::docPath() const {
  llvm::StringRef Page = Name;
  Page.consume_front("acm-");
  return (llvm::Twine("checks/") + Page + ".md").str();
}

llvm::ArrayRef<CheckInfo> checkCatalog() { return Catalog; }

const CheckInfo *findCheck(llvm::StringRef Name) {
  for (const CheckInfo &Check : Catalog)
    if (Check.Name == Name)
      return &Check;
  return nullptr;
}

const CheckInfo &checkFor(FindingKind Kind) {
  for (const CheckInfo &Check : Catalog)
    if (Check.reports(Kind))
      return Check;
  llvm_unreachable("every finding kind is reported by a check");
}

} // namespace acm
