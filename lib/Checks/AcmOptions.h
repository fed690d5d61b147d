//===- AcmOptions.h - The options of the acm checks -----------------------===//
//
// Every option the acm checks read is named here once: how the values
// become ModelOptions, which values are valid, and which keys of a
// configuration's CheckOptions are ours ("acm.<Option>" and
// "<acm-check>.<Option>"). AcmCheck reads the options through it, and
// acm-tidy checks a configuration against it before any file is checked.
//
// Checks room: clang-tidy glue. This header itself needs no clang-tidy.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_CHECKS_ACMOPTIONS_H
#define ACM_CHECKS_ACMOPTIONS_H

#include "Model/ModelOptions.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace acm {

/// The prefix of the options all acm checks share: "acm.ExitOps".
inline constexpr llvm::StringLiteral SharedOptionPrefix = "acm";

/// The name of every option an acm check reads ("ExitOps", "Types", ...).
std::vector<llvm::StringRef> acmOptionNames();

/// The model options that \p Get gives, by option name (std::nullopt:
/// unset). An unset option keeps ModelOptions' default where it has one;
/// a value that is invalid is read as best it can be (see
/// acmOptionValueProblems).
ModelOptions readModelOptions(
    llvm::function_ref<std::optional<llvm::StringRef>(llvm::StringRef Name)>
        Get);

/// Calls \p Store with the name and value of every option, as text that
/// readModelOptions reads back.
void storeModelOptions(
    const ModelOptions &Options,
    llvm::function_ref<void(llvm::StringRef Name, llvm::StringRef Value)>
        Store);

/// What is wrong with \p Value for the option named \p Name, one message
/// per problem; empty when the value is valid or the name is not an acm
/// option.
std::vector<std::string> acmOptionValueProblems(llvm::StringRef Name,
                                                llvm::StringRef Value);

/// Whether the CheckOptions key \p Key is under the acm prefixes: "acm." or
/// "acm-<anything>.". Other keys belong to other checks.
bool isAcmOptionKey(llvm::StringRef Key);

/// The acm option that the key \p Key sets ("ExitOps" for
/// "acm-missing-exit-await.ExitOps"), or std::nullopt when the key is not
/// an acm check's or the shared prefix's, or the option does not exist.
std::optional<llvm::StringRef> acmOptionOfKey(llvm::StringRef Key);

/// For a key under the acm prefixes that no acm check reads, what is wrong
/// with it, with the closest known key: "unknown option 'acm.ExitOpz'; did
/// you mean 'acm.ExitOps'?". std::nullopt for known keys and for keys that
/// are not under the acm prefixes.
std::optional<std::string> unknownAcmOptionKey(llvm::StringRef Key);

} // namespace acm

#endif // ACM_CHECKS_ACMOPTIONS_H
