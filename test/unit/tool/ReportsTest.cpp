//===- ReportsTest.cpp - Unit tests of the SARIF and JSON outputs ---------===//

#include "Reports.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"
#include <set>

namespace json = llvm::json;
using clang::tidy::ClangTidyError;

namespace acm {
namespace {

constexpr llvm::StringLiteral Exit = "acm-missing-exit-await";
constexpr llvm::StringLiteral Enter = "acm-unawaited-enter";

/// A project root (a temporary directory) with src/a.cpp and src/b.cpp.
class ReportsTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> Dir;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("acm-reports", Dir));
    Root = canonicalPath(Dir);
    ASSERT_FALSE(llvm::sys::fs::create_directories(path("src")));
    A = save("src/a.cpp", "int a;\n");
    B = save("src/b.cpp", "int b;\n");
    Options.ToolVersion = "1.2.3";
    Options.DocsUri = "https://docs.example/acm";
    Options.SourceRoot = Root;
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }

  std::string path(llvm::StringRef Relative) {
    return absolutePath(Relative, Root);
  }

  std::string save(llvm::StringRef Name, llvm::StringRef Text) {
    std::string File = path(Name);
    std::error_code EC;
    llvm::raw_fd_ostream(File, EC) << Text;
    EXPECT_FALSE(EC) << EC.message();
    return File;
  }

  static Result finding(llvm::StringRef Check, llvm::StringRef File,
                        unsigned Line, llvm::StringRef Message,
                        llvm::StringRef Function = "app::serve") {
    ClangTidyError Error(Check, ClangTidyError::Warning, "/",
                         /*IsWarningAsError=*/false);
    Error.Message.Message = Message.str();
    Error.Message.FilePath = File.str();
    Result R(std::move(Error));
    R.Main.File = File.str();
    R.Main.Pos = {Line, 5, 4};
    R.Main.End = {Line, 6, 5};
    R.Main.Message = Message.str();
    R.Function = Function.str();
    R.FunctionLine = 1;
    return R;
  }

  std::string sarifText(llvm::ArrayRef<Result> Results) {
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    writeSarif(Results, Options, OS);
    return Text;
  }

  /// The one run of the SARIF log of \p Results.
  json::Object run(llvm::ArrayRef<Result> Results) {
    return runOf(json::parse(sarifText(Results)));
  }

  static json::Object runOf(llvm::Expected<json::Value> Log) {
    if (!Log) {
      ADD_FAILURE() << llvm::toString(Log.takeError());
      return {};
    }
    const json::Object *Top = Log->getAsObject();
    const json::Array *Runs = Top ? Top->getArray("runs") : nullptr;
    if (!Runs || Runs->size() != 1 || !Runs->front().getAsObject()) {
      std::string Text;
      llvm::raw_string_ostream(Text) << *Log;
      ADD_FAILURE() << "not a log of one run: " << Text;
      return {};
    }
    return *Runs->front().getAsObject();
  }

  static std::vector<std::string> ruleIds(const json::Object &Run) {
    std::vector<std::string> Ids;
    if (const json::Array *Rules = rules(Run))
      for (const json::Value &Rule : *Rules)
        Ids.push_back(Rule.getAsObject()->getString("id").value_or("").str());
    return Ids;
  }

  static const json::Array *rules(const json::Object &Run) {
    const json::Object *Tool = Run.getObject("tool");
    const json::Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
    return Driver ? Driver->getArray("rules") : nullptr;
  }

  static std::vector<const json::Object *> results(const json::Object &Run) {
    std::vector<const json::Object *> Out;
    if (const json::Array *Results = Run.getArray("results"))
      for (const json::Value &R : *Results)
        Out.push_back(R.getAsObject());
    return Out;
  }

  static const json::Object *artifact(const json::Object &Result) {
    const json::Array *Locations = Result.getArray("locations");
    if (!Locations || Locations->empty())
      return nullptr;
    const json::Object *Physical =
        Locations->front().getAsObject()->getObject("physicalLocation");
    return Physical ? Physical->getObject("artifactLocation") : nullptr;
  }

  static std::string fingerprint(const json::Object &Result) {
    const json::Object *Prints = Result.getObject("partialFingerprints");
    return Prints ? Prints->getString("acmFindingKey/v2").value_or("").str()
                  : "";
  }

  /// The fingerprint of each result of the SARIF log of \p Results.
  std::vector<std::string> fingerprints(llvm::ArrayRef<Result> Results) {
    std::vector<std::string> Out;
    json::Object Run = run(Results);
    for (const json::Object *R : results(Run))
      Out.push_back(fingerprint(*R));
    return Out;
  }

  static std::vector<std::string> messages(const json::Object &Run) {
    std::vector<std::string> Out;
    for (const json::Object *R : results(Run))
      Out.push_back(
          R->getObject("message")->getString("text").value_or("").str());
    return Out;
  }

  /// Writes the SARIF log of \p Results to \p Name; returns its path.
  std::string saveSarif(llvm::StringRef Name, llvm::ArrayRef<Result> Results) {
    return save(Name, sarifText(Results));
  }

  /// The error merging \p Paths gives, or "" when they merge.
  static std::string mergeError(llvm::ArrayRef<std::string> Paths) {
    auto Merged = mergeSarif(Paths);
    return Merged ? "" : llvm::toString(Merged.takeError());
  }

  std::string Root, A, B;
  ReportOptions Options;
};

