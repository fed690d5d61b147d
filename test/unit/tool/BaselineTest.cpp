//===- BaselineTest.cpp - Unit tests of --baseline ------------------------===//

#include "Baseline.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using clang::tidy::ClangTidyError;

namespace acm {
namespace {

constexpr llvm::StringLiteral Check = "acm-missing-exit-await";
constexpr llvm::StringLiteral Message =
    "exit of 'r' is not awaited before 'co_return'";
constexpr llvm::StringLiteral Kind = "missing-exit";

/// A project root (a temporary directory) and findings in it.
class BaselineTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> Dir;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("acm-baseline", Dir));
    Root = canonicalPath(Dir);
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }

  std::string path(llvm::StringRef Relative) {
    return absolutePath(Relative, Root);
  }

  /// A finding at \p Line of \p File (relative to Root), in \p Function
  /// starting at \p FunctionLine.
  Result finding(llvm::StringRef File, unsigned Line,
                 llvm::StringRef Function = "app::serve",
                 unsigned FunctionLine = 10, llvm::StringRef Text = Message) {
    ClangTidyError Error(Check, ClangTidyError::Warning, Root,
                         /*IsWarningAsError=*/false);
    Error.Message.Message = Text.str();
    Error.Message.FilePath = path(File);
    Result R(std::move(Error));
    R.Main.File = path(File);
    R.Main.Pos.Line = Line;
    R.Main.Message = Text.str();
    R.Function = Function.str();
    R.FunctionLine = FunctionLine;
    // As the check gives them, not read from the message.
    R.Kind = Kind.str();
    R.Object = "r";
    return R;
  }

  Result compileError(llvm::StringRef File, unsigned Line) {
    ClangTidyError Error("clang-diagnostic-error", ClangTidyError::Error, Root,
                         /*IsWarningAsError=*/false);
    Error.Message.Message = "use of undeclared identifier 'x'";
    Result R(std::move(Error));
    R.Main.File = path(File);
    R.Main.Pos.Line = Line;
    R.Main.Message = "use of undeclared identifier 'x'";
    return R;
  }

  /// Writes \p Text to \p Name under Root; returns its path.
  std::string save(llvm::StringRef Name, llvm::StringRef Text) {
    std::string File = path(Name);
    std::error_code EC;
    llvm::raw_fd_ostream(File, EC) << Text;
    EXPECT_FALSE(EC) << EC.message();
    return File;
  }

  std::string write(llvm::ArrayRef<Result> Results) {
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    writeBaseline(Results, Root, OS);
    return Text;
  }

  /// \p Results written as a baseline file and read back.
  Baseline recorded(llvm::ArrayRef<Result> Results) {
    auto Known = readBaseline(save("baseline.json", write(Results)));
    if (!Known) {
      ADD_FAILURE() << llvm::toString(Known.takeError());
      return {};
    }
    return std::move(*Known);
  }

  /// The error reading \p Text as a baseline gives, or "" when it reads.
  std::string readError(llvm::StringRef Text) {
    auto Known = readBaseline(save("baseline.json", Text));
    return Known ? "" : llvm::toString(Known.takeError());
  }

  static std::vector<unsigned> lines(llvm::ArrayRef<Result> Results) {
    std::vector<unsigned> Lines;
    for (const Result &R : Results)
      Lines.push_back(R.Main.Pos.Line);
    return Lines;
  }

  std::string Root;
};

TEST_F(BaselineTest, KeyHasRelativeFileFunctionCheckKindAndObject) {
  BaselineKey Key = baselineKey(finding("src/a.cpp", 12), Root);
  EXPECT_EQ(Key.File, "src/a.cpp");
  EXPECT_EQ(Key.Function, "app::serve");
  EXPECT_EQ(Key.Check, Check);
  EXPECT_EQ(Key.Kind, Kind);
  EXPECT_EQ(Key.Object, "r");
}

TEST_F(BaselineTest, SubtractingHandsBackTheKnownFindingsInOrder) {
  Baseline Known = recorded({finding("src/a.cpp", 12), finding("src/c.cpp", 3)});
  std::vector<Result> Now = {finding("src/a.cpp", 12), finding("src/b.cpp", 5),
                             finding("src/c.cpp", 3)};
  std::vector<Result> Removed;
  EXPECT_EQ(subtractBaseline(Now, Known, Root, &Removed), 2u);
  ASSERT_EQ(Now.size(), 1u);
  EXPECT_EQ(baselineKey(Now[0], Root).File, "src/b.cpp");
  ASSERT_EQ(Removed.size(), 2u);
  EXPECT_EQ(baselineKey(Removed[0], Root).File, "src/a.cpp");
  EXPECT_EQ(baselineKey(Removed[1], Root).File, "src/c.cpp");
}

