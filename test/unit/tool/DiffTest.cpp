//===- DiffTest.cpp - Unit tests of --diff's parser ----------------------===//

#include "Diff.h"
#include "Results.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

namespace acm {
namespace {

using Files = std::vector<std::string>;

/// A directory with one file in it, removed at the end of the test.
class DiffTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("acm-diff", Root));
    Path = file("a.cpp");
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }

  /// Creates \p Name (which may be in a subdirectory) under Root; returns
  /// its canonical path, as files() names it.
  std::string file(llvm::StringRef Name) {
    llvm::SmallString<128> File(Root);
    llvm::sys::path::append(File, Name);
    EXPECT_FALSE(
        llvm::sys::fs::create_directories(llvm::sys::path::parent_path(File)));
    std::error_code EC;
    llvm::raw_fd_ostream(File, EC) << "1\n2\n3\n4\n5\n";
    EXPECT_FALSE(EC) << EC.message();
    return canonicalPath(File);
  }

  /// The canonical path \p Name would have under Root.
  std::string missing(llvm::StringRef Name) {
    return canonicalPath(absolutePath(Name, Root));
  }

  ChangedLines parse(llvm::StringRef Diff) {
    auto Changed = ChangedLines::parse(Diff, Root);
    if (!Changed) {
      ADD_FAILURE() << llvm::toString(Changed.takeError());
      return {};
    }
    return std::move(*Changed);
  }

  /// The error parsing \p Diff gives, or "" when it parses.
  std::string parseError(llvm::StringRef Diff) {
    auto Changed = ChangedLines::parse(Diff, Root);
    return Changed ? "" : llvm::toString(Changed.takeError());
  }

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

TEST_F(DiffTest, DeletedLinesTouchTheLinesOnEitherSide) {
  // git diff -U0: lines 3 and 4 deleted; the new file goes on at line 3.
  ChangedLines Changed = parse("--- a/a.cpp\n"
                               "+++ b/a.cpp\n"
                               "@@ -3,2 +2,0 @@\n"
                               "-3\n"
                               "-4\n");
  EXPECT_EQ(Changed.files(), Files{Path});
  EXPECT_FALSE(Changed.contains(Path, 1));
  EXPECT_TRUE(Changed.contains(Path, 2));
  EXPECT_TRUE(Changed.contains(Path, 3));
  EXPECT_FALSE(Changed.contains(Path, 4));
}

TEST_F(DiffTest, DeletedLineAmidContextTouchesItsNeighbours) {
  ChangedLines Changed = parse("--- a/a.cpp\n"
                               "+++ b/a.cpp\n"
                               "@@ -1,4 +1,3 @@\n"
                               " 1\n"
                               "-gone\n"
                               " 2\n"
                               " 3\n");
  EXPECT_TRUE(Changed.contains(Path, 1));
  EXPECT_TRUE(Changed.contains(Path, 2));
  EXPECT_FALSE(Changed.contains(Path, 3));
}

TEST_F(DiffTest, DeletingTheFirstLinesTouchesTheNewFirstLine) {
  ChangedLines Changed = parse("--- a/a.cpp\n"
                               "+++ b/a.cpp\n"
                               "@@ -1 +0,0 @@\n"
                               "-0\n");
  EXPECT_FALSE(Changed.contains(Path, 0));
  EXPECT_TRUE(Changed.contains(Path, 1));
  EXPECT_FALSE(Changed.contains(Path, 2));
}

TEST_F(DiffTest, HunksOfSeveralFilesCountForTheirOwnFile) {
  std::string B = file("b.cpp");
  ChangedLines Changed = parse("--- a/b.cpp\n"
                               "+++ b/b.cpp\n"
                               "@@ -4,0 +5 @@\n"
                               "+5\n"
                               "--- a/a.cpp\n"
                               "+++ b/a.cpp\n"
                               "@@ -1 +1 @@\n"
                               "-one\n"
                               "+1\n"
                               "@@ -3,0 +4 @@\n"
                               "+4\n");
  EXPECT_EQ(Changed.files(), (Files{Path, B}));
  EXPECT_TRUE(Changed.contains(Path, 1));
  EXPECT_TRUE(Changed.contains(Path, 4));
  EXPECT_FALSE(Changed.contains(Path, 5));
  EXPECT_TRUE(Changed.contains(B, 5));
  EXPECT_FALSE(Changed.contains(B, 1));
  EXPECT_FALSE(Changed.contains(B, 4));
}