TEST_F(ReportsTest, SarifRulesAreTheAcmChecksThenOtherChecksSeen) {
  json::Object Run =
      run({finding("zz-other", A, 3, "z"), finding(Exit, A, 2, "x"),
           finding("bugprone-other", A, 1, "y")});
  std::vector<std::string> Ids = ruleIds(Run);
  ASSERT_EQ(Ids.size(), 8u);
  EXPECT_EQ(Ids[0], "acm-generator-missing-yield");
  EXPECT_NE(llvm::find(Ids, Exit), Ids.end());
  EXPECT_NE(llvm::find(Ids, Enter), Ids.end());
  EXPECT_EQ(Ids[6], "bugprone-other");
  EXPECT_EQ(Ids[7], "zz-other");
}

TEST_F(ReportsTest, SarifRuleOfAnAcmCheckLinksItsDocumentation) {
  json::Object Run = run({finding(Exit, A, 2, "x")});
  const json::Array *Rules = rules(Run);
  ASSERT_TRUE(Rules);
  const json::Object *Rule = nullptr;
  for (const json::Value &R : *Rules)
    if (R.getAsObject()->getString("id") == Exit)
      Rule = R.getAsObject();
  ASSERT_TRUE(Rule);
  EXPECT_EQ(Rule->getString("name"), "MissingExitAwait");
  EXPECT_EQ(Rule->getString("helpUri"),
            "https://docs.example/acm/checks/missing-exit-await.md");
}

TEST_F(ReportsTest, SarifResultHasRuleLevelMessageAndLocation) {
  json::Object Run = run({finding(Exit, A, 7, "exit of 'r' is not awaited")});
  auto Results = results(Run);
  ASSERT_EQ(Results.size(), 1u);
  const json::Object &R = *Results[0];
  EXPECT_EQ(R.getString("ruleId"), Exit);
  std::optional<int64_t> Index = R.getInteger("ruleIndex");
  ASSERT_TRUE(Index);
  EXPECT_EQ(ruleIds(Run)[*Index], Exit);
  EXPECT_EQ(R.getString("level"), "warning");
  EXPECT_EQ(messages(Run),
            std::vector<std::string>{"exit of 'r' is not awaited"});
  const json::Object *Location = R.getArray("locations")->front().getAsObject();
  const json::Object *Region =
      Location->getObject("physicalLocation")->getObject("region");
  ASSERT_TRUE(Region);
  EXPECT_EQ(Region->getInteger("startLine"), 7);
  EXPECT_EQ(Region->getInteger("startColumn"), 4); // code points
  EXPECT_EQ(Region->getInteger("endColumn"), 5);
  const json::Object *Logical =
      Location->getArray("logicalLocations")->front().getAsObject();
  EXPECT_EQ(Logical->getString("fullyQualifiedName"), "app::serve");
}

