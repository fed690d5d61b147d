//===- CatalogTest.cpp - Unit tests of the check catalog ------------------===//

#include "Checks/CheckCatalog.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "gtest/gtest.h"

namespace acm {
namespace {

TEST(CheckCatalog, EveryFindingKindIsReportedByExactlyOneCheck) {
  for (unsigned K = 0; K < NumFindingKinds; ++K) {
    auto Kind = FindingKind(K);
    unsigned Reporting = 0;
    for (const CheckInfo &Check : checkCatalog())
      Reporting += Check.reports(Kind);
    EXPECT_EQ(Reporting, 1u) << findingKindId(Kind).str();
    EXPECT_TRUE(checkFor(Kind).reports(Kind));
  }
}

TEST(CheckCatalog, NamesAreUniqueSortedAndFound) {
  llvm::StringSet<> Names, SarifNames;
  llvm::StringRef Previous;
  for (const CheckInfo &Check : checkCatalog()) {
    EXPECT_TRUE(Check.Name.starts_with("acm-"));
    EXPECT_TRUE(Names.insert(Check.Name).second) << Check.Name.str();
    EXPECT_TRUE(SarifNames.insert(Check.SarifName).second);
    EXPECT_LT(Previous, Check.Name);
    Previous = Check.Name;
    EXPECT_EQ(findCheck(Check.Name), &Check);
    EXPECT_FALSE(Check.Summary.empty());
    EXPECT_FALSE(Check.Help.empty());
  }
  EXPECT_EQ(findCheck("bugprone-use-after-move"), nullptr);
}

TEST(CheckCatalog, EveryCheckHasItsDocumentationPage) {
  for (const CheckInfo &Check : checkCatalog()) {
    llvm::SmallString<256> Page(ACM_DOCS_DIR);
    llvm::sys::path::append(Page, Check.docPath());
    EXPECT_TRUE(llvm::sys::fs::exists(Page)) << Page.str().str();
  }
}

TEST(CheckCatalog, KindIdsAreDistinct) {
  llvm::StringSet<> Ids;
  for (unsigned K = 0; K < NumFindingKinds; ++K)
    EXPECT_TRUE(Ids.insert(findingKindId(FindingKind(K))).second);
}

} // namespace
} // namespace acm
