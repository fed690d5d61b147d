//===- ModelOptions.h - What users configure about the protocol -----------===//
//
// The settings every acm check shares: name lists of ops and helpers, the
// user's own types, the profiles switched off, and whether exception paths
// are followed. clang-tidy's options become these in lib/Checks.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_MODEL_MODELOPTIONS_H
#define ACM_MODEL_MODELOPTIONS_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace acm {

/// User configuration of the model. Names are qualified C++ names; a name
/// without a leading "::" also matches as a suffix on a "::" boundary, as
/// clang-tidy's name lists do ("Conn::close" matches "net::Conn::close").
struct ModelOptions {
  std::vector<std::string> EnterOps;
  std::vector<std::string> ExitOps;
  std::vector<std::string> CloseOps;
  /// Functions that take over the exit of every protocol object passed to
  /// them (like a parameter annotated acm::takes_exit).
  std::vector<std::string> ExitHelpers;
  /// Coroutines (qualified function names) that are generator-based managers.
  std::vector<std::string> GeneratorManagers;
  /// Methods (qualified names) that end their class's life as a protocol
  /// object: they must exit every member that owes an exit.
  std::vector<std::string> OwnerExits;
  /// Built-in library profiles switched off, by name.
  std::vector<std::string> DisabledProfiles;
  /// The user's own types, in the text form of Profiles.h.
  std::string Types;
  /// Also follow the paths on which a call throws: report exits they skip.
  bool CheckExceptionPaths = false;
  /// Macros of test frameworks whose failure ends the test (gtest's
  /// ASSERT_*, folly's CO_ASSERT_*, Catch2's REQUIRE, Boost.Test's
  /// BOOST_REQUIRE*): a path on which one fails owes no exit. A name ending
  /// in '*' matches every macro it begins.
  std::vector<std::string> FatalFailureMacros = defaultFatalFailureMacros();

  /// The default of FatalFailureMacros.
  static std::vector<std::string> defaultFatalFailureMacros();

  /// Parses a semicolon- or comma-separated list, trimming blanks.
  static std::vector<std::string> parseList(llvm::StringRef List);
  /// The inverse of parseList.
  static std::string joinList(const std::vector<std::string> &Names);
  /// A stable text form of all settings, for caching analysis results.
  std::string fingerprint() const;
};

} // namespace acm

#endif // ACM_MODEL_MODELOPTIONS_H