TEST_F(ReportsTest, SarifLocationsInsideTheSourceRootAreRelative) {
  std::string Spaced = save("src/a b.cpp", "");
  json::Object Run =
      run({finding(Exit, A, 1, "x"), finding(Exit, Spaced, 1, "y")});
  auto Results = results(Run);
  ASSERT_EQ(Results.size(), 2u);
  const json::Object *Artifact = artifact(*Results[0]);
  ASSERT_TRUE(Artifact);
  EXPECT_EQ(Artifact->getString("uri"), "src/a.cpp");
  EXPECT_EQ(Artifact->getString("uriBaseId"), "SRCROOT");
  ASSERT_TRUE(artifact(*Results[1]));
  EXPECT_EQ(artifact(*Results[1])->getString("uri"), "src/a%20b.cpp");
  const json::Object *Bases = Run.getObject("originalUriBaseIds");
  ASSERT_TRUE(Bases && Bases->getObject("SRCROOT"));
  EXPECT_EQ(Bases->getObject("SRCROOT")->getString("uri"),
            "file://" + Root + "/");
}

TEST_F(ReportsTest, SarifLocationsOutsideTheSourceRootAreFileUris) {
  std::string Outside = Root + "-elsewhere/x.cpp";
  json::Object Run = run({finding(Exit, Outside, 1, "x")});
  auto Results = results(Run);
  ASSERT_EQ(Results.size(), 1u);
  const json::Object *Artifact = artifact(*Results[0]);
  ASSERT_TRUE(Artifact);
  EXPECT_EQ(Artifact->getString("uri"), "file://" + Outside);
  EXPECT_FALSE(Artifact->getString("uriBaseId"));
}

TEST_F(ReportsTest, SarifWithoutSourceRootHasAbsoluteUris) {
  Options.SourceRoot.clear();
  json::Object Run = run({finding(Exit, A, 1, "x")});
  auto Results = results(Run);
  ASSERT_EQ(Results.size(), 1u);
  ASSERT_TRUE(artifact(*Results[0]));
  EXPECT_EQ(artifact(*Results[0])->getString("uri"), "file://" + A);
  EXPECT_FALSE(Run.getObject("originalUriBaseIds"));
}

TEST_F(ReportsTest, SarifFingerprintsAreStableAcrossRunsAndLineMoves) {
  std::vector<std::string> First = fingerprints({finding(Exit, A, 3, "x")});
  ASSERT_EQ(First.size(), 1u);
  EXPECT_NE(First[0], "");
  EXPECT_EQ(fingerprints({finding(Exit, A, 3, "x")}), First);
  EXPECT_EQ(fingerprints({finding(Exit, A, 30, "x")}), First);
}

TEST_F(ReportsTest, SarifFingerprintsOfDistinctFindingsDiffer) {
  std::vector<std::string> Prints = fingerprints(
      {finding(Exit, A, 3, "x"), finding(Exit, A, 3, "y"),
       finding(Enter, A, 3, "x"), finding(Exit, B, 3, "x"),
       finding(Exit, A, 3, "x", "app::other"), finding(Exit, A, 9, "x")});
  ASSERT_EQ(Prints.size(), 6u);
  EXPECT_EQ(std::set<std::string>(Prints.begin(), Prints.end()).size(), 6u);
  // The same finding twice: the same digest, told apart by an ordinal.
  EXPECT_EQ(Prints[0].substr(0, Prints[0].find(':')),
            Prints[5].substr(0, Prints[5].find(':')));
}