TEST_F(DiffTest, GitHeadersLoseTheirPrefixesEvenForANewFile) {
  std::string New = file("src/new.cpp");
  ChangedLines Changed = parse("diff --git a/src/new.cpp b/src/new.cpp\n"
                               "new file mode 100644\n"
                               "index 0000000..8a1218a\n"
                               "--- /dev/null\n"
                               "+++ b/src/new.cpp\n"
                               "@@ -0,0 +1,2 @@\n"
                               "+1\n"
                               "+2\n");
  EXPECT_EQ(Changed.files(), Files{New});
  EXPECT_TRUE(Changed.contains(New, 1));
  EXPECT_TRUE(Changed.contains(New, 2));
  EXPECT_FALSE(Changed.contains(New, 3));
}

TEST_F(DiffTest, PlainDiffHeadersDropTheDateAndKeepADirectoryNamedB) {
  // diff -u old/x.cpp b/x.cpp: "b/" is a directory, not git's prefix.
  std::string X = file("b/x.cpp");
  ChangedLines Changed =
      parse("--- old/x.cpp\t2024-05-01 10:00:00.000000000 +0200\n"
            "+++ b/x.cpp\t2024-05-02 11:30:00.000000000 +0200\n"
            "@@ -2 +2 @@\n"
            "-two\n"
            "+2\n");
  EXPECT_EQ(Changed.files(), Files{X});
  EXPECT_TRUE(Changed.contains(X, 2));
}

TEST_F(DiffTest, QuotedPathsAreUnescaped) {
  // Git quotes "café.cpp" with octal escapes for the bytes of 'é'.
  std::string Cafe = file("caf\xC3\xA9.cpp");
  std::string Quoted = file("say \"hi\".cpp");
  ChangedLines Changed =
      parse("diff --git \"a/caf\\303\\251.cpp\" \"b/caf\\303\\251.cpp\"\n"
            "--- \"a/caf\\303\\251.cpp\"\n"
            "+++ \"b/caf\\303\\251.cpp\"\n"
            "@@ -3 +3 @@\n"
            "-three\n"
            "+3\n"
            "diff --git \"a/say \\\"hi\\\".cpp\" \"b/say \\\"hi\\\".cpp\"\n"
            "--- \"a/say \\\"hi\\\".cpp\"\n"
            "+++ \"b/say \\\"hi\\\".cpp\"\n"
            "@@ -1,0 +2 @@\n"
            "+2\n");
  EXPECT_EQ(Changed.files(), (Files{Cafe, Quoted}));
  EXPECT_TRUE(Changed.contains(Cafe, 3));
  EXPECT_TRUE(Changed.contains(Quoted, 2));
}

TEST_F(DiffTest, DeletedFileHasNoChangedLines) {
  std::string B = file("b.cpp");
  ChangedLines Changed = parse("diff --git a/a.cpp b/a.cpp\n"
                               "deleted file mode 100644\n"
                               "--- a/a.cpp\n"
                               "+++ /dev/null\n"
                               "@@ -1,2 +0,0 @@\n"
                               "-1\n"
                               "-2\n"
                               "diff --git a/b.cpp b/b.cpp\n"
                               "--- a/b.cpp\n"
                               "+++ b/b.cpp\n"
                               "@@ -2,0 +3 @@\n"
                               "+3\n");
  EXPECT_EQ(Changed.files(), Files{B});
  EXPECT_FALSE(Changed.contains(Path, 1));
  EXPECT_TRUE(Changed.contains(B, 3));
}

TEST_F(DiffTest, RenamedFileCountsUnderItsNewName) {
  ChangedLines Changed = parse("diff --git a/old.cpp b/a.cpp\n"
                               "similarity index 80%\n"
                               "rename from old.cpp\n"
                               "rename to a.cpp\n"
                               "--- a/old.cpp\n"
                               "+++ b/a.cpp\n"
                               "@@ -2 +2 @@\n"
                               "-two\n"
                               "+2\n");
  EXPECT_EQ(Changed.files(), Files{Path});
  EXPECT_TRUE(Changed.contains(Path, 2));
  EXPECT_FALSE(Changed.contains(missing("old.cpp"), 2));
}

TEST_F(DiffTest, NoNewlineMarkersAreNotLines) {
  ChangedLines Changed = parse("--- a/a.cpp\n"
                               "+++ b/a.cpp\n"
                               "@@ -4,2 +4,2 @@\n"
                               " 4\n"
                               "-five\n"
                               "\\ No newline at end of file\n"
                               "+5\n"
                               "\\ No newline at end of file\n");
  EXPECT_EQ(Changed.files(), Files{Path});
  EXPECT_TRUE(Changed.contains(Path, 5));
  EXPECT_FALSE(Changed.contains(Path, 6));
}

