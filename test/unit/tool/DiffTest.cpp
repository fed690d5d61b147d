//===- DiffTest.cpp - Unit tests of --diff's parser ----------------------===//

#include "Diff.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

namespace acm {
namespace {

/// A directory with one file in it, removed at the end of the test.
class DiffTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("acm-diff", Root));
    llvm::SmallString<128> File(Root);
    llvm::sys::path::append(File, "a.cpp");
    std::error_code EC;
    llvm::raw_fd_ostream(File, EC) << "1\n2\n3\n4\n5\n";
    ASSERT_FALSE(EC);
    Path = std::string(File);
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }

  llvm::SmallString<128> Root;
  std::string Path;
};

TEST_F(DiffTest, AddedLinesAreChangedAndContextLinesAreNot) {
  auto Changed = ChangedLines::parse("--- a/a.cpp\n"
                                     "+++ b/a.cpp\n"
                                     "@@ -1,3 +1,4 @@\n"
                                     " 1\n"
                                     "+2\n"
                                     " 3\n"
                                     " 4\n",
                                     Root);
  ASSERT_TRUE(bool(Changed)) << llvm::toString(Changed.takeError());
  ASSERT_EQ(Changed->files().size(), 1u);
  std::string File = Changed->files().front();
  EXPECT_FALSE(Changed->contains(File, 1));
  EXPECT_TRUE(Changed->contains(File, 2));
  EXPECT_FALSE(Changed->contains(File, 3));
}

} // namespace
} // namespace acm