TEST_F(ReportsTest, SarifCompileErrorsAreNotificationsNotResults) {
  ClangTidyError Error("clang-diagnostic-error", ClangTidyError::Error, "/",
                       /*IsWarningAsError=*/false);
  Result Failure(std::move(Error));
  Failure.Main.File = A;
  Failure.Main.Message = "unknown type name 'x'";
  json::Object Run = run({Failure, finding(Exit, A, 1, "x")});
  EXPECT_EQ(results(Run).size(), 1u);
  const json::Object *Invocation =
      Run.getArray("invocations")->front().getAsObject();
  EXPECT_EQ(Invocation->getBoolean("executionSuccessful"), false);
  const json::Array *Failures =
      Invocation->getArray("toolExecutionNotifications");
  ASSERT_TRUE(Failures);
  ASSERT_EQ(Failures->size(), 1u);
  EXPECT_EQ(
      Failures->front().getAsObject()->getObject("message")->getString("text"),
      "unknown type name 'x'");
}

TEST_F(ReportsTest, ErrorsAsTextAreTheCompileAndConfigurationErrors) {
  ClangTidyError Compile("clang-diagnostic-error", ClangTidyError::Error,
                         "/build", /*IsWarningAsError=*/false);
  Compile.Message.Message = "unknown type name 'x'";
  Compile.Message.FilePath = "../src/a.cpp";
  Compile.Notes.emplace_back();
  Compile.Notes.back().Message = "declared here";
  Compile.Notes.back().FilePath = "../src/b.cpp";
  Result CompileError(std::move(Compile));
  CompileError.Main.File = A;
  CompileError.Main.Pos = {3, 7, 7};
  CompileError.Notes.emplace_back();
  CompileError.Notes.back().Pos = {1, 2, 2};
  ClangTidyError Unreadable("clang-diagnostic-error", ClangTidyError::Error,
                            "/build", /*IsWarningAsError=*/false);
  Unreadable.Message.Message = "cannot read 'gone.cpp'";
  ClangTidyError Config("clang-tidy-config", ClangTidyError::Error, "/build",
                        /*IsWarningAsError=*/false);
  Config.Message.Message = "unknown profile 'x' in option 'DisabledProfiles'";

  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeErrorsAsText({finding(Exit, A, 1, "not an error"),
                     std::move(CompileError), Result(std::move(Unreadable)),
                     Result(std::move(Config))},
                    OS);
  EXPECT_EQ(Text, "../src/a.cpp:3:7: error: unknown type name 'x' "
                  "[clang-diagnostic-error]\n"
                  "../src/b.cpp:1:2: note: declared here\n"
                  "error: cannot read 'gone.cpp' [clang-diagnostic-error]\n"
                  "error: unknown profile 'x' in option 'DisabledProfiles' "
                  "[clang-tidy-config]\n");
}

TEST_F(ReportsTest, MergedSarifHasEachSharedResultOnce) {
  std::string Header = save("src/h.h", "");
  std::string First = saveSarif("1.sarif", {finding(Exit, A, 1, "in a"),
                                            finding(Exit, Header, 1, "in h")});
  std::string Second = saveSarif("2.sarif", {finding(Exit, B, 1, "in b"),
                                             finding(Exit, Header, 1, "in h")});
  auto Merged = mergeSarif({First, Second});
  json::Object Run = runOf(std::move(Merged));
  EXPECT_EQ(messages(Run), (std::vector<std::string>{"in a", "in b", "in h"}));
}

TEST_F(ReportsTest, MergedSarifHasTheRulesOfEveryLog) {
  std::string First = saveSarif("1.sarif", {finding("zz-other", A, 1, "z in a"),
                                            finding(Exit, A, 2, "exit in a")});
  std::string Second =
      saveSarif("2.sarif", {finding("bugprone-other", B, 1, "y in b")});
  json::Object Run = runOf(mergeSarif({First, Second}));
  std::vector<std::string> Ids = ruleIds(Run);
  ASSERT_EQ(Ids.size(), 8u);
  EXPECT_EQ(Ids[6], "bugprone-other");
  EXPECT_EQ(Ids[7], "zz-other");
  auto Results = results(Run);
  ASSERT_EQ(Results.size(), 3u);
  for (const json::Object *R : Results) {
    std::optional<int64_t> Index = R->getInteger("ruleIndex");
    ASSERT_TRUE(Index);
    EXPECT_EQ(Ids[*Index], R->getString("ruleId"));
  }
}

