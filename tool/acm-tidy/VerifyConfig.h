//===- VerifyConfig.h - What is wrong with an acm configuration -----------===//
//
// clang-tidy ignores CheckOptions keys that no check reads and check globs
// that match no check, so a misspelled acm option or check name would
// silently change nothing. acm-tidy refuses them in the acm namespace
// ("acm.<Option>", "acm-..."; other checks' keys are theirs) before any
// file is checked; --verify-config also checks the option values.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_VERIFYCONFIG_H
#define ACM_TOOL_VERIFYCONFIG_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace acm {

/// What is wrong with the acm part of \p Options, one source of
/// configuration (a .clang-tidy file, --config, --checks): check globs
/// under "acm-" that match no acm check, CheckOptions keys under the acm
/// prefixes that no acm check reads, and, with \p CheckValues, values the
/// checks cannot use. One message per problem, each naming the closest
/// check or key when one is close.
std::vector<std::string>
configurationProblems(const clang::tidy::ClangTidyOptions &Options,
                      bool CheckValues);

/// The acm check whose name is closest to \p Name, or "" when none is
/// close enough to be what was meant.
llvm::StringRef closestCheck(llvm::StringRef Name);

/// The problem with one glob of a Checks list ("-acm-foo" is the glob
/// "acm-foo"), or "" when it matches an acm check or is not under "acm-".
std::string checkGlobProblem(llvm::StringRef Glob);

} // namespace acm

#endif // ACM_TOOL_VERIFYCONFIG_H
