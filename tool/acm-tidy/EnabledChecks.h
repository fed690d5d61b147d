//===- EnabledChecks.h - Which checks a run enables, cheaply ---*- C++ -*-===//
//
// clang-tidy's getCheckNames lists every enabled check, the static
// analyzer's included; to list those it builds the analyzer's whole checker
// registry, about 2.4 million instructions each time. acm-tidy asks two
// questions of the list on every run: does the configuration enable any check,
// and does a file enable only acm checks (then the acm checks run without
// clang-tidy's matchers). Both are answered here from the Checks globs, and the
// list is built only when the globs alone cannot tell.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TIDY_ENABLEDCHECKS_H
#define ACM_TIDY_ENABLEDCHECKS_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy {
class ClangTidyASTConsumerFactory;
class ClangTidyCheckFactories;
class ClangTidyContext;
struct ClangTidyOptions;
} // namespace clang::tidy

namespace acm {

/// False only if no glob of \p Checks (clang-tidy's Checks option) can
/// enable a check of the static analyzer: no positive glob can match a name
/// that begins with "clang-analyzer-". True does not mean that one is
/// enabled.
bool mayEnableAnalyzerChecks(llvm::StringRef Checks);

/// True if \p Options enable no check at all, as clang-tidy's getCheckNames
/// would say.
bool enablesNoCheck(const clang::tidy::ClangTidyOptions &Options);

/// True if every check enabled for the current file of \p Context is an acm
/// check, as \p Framework's getCheckNames would say. \p Factories are the
/// checks of the registered modules.
bool onlyAcmChecksEnabled(const clang::tidy::ClangTidyContext &Context,
                          const clang::tidy::ClangTidyCheckFactories &Factories,
                          clang::tidy::ClangTidyASTConsumerFactory &Framework);

} // namespace acm

#endif // ACM_TIDY_ENABLEDCHECKS_H