TEST_F(DiffTest, CrlfLinesParseLikeLfLines) {
  ChangedLines Changed = parse("diff --git a/a.cpp b/a.cpp\r\n"
                               "--- a/a.cpp\r\n"
                               "+++ b/a.cpp\r\n"
                               "@@ -1,3 +1,4 @@\r\n"
                               " 1\r\n"
                               "+2\r\n"
                               " 3\r\n"
                               " 4\r\n");
  EXPECT_EQ(Changed.files(), Files{Path});
  EXPECT_FALSE(Changed.contains(Path, 1));
  EXPECT_TRUE(Changed.contains(Path, 2));
  EXPECT_FALSE(Changed.contains(Path, 3));
}

TEST_F(DiffTest, FilesListsOnlyFilesThatExist) {
  // A regression test: a changed file that is gone was listed, and --diff
  // then tried to check it.
  ChangedLines Changed = parse("--- a/gone.cpp\n"
                               "+++ b/gone.cpp\n"
                               "@@ -1 +1 @@\n"
                               "-one\n"
                               "+1\n"
                               "--- a/a.cpp\n"
                               "+++ b/a.cpp\n"
                               "@@ -1 +1 @@\n"
                               "-one\n"
                               "+1\n");
  EXPECT_EQ(Changed.files(), Files{Path});
}

TEST_F(DiffTest, ContextOnlyHunksListNoFile) {
  ChangedLines Changed = parse("--- a/a.cpp\n"
                               "+++ b/a.cpp\n"
                               "@@ -1,2 +1,2 @@\n"
                               " 1\n"
                               " 2\n");
  EXPECT_EQ(Changed.files(), Files{});
}

TEST_F(DiffTest, MalformedHunkHeaderIsAnError) {
  EXPECT_EQ(parseError("--- a/a.cpp\n"
                       "+++ b/a.cpp\n"
                       "@@ -1,x +1 @@\n"
                       "+1\n"),
            "malformed hunk header at line 3");
  EXPECT_EQ(parseError("--- a/a.cpp\n"
                       "+++ b/a.cpp\n"
                       "@@ 1 +1 @@\n"),
            "malformed hunk header at line 3");
  EXPECT_EQ(parseError("--- a/a.cpp\n"
                       "+++ b/a.cpp\n"
                       "@@ -1\n"),
            "malformed hunk header at line 3");
}

TEST_F(DiffTest, HunkShorterThanItsHeaderIsAnError) {
  EXPECT_EQ(parseError("--- a/a.cpp\n"
                       "+++ b/a.cpp\n"
                       "@@ -1,3 +1,3 @@\n"
                       " 1\n"
                       "@@ -5 +5 @@\n"
                       "-five\n"
                       "+5\n"),
            "malformed diff at line 5: hunk shorter than its header says");
}

TEST_F(DiffTest, HunkWithMoreLinesOfOneSideThanItsHeaderIsAnError) {
  EXPECT_EQ(parseError("--- a/a.cpp\n"
                       "+++ b/a.cpp\n"
                       "@@ -1 +1,2 @@\n"
                       "-one\n"
                       "-two\n"
                       "+1\n"),
            "malformed diff at line 5: hunk longer than its header says");
}

TEST_F(DiffTest, DiffEndingInsideAHunkIsAnError) {
  EXPECT_EQ(parseError("--- a/a.cpp\n"
                       "+++ b/a.cpp\n"
                       "@@ -1,3 +1,3 @@\n"
                       " 1"),
            "the diff ends inside a hunk");
}

TEST_F(DiffTest, DiffEndingInsideAHunkWithAFinalNewlineIsAnError) {
  // A regression test: what follows the final newline counted as an empty
  // context line, so a hunk cut short was accepted.
  EXPECT_EQ(parseError("--- a/a.cpp\n"
                       "+++ b/a.cpp\n"
                       "@@ -1,3 +1,3 @@\n"
                       " 1\n"
                       " 2\n"),
            "the diff ends inside a hunk");
}

TEST_F(DiffTest, EmptyDiffChangesNothing) {
  for (llvm::StringRef Empty : {"", "\n", "  \n\t\n"}) {
    ChangedLines Changed = parse(Empty);
    EXPECT_EQ(Changed.files(), Files{});
    EXPECT_EQ(Changed.changedFileCount(), 0u);
  }
}