TEST_F(ReportsTest, MergedSarifHasEachSharedResultOfAnotherModuleOnce) {
  // A regression test: each log numbers the rules of other modules by what
  // its part reported, and the differing ruleIndex made one finding two.
  std::string Header = save("src/h.h", "");
  std::string First =
      saveSarif("1.sarif", {finding("zz-other", Header, 1, "in h")});
  std::string Second =
      saveSarif("2.sarif", {finding("bugprone-other", B, 1, "in b"),
                            finding("zz-other", Header, 1, "in h")});
  json::Object Run = runOf(mergeSarif({First, Second}));
  EXPECT_EQ(messages(Run), (std::vector<std::string>{"in b", "in h"}));
}

TEST_F(ReportsTest, MergedSarifFailsWhenAPartFailed) {
  ClangTidyError Error("clang-diagnostic-error", ClangTidyError::Error, "/",
                       /*IsWarningAsError=*/false);
  Result Failure(std::move(Error));
  Failure.Main.File = B;
  Failure.Main.Message = "unknown type name 'x'";
  std::string First = saveSarif("1.sarif", {finding(Exit, A, 1, "x")});
  std::string Second = saveSarif("2.sarif", {Failure});
  json::Object Run = runOf(mergeSarif({First, Second}));
  const json::Object *Invocation =
      Run.getArray("invocations")->front().getAsObject();
  EXPECT_EQ(Invocation->getBoolean("executionSuccessful"), false);
  ASSERT_TRUE(Invocation->getArray("toolExecutionNotifications"));
  EXPECT_EQ(Invocation->getArray("toolExecutionNotifications")->size(), 1u);
}

TEST_F(ReportsTest, MergingAMissingFileIsAnError) {
  std::string Missing = path("missing.sarif");
  EXPECT_TRUE(llvm::StringRef(mergeError({Missing}))
                  .starts_with("cannot read '" + Missing + "'"));
}

TEST_F(ReportsTest, MergingANonJsonFileIsAnError) {
  std::string Text = save("text.sarif", "not json");
  EXPECT_TRUE(llvm::StringRef(mergeError({Text}))
                  .starts_with("'" + Text +
                               "' is not a SARIF log of one acm-tidy run: "));
}

TEST_F(ReportsTest, MergingALogWithoutRunsIsAnError) {
  std::string Empty =
      save("empty.sarif", R"({"version": "2.1.0", "runs": []})");
  std::string Good = saveSarif("good.sarif", {finding(Exit, A, 1, "x")});
  EXPECT_EQ(mergeError({Good, Empty}),
            "'" + Empty +
                "' is not a SARIF log of one acm-tidy run: 'runs' holds 0 "
                "runs, not one");
  EXPECT_EQ(mergeError({}), "no SARIF logs to merge");
}

