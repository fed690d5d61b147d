//===- ResultsTest.cpp - Unit tests of located results and paths ----------===//

#include "Results.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "TempDirTest.h"
#include "gtest/gtest.h"

using clang::tidy::ClangTidyError;

namespace acm {
namespace {

/// A result of \p Check reported by the translation unit built in \p
/// BuildDirectory, at \p Offset of \p File.
Result result(llvm::StringRef Check, llvm::StringRef File, unsigned Offset,
              llvm::StringRef Message,
              llvm::StringRef BuildDirectory = "/build") {
  ClangTidyError Error(Check, ClangTidyError::Warning, BuildDirectory,
                       /*IsWarningAsError=*/false);
  Error.Message.Message = Message.str();
  Error.Message.FilePath = File.str();
  Error.Message.FileOffset = Offset;
  Result R(std::move(Error));
  R.Main.File = File.str();
  R.Main.Message = Message.str();
  return R;
}

/// "check file:offset message" of each result.
std::vector<std::string> describe(llvm::ArrayRef<Result> Results) {
  std::vector<std::string> Out;
  for (const Result &R : Results)
    Out.push_back((R.check() + " " + R.Main.File + ":" +
                   llvm::Twine(R.Error.Message.FileOffset) + " " +
                   R.Main.Message)
                      .str());
  return Out;
}

class ResultsTest : public TempDirTest {
protected:

};

TEST(RelativePath, InsideTheRootIsRelativeWithSlashes) {
  EXPECT_EQ(relativePath("/p/src/net/a.cpp", "/p"), "src/net/a.cpp");
  EXPECT_EQ(relativePath("/p/src/a.cpp", "/p/"), "src/a.cpp");
}

TEST(RelativePath, OutsideTheRootIsUnchanged) {
  EXPECT_EQ(relativePath("/q/a.cpp", "/p"), "/q/a.cpp");
  // A sibling whose name starts with the root's is not inside it.
  EXPECT_EQ(relativePath("/p2/a.cpp", "/p"), "/p2/a.cpp");
  EXPECT_EQ(relativePath("/p/a.cpp", ""), "/p/a.cpp");
}

TEST(AbsolutePath, ResolvesAgainstTheDirectoryWithoutDots) {
  EXPECT_EQ(absolutePath("../src/./a.cpp", "/p/build"), "/p/src/a.cpp");
  EXPECT_EQ(absolutePath("/p/x/../a.cpp", "/elsewhere"), "/p/a.cpp");
}

TEST_F(ResultsTest, CanonicalPathResolvesSymbolicLinks) {
  std::string File = save("a.cpp", "");
  std::string Link = Root + "/link";
  ASSERT_FALSE(llvm::sys::fs::create_link(Root, Link));
  EXPECT_EQ(canonicalPath(Link + "/a.cpp"), File);
  // A file that does not exist is made absolute.
  EXPECT_EQ(canonicalPath(Root + "/x/../missing.cpp"), Root + "/missing.cpp");
}

TEST(SortAndDeduplicate, DropsTheCopyAnotherTranslationUnitReported) {
  std::vector<Result> Results = {
      result("acm-use-after-exit", "/p/b.cpp", 5, "b", "/build/one"),
      result("acm-use-after-exit", "/p/h.h", 40, "h", "/build/one"),
      result("acm-use-after-exit", "/p/a.cpp", 9, "a", "/build/two"),
      result("acm-use-after-exit", "/p/h.h", 40, "h", "/build/two"),
  };
  sortAndDeduplicate(Results);
  EXPECT_EQ(describe(Results), (std::vector<std::string>{
                                   "acm-use-after-exit /p/a.cpp:9 a",
                                   "acm-use-after-exit /p/b.cpp:5 b",
                                   "acm-use-after-exit /p/h.h:40 h",
                               }));
}

TEST(SortAndDeduplicate, OrdersByFileOffsetCheckAndMessage) {
  std::vector<Result> Results = {
      result("acm-use-after-exit", "/p/a.cpp", 20, "x"),
      result("acm-use-after-exit", "/p/a.cpp", 10, "y"),
      result("acm-missing-exit-await", "/p/a.cpp", 10, "z"),
      result("acm-use-after-exit", "/p/a.cpp", 10, "x"),
      result("acm-missing-exit-await", "/a.cpp", 30, "w"),
  };
  sortAndDeduplicate(Results);
  EXPECT_EQ(describe(Results), (std::vector<std::string>{
                                   "acm-missing-exit-await /a.cpp:30 w",
                                   "acm-missing-exit-await /p/a.cpp:10 z",
                                   "acm-use-after-exit /p/a.cpp:10 x",
                                   "acm-use-after-exit /p/a.cpp:10 y",
                                   "acm-use-after-exit /p/a.cpp:20 x",
                               }));
}

TEST_F(ResultsTest, PositionCountsColumnsInBytesAndCodePoints) {
  // Line 2 is `  "é" y;` and 'é' takes two bytes: 'y' is at byte 7 of it.
  std::string File = save("a.cpp", "int x;\n  \"\xC3\xA9\" y;\n");
  SourcePositions Positions;
  Position Pos = Positions.position(File, 7 + 7);
  EXPECT_EQ(Pos.Line, 2u);
  EXPECT_EQ(Pos.Column, 8u);
  EXPECT_EQ(Pos.CharColumn, 7u);
  Position First = Positions.position(File, 0);
  EXPECT_EQ(First.Line, 1u);
  EXPECT_EQ(First.Column, 1u);
  EXPECT_EQ(First.CharColumn, 1u);
}

TEST_F(ResultsTest, PositionIsUnknownPastTheEndOrInAMissingFile) {
  std::string File = save("a.cpp", "ab\n");
  SourcePositions Positions;
  EXPECT_EQ(Positions.position(File, 3).Line, 2u); // The end is a position.
  EXPECT_EQ(Positions.position(File, 4).Line, 0u);
  EXPECT_EQ(Positions.position(Root + "/missing.cpp", 0).Line, 0u);
}

TEST_F(ResultsTest, LocateMakesPathsAbsoluteAndFindsPositions) {
  std::string File = save("a.cpp", "int x;\nint value;\n");
  ClangTidyError Error("acm-use-after-exit", ClangTidyError::Warning, Root,
                       /*IsWarningAsError=*/false);
  Error.Message.Message = "use of 'value'";
  Error.Message.FilePath = "a.cpp";
  Error.Message.FileOffset = 11;
  SourcePositions Positions;
  std::vector<Result> Results = locate({Error}, Positions);
  ASSERT_EQ(Results.size(), 1u);
  EXPECT_EQ(Results[0].Main.File, File);
  EXPECT_EQ(Results[0].Main.Pos.Line, 2u);
  EXPECT_EQ(Results[0].Main.Pos.Column, 5u);
  // The end of the identifier "value".
  EXPECT_EQ(Results[0].Main.End.Column, 10u);
}

TEST(FileNames, OnlyNamesThatAreNotUtf8AreEncoded) {
  EXPECT_EQ(encodeFileName("src/caf\xc3\xa9 100%.cpp"),
            "src/caf\xc3\xa9 100%.cpp");
  EXPECT_EQ(encodeFileName("src/caf\xe9 100%.cpp"), "src/caf%E9 100%25.cpp");
}

TEST(JsonNesting, CountsArraysAndObjectsButNotStrings) {
  EXPECT_FALSE(jsonNestsDeeperThan(R"([{"a": [1]}])", 3));
  EXPECT_TRUE(jsonNestsDeeperThan(R"([{"a": [1]}])", 2));
  // Brackets in strings, escaped quotes among them, do not nest.
  EXPECT_FALSE(jsonNestsDeeperThan(R"(["[[[", "\"[[[", {"{{": "]]"}])", 2));
  EXPECT_TRUE(jsonNestsDeeperThan(R"(["\\", [[]]])", 2));
  // Closed levels do not add up.
  EXPECT_FALSE(jsonNestsDeeperThan("[[]][[]][[]]", 2));
  // Text that is not JSON is measured all the same.
  EXPECT_TRUE(jsonNestsDeeperThan(std::string(300, '['), 256));
  EXPECT_FALSE(jsonNestsDeeperThan(std::string(256, '['), 256));
}

TEST(YamlNesting, CountsFlowAndBlockCollections) {
  std::string Config = "Checks: '-*,acm-*'\n"
                       "CheckOptions:\n"
                       "  acm.ExitOps: 'db::Tx::commit;db::Tx::rollback'\n"
                       "  acm.Types: '[[:alpha:]]'\n";
  EXPECT_FALSE(yamlNestsDeeperThan(Config, 16));
  EXPECT_FALSE(yamlNestsDeeperThan("", 1));
  // Flow collections, however the lines are split.
  EXPECT_TRUE(yamlNestsDeeperThan(std::string(300, '['), 256));
  EXPECT_TRUE(yamlNestsDeeperThan("[\n[\n[\n[\n", 4));
  // Block collections opened on one line, in every way LLVM's parser
  // accepts.
  for (llvm::StringRef Entry : {"- ", "? ", "a: ", "- a: "}) {
    std::string Line;
    for (int I = 0; I < 300; ++I)
      Line += Entry;
    EXPECT_TRUE(yamlNestsDeeperThan(Line + "x\n", 256)) << Entry.str();
  }
  // And by indentation; a comment or string at the left margin between the
  // lines hides none of it.
  std::string Indented;
  for (int I = 0; I < 300; ++I)
    Indented += std::string(I, ' ') + "a:\n# [\n'\n";
  EXPECT_TRUE(yamlNestsDeeperThan(Indented, 256));
  // Brackets in strings count: no quote can hide them.
  EXPECT_TRUE(yamlNestsDeeperThan("a: '" + std::string(300, '{') + "'", 256));
}

TEST_F(ResultsTest, ReadingJsonNestedTooDeepIsAnErrorNotACrash) {
  // LLVM's parser recurses once per level: this deep, it would overflow
  // the stack.
  std::string Deep =
      save("deep.json", std::string(50000, '[') + std::string(50000, ']'));
  auto Read = readJsonFile(Deep, "a baseline");
  ASSERT_FALSE(Read);
  EXPECT_EQ(llvm::toString(Read.takeError()),
            "'" + Deep +
                "' is not a baseline: it nests more than 256 levels "
                "deep");
  std::string Fine =
      save("fine.json", std::string(200, '[') + std::string(200, ']'));
  auto Parsed = readJsonFile(Fine, "a baseline");
  EXPECT_TRUE(bool(Parsed)) << llvm::toString(Parsed.takeError());
}

} // namespace
} // namespace acm