TEST_F(BaselineTest, RewordingAMessageKeepsTheKey) {
  Result Old = finding("src/a.cpp", 12);
  Result Reworded = finding("src/a.cpp", 12, "app::serve", 10,
                            "the exit of 'r' was never awaited: 'co_return'");
  EXPECT_FALSE(baselineKey(Old, Root) < baselineKey(Reworded, Root));
  EXPECT_FALSE(baselineKey(Reworded, Root) < baselineKey(Old, Root));
  // And a finding recorded with the old text is known under the new one.
  Baseline Known = recorded({Old});
  std::vector<Result> Now = {Reworded};
  EXPECT_EQ(subtractBaseline(Now, Known, Root), 1u);
  EXPECT_TRUE(Now.empty());
}

TEST_F(BaselineTest, AnotherKindOrObjectIsAnotherKey) {
  Result Other = finding("src/a.cpp", 12);
  Other.Kind = "use-after-exit";
  Result OtherObject = finding("src/a.cpp", 12);
  OtherObject.Object = "s";
  Baseline Known = recorded({finding("src/a.cpp", 12)});
  std::vector<Result> Now = {Other, OtherObject};
  EXPECT_EQ(subtractBaseline(Now, Known, Root), 0u);
  EXPECT_EQ(Now.size(), 2u);
}

TEST_F(BaselineTest, VersionOneEntriesMatchAnyKind) {
  std::string File =
      save("v1.json",
           R"({"acm-tidy-baseline": 1, "findings": [{"file": "src/a.cpp",
          "function": "app::serve", "check": "acm-missing-exit-await",
          "object": "r", "message": "an older wording",
          "line_in_function": 2}]})");
  auto Known = readBaseline(File);
  ASSERT_TRUE(bool(Known)) << llvm::toString(Known.takeError());
  std::vector<Result> Now = {finding("src/a.cpp", 12)};
  EXPECT_EQ(subtractBaseline(Now, *Known, Root), 1u);
}

TEST_F(BaselineTest, PlaceInFunctionCountsFromTheFunctionsFirstLine) {
  EXPECT_EQ(placeInFunction(finding("a.cpp", 12, "f", 10)), 2u);
  EXPECT_EQ(placeInFunction(finding("a.cpp", 10, "f", 10)), 0u);
  // Outside any function, or before the function's line: the line itself.
  EXPECT_EQ(placeInFunction(finding("a.cpp", 12, "", 0)), 12u);
  EXPECT_EQ(placeInFunction(finding("a.cpp", 7, "f", 10)), 7u);
}

TEST_F(BaselineTest, WrittenBaselineHasVersionAndSortedFindings) {
  std::string Text =
      write({finding("src/b.cpp", 30, "g", 20), finding("src/a.cpp", 12)});
  auto Parsed = llvm::json::parse(Text);
  ASSERT_TRUE(bool(Parsed)) << llvm::toString(Parsed.takeError());
  const llvm::json::Object *Top = Parsed->getAsObject();
  ASSERT_TRUE(Top);
  EXPECT_EQ(Top->getInteger("acm-tidy-baseline"), 2);
  const llvm::json::Array *Findings = Top->getArray("findings");
  ASSERT_TRUE(Findings);
  ASSERT_EQ(Findings->size(), 2u);
  const llvm::json::Object *First = (*Findings)[0].getAsObject();
  const llvm::json::Object *Second = (*Findings)[1].getAsObject();
  ASSERT_TRUE(First && Second);
  EXPECT_EQ(First->getString("file"), "src/a.cpp");
  EXPECT_EQ(First->getString("function"), "app::serve");
  EXPECT_EQ(First->getString("check"), Check);
  EXPECT_EQ(First->getString("kind"), Kind);
  EXPECT_EQ(First->getString("object"), "r");
  EXPECT_EQ(First->getString("message"), Message);
  EXPECT_EQ(First->getInteger("line_in_function"), 2);
  EXPECT_EQ(Second->getString("file"), "src/b.cpp");
  EXPECT_EQ(Second->getInteger("line_in_function"), 10);
}

TEST_F(BaselineTest, ReadBackBaselineHasTheWrittenFindings) {
  Baseline Known = recorded({finding("src/a.cpp", 12), finding("src/a.cpp", 15),
                             finding("src/b.cpp", 30, "g", 20)});
  BaselineKey A{"src/a.cpp", "app::serve", Check.str(), Kind.str(), "r"};
  BaselineKey B{"src/b.cpp", "g", Check.str(), Kind.str(), "r"};
  ASSERT_EQ(Known.size(), 2u);
  EXPECT_EQ(Known[A], (std::vector<unsigned>{2, 5}));
  EXPECT_EQ(Known[B], std::vector<unsigned>{10});
}