TEST_F(DiffTest, TextThatIsNoDiffIsAnError) {
  // What a failed git diff prints, with 2>&1.
  EXPECT_EQ(parseError("fatal: ambiguous argument 'origin/mian...HEAD': "
                       "unknown revision or path not in the working tree.\n"
                       "Use '--' to separate paths from revisions\n"),
            "the input is not a unified diff (no 'diff --git' or '+++ ' "
            "line); its first line is 'fatal: ambiguous argument "
            "'origin/mian...HEAD': unknown revision or path not in ...'");
  // git diff --stat.
  EXPECT_EQ(parseError("\n a.cpp | 2 +-\n 1 file changed\n"),
            "the input is not a unified diff (no 'diff --git' or '+++ ' "
            "line); its first line is 'a.cpp | 2 +-'");
}

TEST_F(DiffTest, HunkBeforeAnyFileHeaderIsAnError) {
  EXPECT_EQ(parseError("@@ -1 +1 @@\n"
                       "-one\n"
                       "+1\n"),
            "malformed diff at line 1: a hunk before any '+++ ' file header");
}

TEST_F(DiffTest, ChangedFilesAreCountedOnceEvenWithoutLines) {
  ChangedLines Changed = parse("diff --git a/a.cpp b/a.cpp\n"
                               "--- a/a.cpp\n"
                               "+++ b/a.cpp\n"
                               "@@ -1 +1 @@\n"
                               "-one\n"
                               "+1\n"
                               "diff --git a/logo.png b/logo.png\n"
                               "index 1234567..89abcde 100644\n"
                               "Binary files a/logo.png and b/logo.png differ\n"
                               "diff --git a/old.cpp b/old.cpp\n"
                               "deleted file mode 100644\n"
                               "--- a/old.cpp\n"
                               "+++ /dev/null\n"
                               "@@ -1 +0,0 @@\n"
                               "-gone\n");
  EXPECT_EQ(Changed.changedFileCount(), 3u);
  EXPECT_EQ(Changed.files(), Files{Path});
  // Without git's headers, each "+++ " line is a file.
  EXPECT_EQ(parse("--- a.cpp\n"
                  "+++ a.cpp\n"
                  "@@ -1 +1 @@\n"
                  "-one\n"
                  "+1\n"
                  "--- b.cpp\n"
                  "+++ b.cpp\n"
                  "@@ -1 +1 @@\n"
                  "-one\n"
                  "+1\n")
                .changedFileCount(),
            2u);
}

TEST(LineFilter, NamesMatchWholePathComponentsAtTheEnd) {
  auto Filter = LineFilter::parse(
      R"([{"name":"src/a.cpp","lines":[[1,3],[5,5]]},{"name":"b.h"}])");
  ASSERT_TRUE(bool(Filter)) << llvm::toString(Filter.takeError());
  EXPECT_TRUE(Filter->contains("/repo/src/a.cpp", 2));
  EXPECT_TRUE(Filter->contains("/repo/src/a.cpp", 5));
  EXPECT_FALSE(Filter->contains("/repo/src/a.cpp", 4));
  EXPECT_FALSE(Filter->contains("/repo/othersrc/a.cpp", 2));
  // No "lines": the whole file.
  EXPECT_TRUE(Filter->contains("/repo/include/b.h", 1000));
  EXPECT_FALSE(Filter->contains("/repo/include/ab.h", 1));
  // A file no entry names.
  EXPECT_FALSE(Filter->contains("/repo/src/c.cpp", 1));
}

TEST(LineFilter, RejectsWhatIsNotClangTidysSyntax) {
  for (const char *Text :
       {"", "{}", "[1]", R"([{"lines":[[1,2]]}])",
        R"([{"name":"a.cpp","lines":[[2,1]]}])",
        R"([{"name":"a.cpp","lines":[[-1,2]]}])",
        R"([{"name":"a.cpp","lines":[1,2]}])"}) {
    auto Filter = LineFilter::parse(Text);
    EXPECT_FALSE(bool(Filter)) << Text;
    llvm::consumeError(Filter.takeError());
  }
  std::string Deep = std::string(300, '[') + std::string(300, ']');
  auto Filter = LineFilter::parse(Deep);
  ASSERT_FALSE(bool(Filter));
  EXPECT_NE(llvm::toString(Filter.takeError()).find("nests more than"),
            std::string::npos);
}

} // namespace
} // namespace acm
