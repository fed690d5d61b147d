//===- Profiles.h - Protocol descriptions of real libraries ---------------===//
//
// A profile describes, per type of a library, which operations enter an
// object (make its exit due; they may be synchronous, like AsyncScope::add),
// which exit it (must be awaited), whether it is entered from birth, and
// whether entering it again after its exit is an error. Users describe their
// own types in the same text form through the Types option.
//
// The text form is a sequence of entries:
//
//   ns::Type{enter: op, op; exit: op, op; entered; once}
//
// A type may carry a template-argument pattern, "*" matching any argument:
// folly::coro::AsyncGenerator<*, *, true>. The type "*" stands for any class
// that has the listed operations (Boost.Cobalt's await_exit).
//
//===----------------------------------------------------------------------===//

#ifndef ACM_MODEL_PROFILES_H
#define ACM_MODEL_PROFILES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class CXXRecordDecl;
} // namespace clang

namespace acm {

struct TypeSpec {
  /// Qualified name, without template arguments, or "*".
  std::string Name;
  /// Template-argument patterns; empty when any specialization matches.
  std::vector<std::string> ArgPatterns;
  /// Operations whose call enters the object, awaited or not.
  std::vector<std::string> EnterOps;
  /// Operations that exit it; their result must be awaited.
  std::vector<std::string> ExitOps;
  /// Entered from the moment it exists (a closeable).
  bool BornEntered = false;
  /// Entering it again after its exit is an error.
  bool SingleUse = false;

  bool isWildcard() const { return Name == "*"; }
  /// True if \p Record is this type (ignores the wildcard).
  bool matches(const clang::CXXRecordDecl *Record) const;
};

struct Profile {
  llvm::StringLiteral Name;
  llvm::StringLiteral Library;
  /// Entries in the text form above.
  llvm::StringLiteral Types;
  /// Functions that take over the exit of the objects passed to them.
  llvm::StringLiteral Helpers;
  /// Free functions that enter the object passed as their first argument.
  llvm::StringLiteral EnterFunctions = "";
};

/// The built-in profiles, all enabled unless named in DisabledProfiles.
llvm::ArrayRef<Profile> builtinProfiles();

/// Parses entries in the text form; on a syntax error sets \p Error and
/// returns the entries parsed so far.
std::vector<TypeSpec> parseTypeSpecs(llvm::StringRef Text, std::string &Error);

} // namespace acm

#endif // ACM_MODEL_PROFILES_H