TEST_F(BaselineTest, CompileErrorsAreNotWritten) {
  Baseline Known =
      recorded({compileError("src/a.cpp", 3), finding("src/a.cpp", 12)});
  ASSERT_EQ(Known.size(), 1u);
  EXPECT_EQ(Known.begin()->first.Check, Check);
}

TEST_F(BaselineTest, KnownFindingsAreRemovedAndOthersKept) {
  Baseline Known = recorded({finding("src/a.cpp", 12)});
  std::vector<Result> Results = {
      finding("src/a.cpp", 40, "app::serve", 38),                // moved
      finding("src/a.cpp", 50, "app::other", 48),                // function
      finding("src/b.cpp", 12),                                  // file
      finding("src/a.cpp", 13, "app::serve", 10, "exit of 's'"), // message
  };
  EXPECT_EQ(subtractBaseline(Results, Known, Root), 1u);
  EXPECT_EQ(lines(Results), (std::vector<unsigned>{50, 12, 13}));
}

TEST_F(BaselineTest, SecondIdenticalFindingInAFunctionIsNew) {
  Baseline Known = recorded({finding("src/a.cpp", 12)});
  std::vector<Result> Results = {finding("src/a.cpp", 12),
                                 finding("src/a.cpp", 25)};
  EXPECT_EQ(subtractBaseline(Results, Known, Root), 1u);
  EXPECT_EQ(lines(Results), std::vector<unsigned>{25});
}

TEST_F(BaselineTest, RecordedFindingsArePairedWithTheNearestOnes) {
  // Recorded 2 and 9 lines into the function; the function has since moved
  // down to line 30 and a third identical finding appeared between them.
  Baseline Known =
      recorded({finding("src/a.cpp", 12), finding("src/a.cpp", 19)});
  std::vector<Result> Results = {finding("src/a.cpp", 32, "app::serve", 30),
                                 finding("src/a.cpp", 35, "app::serve", 30),
                                 finding("src/a.cpp", 40, "app::serve", 30)};
  EXPECT_EQ(subtractBaseline(Results, Known, Root), 2u);
  EXPECT_EQ(lines(Results), std::vector<unsigned>{35});
}

TEST_F(BaselineTest, CompileErrorsAreNeverSubtracted) {
  Result Error = compileError("src/a.cpp", 3);
  Baseline Known;
  Known[baselineKey(Error, Root)] = {3};
  std::vector<Result> Results;
  Results.push_back(Error);
  EXPECT_EQ(subtractBaseline(Results, Known, Root), 0u);
  EXPECT_EQ(Results.size(), 1u);
}

TEST_F(BaselineTest, ReadingAMissingFileIsAnError) {
  std::string Missing = path("missing.json");
  auto Known = readBaseline(Missing);
  ASSERT_FALSE(bool(Known));
  EXPECT_TRUE(llvm::StringRef(llvm::toString(Known.takeError()))
                  .starts_with("cannot read '" + Missing + "'"));
}

TEST_F(BaselineTest, ReadingNonJsonIsAnError) {
  EXPECT_TRUE(
      llvm::StringRef(readError("findings: none"))
          .starts_with("'" + path("baseline.json") + "' is not a baseline: "));
}

TEST_F(BaselineTest, ReadingAnotherVersionIsAnError) {
  EXPECT_EQ(readError(R"({"acm-tidy-baseline": 3, "findings": []})"),
            "'" + path("baseline.json") +
                "' is not a baseline: unsupported version (this acm-tidy "
                "reads versions 1 and 2)");
  EXPECT_EQ(readError(R"({"findings": []})"),
            "'" + path("baseline.json") +
                "' is not a baseline: no 'acm-tidy-baseline' version");
}

TEST_F(BaselineTest, ReadingABaselineWithMissingFieldsIsAnError) {
  std::string Prefix = "'" + path("baseline.json") + "' is not a baseline: ";
  EXPECT_EQ(readError(R"({"acm-tidy-baseline": 1})"),
            Prefix + "no 'findings' array");
  // Version 2 keys on the kind; version 1 had none.
  EXPECT_EQ(readError(R"({"acm-tidy-baseline": 2, "findings": [
                {"file": "a.cpp", "function": "f", "check": "c",
                 "object": "r", "line_in_function": 2}]})"),
            Prefix + "a finding lacks a string field");
  EXPECT_EQ(readError(R"({"acm-tidy-baseline": 1, "findings": [
                {"file": "a.cpp", "function": "f", "check": "c",
                 "line_in_function": 2}]})"),
            Prefix + "a finding lacks a string field");
  EXPECT_EQ(readError(R"({"acm-tidy-baseline": 1, "findings": [3]})"),
            Prefix + "a finding is not an object");
  EXPECT_EQ(readError("[]"), Prefix + "expected an object");
}

} // namespace
} // namespace acm
