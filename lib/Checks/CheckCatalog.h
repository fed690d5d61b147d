//===- CheckCatalog.h - The acm checks, in one table ----------------------===//
//
// Each check's identity is written here once: its clang-tidy name, its
// SARIF rule name, a summary and a help paragraph, and the finding kinds of
// the analysis it reports. The clang-tidy module registers a check per
// entry, each check emits the findings of its kinds, and acm-tidy's
// --list-checks and SARIF rules read the same entries.
//
// Checks room: clang-tidy glue. This header itself needs no clang-tidy.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_CHECKS_CHECKCATALOG_H
#define ACM_CHECKS_CHECKCATALOG_H

#include "Analysis/Findings.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace acm {

struct CheckInfo {
  /// The clang-tidy name: "acm-missing-exit-await".
  llvm::StringLiteral Name;
  /// PascalCase, as SARIF rules are named: "MissingExitAwait".
  llvm::StringLiteral SarifName;
  /// One sentence.
  llvm::StringLiteral Summary;
  /// A paragraph: what is wrong and how to fix it.
  llvm::StringLiteral Help;
  /// The finding kinds this check reports; every kind is in one check.
  llvm::ArrayRef<FindingKind> Kinds;

  bool reports(FindingKind Kind) const;
  /// The check's page, relative to the docs directory:
  /// "checks/missing-exit-await.md".
  std::string docPath() const;
};

/// Every acm check, sorted by name.
llvm::ArrayRef<CheckInfo> checkCatalog();

/// The check named \p Name, or null if it is not an acm check.
const CheckInfo *findCheck(llvm::StringRef Name);

/// The check that reports findings of \p Kind.
const CheckInfo &checkFor(FindingKind Kind);

} // namespace acm

#endif // ACM_CHECKS_CHECKCATALOG_H