TEST_F(ReportsTest, MergingALogWithMalformedPartsIsAnError) {
  std::string Good = saveSarif("good.sarif", {finding(Exit, A, 1, "x")});
  // Each part the merge reads, of the wrong type: an error, never a crash
  // nor a part silently taken as empty.
  auto Run = [](llvm::StringRef Driver, llvm::StringRef Rest) {
    return (R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": )"
            R"("acm-tidy")" +
            Driver + "}}" + Rest + "}]}")
        .str();
  };
  const std::pair<std::string, std::string> Cases[] = {
      {"[]", "not an object"},
      {R"({"runs": {}})", "no 'runs' array"},
      {R"({"runs": [1]})", "the run's tool is not acm-tidy"},
      {R"({"runs": [{"tool": {"driver": {"name": "clang-tidy"}}}]})",
       "the run's tool is not acm-tidy"},
      {Run(R"(, "rules": [1])", R"(, "results": [])"),
       "a rule is not an object"},
      {Run(R"(, "rules": {})", R"(, "results": [])"),
       "'rules' is not an array"},
      {Run(R"(, "rules": [{"name": "x"}])", R"(, "results": [])"),
       "a rule has no 'id'"},
      {Run("", ""), "no 'results' array"},
      {Run("", R"(, "results": {"ruleId": "x"})"), "'results' is not an array"},
      {Run("", R"(, "results": [{}, 2])"), "a result is not an object"},
      {Run("", R"(, "results": [], "invocations": [true])"),
       "an invocation is not an object"},
      {Run("", R"(, "results": [], "invocations": [)"
               R"({"toolExecutionNotifications": [null]}])"),
       "a notification is not an object"},
      {Run("", R"(, "results": [], "invocations": [)"
               R"({"toolConfigurationNotifications": 3}])"),
       "'toolConfigurationNotifications' is not an array"},
  };
  for (const auto &[Text, Problem] : Cases) {
    std::string Bad = save("bad.sarif", Text);
    EXPECT_EQ(mergeError({Good, Bad}),
              "'" + Bad +
                  "' is not a SARIF log of one acm-tidy run: " + Problem)
        << Text;
  }
  // What is well-formed still merges.
  std::string Minimal = save("minimal.sarif", Run("", R"(, "results": [])"));
  EXPECT_EQ(mergeError({Good, Minimal}), "");
}

TEST_F(ReportsTest, JsonListsFindingsWithRelativeFilesAndNotes) {
  Result R = finding(Exit, A, 7, "exit of 'r' is not awaited");
  R.Notes.push_back({B, {3, 2, 2}, {}, "entered here"});
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeJson({R}, Options, OS);
  auto Parsed = json::parse(Text);
  ASSERT_TRUE(bool(Parsed)) << llvm::toString(Parsed.takeError());
  const json::Array *List = Parsed->getAsArray();
  ASSERT_TRUE(List);
  ASSERT_EQ(List->size(), 1u);
  const json::Object &F = *List->front().getAsObject();
  EXPECT_EQ(F.getString("file"), "src/a.cpp");
  EXPECT_EQ(F.getInteger("line"), 7);
  EXPECT_EQ(F.getInteger("column"), 5); // bytes
  EXPECT_EQ(F.getString("check"), Exit);
  EXPECT_EQ(F.getString("function"), "app::serve");
  const json::Array *Notes = F.getArray("notes");
  ASSERT_TRUE(Notes);
  ASSERT_EQ(Notes->size(), 1u);
  EXPECT_EQ(Notes->front().getAsObject()->getString("file"), "src/b.cpp");
  EXPECT_EQ(Notes->front().getAsObject()->getString("message"), "entered here");
}

TEST_F(ReportsTest, SarifRuleHelpIsTheCheckPageWithAbsoluteLinks) {
  json::Object Run = run({finding(Exit, A, 2, "x")});
  const json::Object *Rule = nullptr;
  for (const json::Value &R : *rules(Run))
    if (R.getAsObject()->getString("id") == Exit)
      Rule = R.getAsObject();
  ASSERT_TRUE(Rule);
  const json::Object *Help = Rule->getObject("help");
  ASSERT_TRUE(Help);
  llvm::StringRef Markdown = Help->getString("markdown").value_or("");
  EXPECT_TRUE(Markdown.starts_with("# acm-missing-exit-await\n"))
      << Markdown.str();
  EXPECT_EQ(Help->getString("text"), Markdown);
  EXPECT_TRUE(Markdown.contains("](https://docs.example/acm/protocol.md"));
  EXPECT_TRUE(Markdown.contains("](https://docs.example/acm/checks/"
                                "missing-exit-await.md#exception-paths)"));
  EXPECT_TRUE(Markdown.contains(
      "](https://docs.example/acm/checks/use-after-exit.md)"));
  EXPECT_FALSE(Markdown.contains("](../"));
  EXPECT_FALSE(Markdown.contains("](#"));
}

