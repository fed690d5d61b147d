//===- TempDirTest.h - A test fixture with a directory of its own ---------===//

#ifndef ACM_TEST_UNIT_TOOL_TEMPDIRTEST_H
#define ACM_TEST_UNIT_TOOL_TEMPDIRTEST_H

#include "Results.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"
#include <string>

namespace acm {

/// A temporary directory (Root, canonical), removed at the end of the test.
class TempDirTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> Dir;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("acm-test", Dir));
    Root = canonicalPath(Dir);
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }

  /// Writes \p Text to \p Name under Root; returns its path.
  std::string save(llvm::StringRef Name, llvm::StringRef Text) {
    std::string File = absolutePath(Name, Root);
    std::error_code EC;
    llvm::raw_fd_ostream(File, EC) << Text;
    EXPECT_FALSE(EC) << EC.message();
    return File;
  }

  std::string Root;
};

} // namespace acm

#endif // ACM_TEST_UNIT_TOOL_TEMPDIRTEST_H
