//===- ModelOptions.cpp ---------------------------------------------------===//

#include "Model/ModelOptions.h"

#include "llvm/ADT/SmallVector.h"
#include <algorithm>

using llvm::StringRef;

namespace acm {

std::vector<std::string> ModelOptions::parseList(StringRef List) {
  std::vector<std::string> Names;
  std::string Normalized = List.str();
  std::replace(Normalized.begin(), Normalized.end(), ',', ';');
  llvm::SmallVector<StringRef, 8> Parts;
  StringRef(Normalized).split(Parts, ';');
  for (StringRef Part : Parts) {
    Part = Part.trim();
    if (!Part.empty())
      Names.push_back(Part.str());
  }
  return Names;
}

std::string ModelOptions::joinList(const std::vector<std::string> &Names) {
  std::string Out;
  for (const std::string &Name : Names) {
    if (!Out.empty())
      Out += ';';
    Out += Name;
  }
  return Out;
}

std::vector<std::string> ModelOptions::defaultFatalFailureMacros() {
  // gtest (gtest.h), folly (folly/coro/GtestHelpers.h), Catch2
  // (catch_test_macros.hpp) and Boost.Test (tools/old/interface.hpp,
  // tools/interface.hpp).
  return parseList("ASSERT_*;FAIL;GTEST_FAIL*;CO_ASSERT_*;CO_FAIL;REQUIRE*;"
                   "CATCH_REQUIRE*;CATCH_FAIL;BOOST_REQUIRE*;BOOST_FAIL;"
                   "BOOST_TEST_REQUIRE");
}

std::string ModelOptions::fingerprint() const {
  return joinList(EnterOps) + "|" + joinList(ExitOps) + "|" +
         joinList(CloseOps) + "|" + joinList(ExitHelpers) + "|" +
         joinList(GeneratorManagers) + "|" + joinList(OwnerExits) + "|" +
         joinList(DisabledProfiles) + "|" + Types + "|" +
         (CheckExceptionPaths ? "eh" : "") + "|" +
         joinList(FatalFailureMacros);
}

} // namespace acm