TEST_F(ReportsTest, DocLinksLeaveCodeAlone) {
  EXPECT_EQ(absoluteDocLinks("See [a](b.md), [c](../d.md#e), [f](#g), "
                             "[h](https://x/y) and `[&](int)`.\n"
                             "```cpp\nauto F = [&](int X) {};\n```\n"
                             "[i](j.md)",
                             "https://docs", "https://docs/checks/p.md"),
            "See [a](https://docs/checks/b.md), [c](https://docs/d.md#e), "
            "[f](https://docs/checks/p.md#g), [h](https://x/y) and "
            "`[&](int)`.\n```cpp\nauto F = [&](int X) {};\n```\n"
            "[i](https://docs/checks/j.md)");
}

TEST_F(ReportsTest, SarifCodeFlowGoesFromTheNotesToTheWarning) {
  Result R = finding(Exit, A, 7, "exit of 'r' is not awaited");
  R.Notes.push_back({A, {3, 3, 3}, {}, "'r' entered here"});
  R.Notes.push_back({"", {}, {}, "a note without a place"});
  json::Object Run = run({R, finding(Exit, B, 2, "no notes")});
  auto Results = results(Run);
  ASSERT_EQ(Results.size(), 2u);
  EXPECT_FALSE(Results[1]->get("codeFlows"));
  const json::Array *Flows = Results[0]->getArray("codeFlows");
  ASSERT_TRUE(Flows);
  ASSERT_EQ(Flows->size(), 1u);
  const json::Array *Threads =
      (*Flows)[0].getAsObject()->getArray("threadFlows");
  ASSERT_TRUE(Threads);
  ASSERT_EQ(Threads->size(), 1u);
  const json::Array *Steps = (*Threads)[0].getAsObject()->getArray("locations");
  ASSERT_TRUE(Steps);
  std::vector<std::pair<std::string, int64_t>> Path;
  for (const json::Value &Step : *Steps) {
    const json::Object *Location = Step.getAsObject()->getObject("location");
    Path.emplace_back(
        Location->getObject("message")->getString("text").value_or("").str(),
        Location->getObject("physicalLocation")
            ->getObject("region")
            ->getInteger("startLine")
            .value_or(0));
  }
  EXPECT_EQ(Path, (std::vector<std::pair<std::string, int64_t>>{
                      {"'r' entered here", 3},
                      {"exit of 'r' is not awaited", 7}}));
}

TEST_F(ReportsTest, SarifMarksTheFindingsOfTheBaseline) {
  Result Known = finding(Exit, A, 2, "known");
  Known.Error.Message.FileOffset = 10;
  Result New = finding(Exit, A, 5, "new");
  New.Error.Message.FileOffset = 40;
  std::vector<std::string> Unmarked = fingerprints({Known, New});

  Options.Baseline = "acm-baseline.json";
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeSarif({New}, Options, OS, {Known});
  json::Object Run = runOf(json::parse(Text));
  auto Results = results(Run);
  ASSERT_EQ(Results.size(), 2u);
  // In the order of the text output, with the fingerprints of a run
  // without the baseline.
  EXPECT_EQ(Results[0]->getString("baselineState"), "unchanged");
  EXPECT_EQ(fingerprint(*Results[0]), Unmarked[0]);
  const json::Array *Suppressions = Results[0]->getArray("suppressions");
  ASSERT_TRUE(Suppressions);
  ASSERT_EQ(Suppressions->size(), 1u);
  EXPECT_EQ((*Suppressions)[0].getAsObject()->getString("kind"), "external");
  EXPECT_EQ((*Suppressions)[0].getAsObject()->getString("justification"),
            "Recorded in the baseline acm-baseline.json");
  EXPECT_EQ(Results[1]->getString("baselineState"), "new");
  EXPECT_FALSE(Results[1]->get("suppressions"));
  EXPECT_EQ(fingerprint(*Results[1]), Unmarked[1]);

  // Without a baseline, no result has a baseline state.
  Options.Baseline = "";
  // The run must outlive the loop: results() points into it.
  json::Object Plain = run({New});
  for (const json::Object *R : results(Plain))
    EXPECT_FALSE(R->get("baselineState"));
}

} // namespace
} // namespace acm
