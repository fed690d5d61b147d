//===- CiFormatsTest.cpp - Unit tests of the GitHub, GitLab, JUnit outputs ===//

#include "CiFormats.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"
#include <set>

namespace json = llvm::json;
using clang::tidy::ClangTidyError;

namespace acm {
namespace {

constexpr llvm::StringLiteral Exit = "acm-missing-exit-await";

Result finding(llvm::StringRef File, unsigned Line, llvm::StringRef Message,
               llvm::StringRef Object = "tx") {
  ClangTidyError Error(Exit, ClangTidyError::Warning, "/",
                       /*IsWarningAsError=*/false);
  Error.Message.Message = Message.str();
  Error.Message.FilePath = File.str();
  Result R(std::move(Error));
  R.Main.File = File.str();
  R.Main.Pos = {Line, 5, 5};
  R.Main.Message = Message.str();
  R.Function = "app::serve";
  R.Kind = "missing-exit";
  R.Object = Object.str();
  return R;
}

Result compileError(llvm::StringRef File, llvm::StringRef Message) {
  ClangTidyError Error("clang-diagnostic-error", ClangTidyError::Error, "/",
                       /*IsWarningAsError=*/false);
  Error.Message.Message = Message.str();
  Result R(std::move(Error));
  R.Main.File = File.str();
  R.Main.Pos = {1, 9, 9};
  R.Main.Message = Message.str();
  return R;
}

ReportOptions options() {
  ReportOptions Options;
  Options.SourceRoot = "/repo";
  return Options;
}

TEST(CiFormatsTest, GithubMessagesEscapePercentAndLineBreaks) {
  EXPECT_EQ(escapeGithubMessage("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
}

TEST(CiFormatsTest, GithubPropertiesEscapeTheirSeparatorsToo) {
  EXPECT_EQ(escapeGithubProperty("a,b:c%d\ne"), "a%2Cb%3Ac%25d%0Ae");
}

TEST(CiFormatsTest, XmlEscapesMarkupAndDropsForbiddenBytes) {
  EXPECT_EQ(escapeXml("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  EXPECT_EQ(escapeXml("a\nb\tc\x01" "d"), "a&#10;b&#9;c?d");
  EXPECT_EQ(escapeXml("a\nb\tc\x01" "d<", /*ForAttribute=*/false),
            "a\nb\tc?d&lt;");
}

TEST(CiFormatsTest, NotesAreAppendedWithTheirPlaces) {
  Result R = finding("/repo/src/a.cpp", 41, "exit of 'tx' is not awaited");
  R.Notes.push_back({"/repo/src/a.cpp", {37, 3, 3}, {}, "'tx' entered here"});
  R.Notes.push_back({"", {}, {}, "somewhere"});
  EXPECT_EQ(messageWithNotes(R, options()),
            "exit of 'tx' is not awaited (note: 'tx' entered here at "
            "src/a.cpp:37; note: somewhere)");
}

TEST(CiFormatsTest, GithubWritesOneCommandPerDiagnostic) {
  Result Warning = finding("/repo/src/a,b.cpp", 41, "100% wrong\nreally");
  Result Error = finding("/repo/src/c.cpp", 2, "x");
  Error.Error.IsWarningAsError = true;
  Error.Error.DiagLevel = ClangTidyError::Error;
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeGithub({Warning, Error, compileError("/elsewhere/d.cpp", "bad")},
              options(), OS);
  EXPECT_EQ(Text, "::warning file=src/a%2Cb.cpp,line=41,col=5,title="
                  "acm-missing-exit-await::100%25 wrong%0Areally\n"
                  "::error file=src/c.cpp,line=2,col=5,title="
                  "acm-missing-exit-await::x\n"
                  "::error file=/elsewhere/d.cpp,line=1,col=9,title="
                  "clang-diagnostic-error::bad\n");
}

json::Array gitlab(llvm::ArrayRef<Result> Results) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeGitlab(Results, options(), OS);
  auto Parsed = json::parse(Text);
  EXPECT_TRUE(bool(Parsed)) << Text;
  if (!Parsed || !Parsed->getAsArray())
    return {};
  return *Parsed->getAsArray();
}

TEST(CiFormatsTest, GitlabFingerprintsAreUniqueAndSurviveLineMoves) {
  json::Array Before = gitlab({finding("/repo/a.cpp", 3, "m"),
                               finding("/repo/a.cpp", 9, "m"),
                               finding("/repo/a.cpp", 12, "m", "other")});
  json::Array After = gitlab({finding("/repo/a.cpp", 30, "reworded"),
                              finding("/repo/a.cpp", 90, "m"),
                              finding("/repo/a.cpp", 120, "m", "other")});
  ASSERT_EQ(Before.size(), 3u);
  ASSERT_EQ(After.size(), 3u);
  std::set<std::string> Seen;
  for (size_t I = 0; I < 3; ++I) {
    auto Print = Before[I].getAsObject()->getString("fingerprint");
    ASSERT_TRUE(Print);
    EXPECT_TRUE(Seen.insert(Print->str()).second);
    EXPECT_EQ(Print, After[I].getAsObject()->getString("fingerprint"));
  }
}

TEST(CiFormatsTest, GitlabIssuesHaveTheRequiredFields) {
  Result NoFile = compileError("", "invalid configuration");
  json::Array Issues =
      gitlab({finding("/repo/a.cpp", 3, "m"), compileError("/repo/b.cpp", "e"),
              NoFile});
  // GitLab needs a path: the problem without a file is left out.
  ASSERT_EQ(Issues.size(), 2u);
  const json::Object &Finding = *Issues[0].getAsObject();
  EXPECT_EQ(Finding.getString("check_name"), Exit);
  EXPECT_EQ(Finding.getString("description"), "m");
  EXPECT_EQ(Finding.getString("severity"), "major");
  const json::Object *Location = Finding.getObject("location");
  ASSERT_TRUE(Location);
  EXPECT_EQ(Location->getString("path"), "a.cpp");
  EXPECT_EQ(Location->getObject("lines")->getInteger("begin"), 3);
  const json::Object &Error = *Issues[1].getAsObject();
  EXPECT_EQ(Error.getString("severity"), "blocker");
  EXPECT_EQ(Error.getString("fingerprint")->size(), 32u);
}

TEST(CiFormatsTest, JunitHasACasePerFileAndAFailurePerFinding) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeJunit({finding("/repo/a.cpp", 3, "m<1>"), finding("/repo/a.cpp", 5, "n"),
              compileError("", "bad option")},
             {"/repo/a.cpp", "/repo/b.cpp"}, options(), OS);
  EXPECT_NE(Text.find("<testsuites name=\"acm-tidy\" tests=\"3\" "
                      "failures=\"1\" errors=\"1\">"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("<testcase name=\"(configuration)\" "
                      "classname=\"acm-tidy\">\n      <error "
                      "type=\"clang-diagnostic-error\" message=\"bad option\">"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("<failure type=\"acm-missing-exit-await\" "
                      "message=\"m&lt;1&gt;\">a.cpp:3:5: warning: m&lt;1&gt; "
                      "[acm-missing-exit-await]</failure>"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("<testcase name=\"b.cpp\" classname=\"acm-tidy\" "
                      "file=\"b.cpp\"/>"),
            std::string::npos)
      << Text;
}

} // namespace
} // namespace acm
