//===- Reports.cpp --------------------------------------------------------===//

#include "Reports.h"
#include "CheckPages.h"
#include "Checks/CheckCatalog.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MD5.h"
#include "llvm/Support/Path.h"
#include <map>

namespace json = llvm::json;
using llvm::StringRef;

namespace acm {

namespace {

/// A file: URI for an absolute path, percent-encoding what URIs reserve.
std::string encodePath(StringRef Path) {
  std::string Out;
  for (char C : Path) {
    if (llvm::isAlnum(C) || StringRef("/-_.~").contains(C))
      Out += C;
    else
      Out += llvm::formatv("%{0:X-2}", static_cast<unsigned char>(C)).str();
  }
  return Out;
}

std::string fileUri(StringRef AbsolutePath) {
  return "file://" + encodePath(AbsolutePath);
}

/// Paths as the outputs show them: relative to the source root when
/// inside it.
class PathStyle {
public:
  explicit PathStyle(const ReportOptions &Options) : Root(Options.SourceRoot) {}

  std::string forJson(StringRef File) const {
    if (Root.empty() || File.empty())
      return encodeFileName(File);
    return encodeFileName(relativePath(canonicalPath(File), Root));
  }

  json::Object artifactLocation(StringRef File) const {
    if (!Root.empty()) {
      std::string Canonical = canonicalPath(File);
      std::string Relative = relativePath(Canonical, Root);
      if (Relative != Canonical)
        return json::Object{{"uri", encodePath(Relative)},
                            {"uriBaseId", "SRCROOT"}};
    }
    return json::Object{{"uri", fileUri(File)}};
  }

private:
  std::string Root;
};

/// Text of a SARIF message whose text may hold embedded links, where
/// brackets are markup.
std::string escapeLinkText(StringRef Text) {
  std::string Out;
  for (char C : Text) {
    if (C == '[' || C == ']')
      Out += '\\';
    Out += C;
  }
  return Out;
}

json::Object region(const Position &Begin, const Position &End) {
  json::Object Region{{"startLine", Begin.Line},
                      {"startColumn", Begin.CharColumn}};
  if (End.Line) {
    Region["endLine"] = End.Line;
    Region["endColumn"] = End.CharColumn;
  }
  return Region;
}

json::Object physicalLocation(const Located &L, const PathStyle &Paths) {
  json::Object Physical{{"artifactLocation", Paths.artifactLocation(L.File)}};
  if (L.Pos.Line)
    Physical["region"] = region(L.Pos, L.End);
  return Physical;
}

/// Identifies a finding across edits that move it: a digest of the same
/// fields a baseline matches on. The SARIF fingerprint adds how many
/// findings with the same digest came before it.
std::string findingDigest(const Result &R, const PathStyle &Paths) {
  llvm::MD5 Hash;
  std::string File = Paths.forJson(R.Main.File);
  // An acm finding by its kind and object, so that rewording its message
  // keeps the alert; another check's by its message.
  llvm::SmallVector<StringRef, 5> Parts = {R.check(), File, R.Function};
  if (R.Kind.empty()) {
    Parts.push_back(R.Main.Message);
  } else {
    Parts.push_back(R.Kind);
    Parts.push_back(R.Object);
  }
  for (StringRef Part : Parts) {
    Hash.update(Part);
    Hash.update(StringRef("\0", 1));
  }
  llvm::MD5::MD5Result Digest;
  Hash.final(Digest);
  return Digest.digest().str().str();
}

json::Object sarifRule(StringRef Id, const ReportOptions &Options) {
  json::Object Rule{{"id", Id}};
  const CheckInfo *Help = findCheck(Id);
  if (!Help) {
    // A check from another module, enabled through --checks.
    Rule["shortDescription"] = json::Object{{"text", ("Check " + Id).str()}};
    return Rule;
  }
  std::string Uri = Options.DocsUri + "/" + Help->docPath();
  Rule["name"] = Help->SarifName;
  Rule["shortDescription"] = json::Object{{"text", Help->Summary}};
  Rule["fullDescription"] = json::Object{{"text", Help->Help}};
  // The check's page itself, so that services show it without following
  // helpUri (a file: address unless the build names a web copy).
  std::string Page = absoluteDocLinks(
      checkPage(llvm::sys::path::filename(Help->docPath())), Options.DocsUri,
      Uri);
  if (Page.empty())
    Rule["help"] = json::Object{
        {"text", (llvm::Twine(Help->Help) + " See " + Uri).str()},
        {"markdown", (llvm::Twine(Help->Help) + "\n\n[Documentation](" + Uri +
                      ")")
                         .str()}};
  else
    Rule["help"] = json::Object{{"text", Page}, {"markdown", Page}};
  Rule["helpUri"] = Uri;
  Rule["defaultConfiguration"] = json::Object{{"level", "warning"}};
  Rule["properties"] =
      json::Object{{"tags", json::Array{"correctness", "coroutines"}},
                   {"precision", "high"},
                   {"problem.severity", "warning"}};
  return Rule;
}

json::Object sarifFix(const Result &R, const PathStyle &Paths) {
  json::Array Changes;
  for (size_t I = 0; I < R.Edits.size();) {
    const std::string &File = R.Edits[I].File;
    json::Array Replacements;
    for (; I < R.Edits.size() && R.Edits[I].File == File; ++I) {
      const Edit &E = R.Edits[I];
      json::Object Deleted = region(E.Begin, E.End);
      Replacements.push_back(
          json::Object{{"deletedRegion", std::move(Deleted)},
                       {"insertedContent", json::Object{{"text", E.Text}}}});
    }
    Changes.push_back(
        json::Object{{"artifactLocation", Paths.artifactLocation(File)},
                     {"replacements", std::move(Replacements)}});
  }
  std::string Description;
  if (R.Edits.size() == 1 && R.Edits[0].Length == 0)
    Description = "Insert '" + StringRef(R.Edits[0].Text).trim().str() + "'";
  else
    Description = "Apply the suggested replacement";
  return json::Object{{"description", json::Object{{"text", Description}}},
                      {"artifactChanges", std::move(Changes)}};
}

/// The path from the notes to the warning ("'r' entered here", then "exit
/// of 'r' is not awaited"), which code-scanning services show step by step.
json::Array codeFlow(const Result &R, const PathStyle &Paths) {
  auto Step = [&](const Located &L) {
    return json::Object{
        {"location",
         json::Object{{"physicalLocation", physicalLocation(L, Paths)},
                      {"message", json::Object{{"text", L.Message}}}}}};
  };
  json::Array Steps;
  for (const Located &Note : R.Notes)
    if (!Note.File.empty())
      Steps.push_back(Step(Note));
  Steps.push_back(Step(R.Main));
  return json::Array{json::Object{
      {"threadFlows", json::Array{json::Object{{"locations",
                                                std::move(Steps)}}}}}};
}

json::Object sarifResult(const Result &R, size_t RuleIndex,
                         const PathStyle &Paths, std::string Fingerprint) {
  // Code-scanning services show related locations when the message links
  // to them: "... ([note](1))".
  std::string Text = escapeLinkText(R.Main.Message);
  json::Array Related;
  std::string Links;
  for (const Located &Note : R.Notes) {
    if (Note.File.empty())
      continue;
    int64_t Id = Related.size() + 1;
    Related.push_back(
        json::Object{{"id", Id},
                     {"physicalLocation", physicalLocation(Note, Paths)},
                     {"message", json::Object{{"text", Note.Message}}}});
    Links += (Links.empty() ? "" : "; ");
    Links +=
        "[" + escapeLinkText(Note.Message) + "](" + std::to_string(Id) + ")";
  }
  if (!Links.empty())
    Text += " (" + Links + ")";

  json::Object Location{{"physicalLocation", physicalLocation(R.Main, Paths)}};
  if (!R.Function.empty())
    Location["logicalLocations"] = json::Array{
        json::Object{{"fullyQualifiedName", R.Function}, {"kind", "function"}}};

  json::Object Out{
      {"ruleId", R.check()},
      {"ruleIndex", static_cast<int64_t>(RuleIndex)},
      {"level", R.level()},
      {"message", json::Object{{"text", Text}}},
      {"locations", json::Array{std::move(Location)}},
      {"partialFingerprints",
       json::Object{{"acmFindingKey/v2", std::move(Fingerprint)}}},
  };
  if (!Related.empty()) {
    Out["relatedLocations"] = std::move(Related);
    Out["codeFlows"] = codeFlow(R, Paths);
  }
  if (!R.Edits.empty())
    Out["fixes"] = json::Array{sarifFix(R, Paths)};
  return Out;
}

json::Object sarifNotification(const Result &R, const PathStyle &Paths) {
  json::Object Out{{"level", R.level()},
                   {"message", json::Object{{"text", R.Main.Message}}},
                   {"descriptor", json::Object{{"id", R.check()}}}};
  if (!R.Main.File.empty())
    Out["locations"] = json::Array{
        json::Object{{"physicalLocation", physicalLocation(R.Main, Paths)}}};
  return Out;
}

} // namespace

std::string absoluteDocLinks(StringRef Markdown, StringRef DocsUri,
                         StringRef PageUri) {
  std::string Out;
  bool InFence = false;
  while (!Markdown.empty()) {
    auto [Line, Rest] = Markdown.split('\n');
    bool LastLine = Rest.empty() && !Markdown.ends_with("\n");
    Markdown = Rest;
    if (Line.ltrim().starts_with("```"))
      InFence = !InFence;
    if (InFence) {
      Out += Line;
    } else {
      bool InCode = false;
      for (size_t I = 0; I < Line.size(); ++I) {
        char C = Line[I];
        Out += C;
        if (C == '`')
          InCode = !InCode;
        if (InCode || C != '(' || I == 0 || Line[I - 1] != ']')
          continue;
        StringRef Target = Line.substr(I + 1);
        if (Target.starts_with("#")) {
          Out += PageUri;
        } else if (Target.starts_with("../")) {
          Out += (DocsUri + "/").str();
          I += 3; // Past "../".
        } else if (!Target.take_until([](char C) { return C == ')'; })
                        .contains(':')) {
          Out += (DocsUri + "/checks/").str();
        }
      }
    }
    if (!LastLine)
      Out += '\n';
  }
  return Out;
}

std::string reportPath(StringRef File, const ReportOptions &Options) {
  return PathStyle(Options).forJson(File);
}

std::vector<std::string> findingFingerprints(llvm::ArrayRef<Result> Results,
                                             const ReportOptions &Options) {
  PathStyle Paths(Options);
  llvm::StringMap<unsigned> Seen;
  std::vector<std::string> Out;
  for (const Result &R : Results) {
    if (!R.isFinding()) {
      Out.emplace_back();
      continue;
    }
    std::string Digest = findingDigest(R, Paths);
    unsigned Ordinal = Seen[Digest]++;
    Out.push_back((Digest + ":" + llvm::Twine(Ordinal)).str());
  }
  return Out;
}

void writeSarif(llvm::ArrayRef<Result> NewResults,
                const ReportOptions &Options, llvm::raw_ostream &OS,
                llvm::ArrayRef<Result> Unchanged) {
  PathStyle Paths(Options);
  // The findings of the baseline among the others, in the order of the
  // text output, so that a fingerprint does not depend on --baseline.
  std::vector<Result> Results;
  std::vector<bool> IsUnchanged;
  auto Earlier = [](const Result &A, const Result &B) {
    return resultOrder(A) < resultOrder(B);
  };
  for (size_t New = 0, Known = 0;
       New < NewResults.size() || Known < Unchanged.size();) {
    bool TakeKnown = Known < Unchanged.size() &&
                     (New == NewResults.size() ||
                      Earlier(Unchanged[Known], NewResults[New]));
    Results.push_back(TakeKnown ? Unchanged[Known++] : NewResults[New++]);
    IsUnchanged.push_back(TakeKnown);
  }

  // Every acm check is a rule, in a fixed order, so the logs of several
  // shards have the same rules and merge; checks of other modules that
  // reported something follow.
  std::vector<std::string> RuleIds;
  for (const CheckInfo &Check : checkCatalog())
    RuleIds.push_back(Check.Name.str());
  std::vector<std::string> Others;
  for (const Result &R : Results)
    if (R.isFinding() && !findCheck(R.check()))
      Others.push_back(R.check().str());
  llvm::sort(Others);
  Others.erase(std::unique(Others.begin(), Others.end()), Others.end());
  RuleIds.insert(RuleIds.end(), Others.begin(), Others.end());

  json::Array Rules;
  for (const std::string &Id : RuleIds)
    Rules.push_back(sarifRule(Id, Options));

  json::Array SarifResults, Failures, ConfigurationProblems;
  std::vector<std::string> Fingerprints = findingFingerprints(Results, Options);
  for (size_t I = 0; I < Results.size(); ++I) {
    const Result &R = Results[I];
    if (R.isCompilerError()) {
      Failures.push_back(sarifNotification(R, Paths));
      continue;
    }
    if (R.isConfigurationWarning()) {
      ConfigurationProblems.push_back(sarifNotification(R, Paths));
      continue;
    }
    size_t RuleIndex = llvm::find(RuleIds, R.check()) - RuleIds.begin();
    json::Object Out = sarifResult(R, RuleIndex, Paths, Fingerprints[I]);
    if (!Options.Baseline.empty()) {
      Out["baselineState"] = IsUnchanged[I] ? "unchanged" : "new";
      // What SARIF viewers hide: a finding the project has accepted.
      if (IsUnchanged[I])
        Out["suppressions"] = json::Array{json::Object{
            {"kind", "external"},
            {"justification",
             "Recorded in the baseline " + Options.Baseline}}};
    }
    SarifResults.push_back(std::move(Out));
  }

  json::Object Invocation{{"executionSuccessful", Failures.empty()}};
  if (!Failures.empty())
    Invocation["toolExecutionNotifications"] = std::move(Failures);
  if (!ConfigurationProblems.empty())
    Invocation["toolConfigurationNotifications"] =
        std::move(ConfigurationProblems);

  json::Object Run{
      {"tool",
       json::Object{
           {"driver",
            json::Object{{"name", "acm-tidy"},
                         {"fullName", "acm-tidy " + Options.ToolVersion},
                         {"version", Options.ToolVersion},
                         {"semanticVersion", Options.ToolVersion},
                         {"informationUri", Options.DocsUri + "/index.md"},
                         {"rules", std::move(Rules)}}}}},
      {"invocations", json::Array{std::move(Invocation)}},
      {"columnKind", "unicodeCodePoints"},
      {"results", std::move(SarifResults)},
  };
  if (!Options.SourceRoot.empty())
    Run["originalUriBaseIds"] = json::Object{
        {"SRCROOT", json::Object{{"uri", fileUri(Options.SourceRoot + "/")}}}};
  json::Value Log = json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::Array{std::move(Run)}},
  };
  OS << llvm::formatv("{0:2}", Log) << "\n";
}

namespace {

/// Where a SARIF result or notification is, for ordering: its file (as a
/// URI, against the base when it has one), line, column.
std::tuple<std::string, int64_t, int64_t>
sarifPlace(const json::Object &Item, const json::Object *BaseIds) {
  const json::Array *Locations = Item.getArray("locations");
  if (!Locations || Locations->empty())
    return {};
  const json::Object *Physical =
      Locations->front().getAsObject()
          ? Locations->front().getAsObject()->getObject("physicalLocation")
          : nullptr;
  if (!Physical)
    return {};
  std::string Uri;
  if (const json::Object *Artifact = Physical->getObject("artifactLocation")) {
    Uri = Artifact->getString("uri").value_or("").str();
    if (auto Base = Artifact->getString("uriBaseId"); Base && BaseIds)
      if (const json::Object *Id = BaseIds->getObject(*Base))
        Uri = Id->getString("uri").value_or("").str() + Uri;
  }
  int64_t Line = 0, Column = 0;
  if (const json::Object *Region = Physical->getObject("region")) {
    Line = Region->getInteger("startLine").value_or(0);
    Column = Region->getInteger("startColumn").value_or(0);
  }
  return {Uri, Line, Column};
}

std::string serialize(const json::Value &V) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << V;
  return Text;
}

/// Appends the items of \p From not yet in \p Seen to \p To. A result's
/// ruleIndex is left out of the comparison: each log numbers the rules of
/// other modules' checks by what its part reported, so one finding of a
/// shared header has different indexes in different logs.
void appendNew(const json::Array *From, std::vector<json::Value> &To,
               llvm::StringSet<> &Seen) {
  if (!From)
    return;
  for (const json::Value &Item : *From) {
    json::Value Key = Item;
    if (json::Object *Result = Key.getAsObject())
      Result->erase("ruleIndex");
    if (Seen.insert(serialize(Key)).second)
      To.push_back(Item);
  }
}

/// Sorts SARIF results or notifications as acm-tidy orders findings.
void sortByPlace(std::vector<json::Value> &Items, const json::Object *BaseIds) {
  auto Key = [&](const json::Value &V) {
    const json::Object &Item = *V.getAsObject();
    auto [Uri, Line, Column] = sarifPlace(Item, BaseIds);
    std::string Rule = Item.getString("ruleId").value_or("").str();
    std::string Text;
    if (const json::Object *Message = Item.getObject("message"))
      Text = Message->getString("text").value_or("").str();
    return std::make_tuple(Uri, Line, Column, Rule, Text);
  };
  llvm::stable_sort(Items, [&](const json::Value &A, const json::Value &B) {
    return Key(A) < Key(B);
  });
}

/// Whether \p Parent[\p Key], when there, is an array of objects; says
/// what is wrong in \p Problem when not.
bool objectsOrAbsent(const json::Object &Parent, StringRef Key, StringRef Item,
                     std::string &Problem) {
  const json::Value *Value = Parent.get(Key);
  if (!Value)
    return true;
  const json::Array *Items = Value->getAsArray();
  if (!Items) {
    Problem = ("'" + Key + "' is not an array").str();
    return false;
  }
  for (const json::Value &Each : *Items)
    if (!Each.getAsObject()) {
      Problem = (Item + " is not an object").str();
      return false;
    }
  return true;
}

/// The run of \p Log when it is a SARIF log of one acm-tidy run whose every
/// part the merge reads has the type acm-tidy writes; otherwise null, with
/// what is wrong in \p Problem. The merge dereferences what this accepts.
const json::Object *acmRun(const json::Value &Log, std::string &Problem) {
  const json::Object *Top = Log.getAsObject();
  if (!Top) {
    Problem = "not an object";
    return nullptr;
  }
  const json::Array *Runs = Top->getArray("runs");
  if (!Runs || Runs->size() != 1) {
    Problem =
        Runs ? "'runs' holds " + std::to_string(Runs->size()) + " runs, not one"
             : "no 'runs' array";
    return nullptr;
  }
  const json::Object *Run = Runs->front().getAsObject();
  const json::Object *Tool = Run ? Run->getObject("tool") : nullptr;
  const json::Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
  if (!Driver || Driver->getString("name") != "acm-tidy") {
    Problem = "the run's tool is not acm-tidy";
    return nullptr;
  }
  if (!objectsOrAbsent(*Driver, "rules", "a rule", Problem))
    return nullptr;
  if (const json::Array *Rules = Driver->getArray("rules"))
    for (const json::Value &Rule : *Rules)
      if (!Rule.getAsObject()->getString("id")) {
        Problem = "a rule has no 'id'";
        return nullptr;
      }
  // acm-tidy always lists the results, even when there are none.
  if (!Run->get("results")) {
    Problem = "no 'results' array";
    return nullptr;
  }
  if (!objectsOrAbsent(*Run, "results", "a result", Problem) ||
      !objectsOrAbsent(*Run, "invocations", "an invocation", Problem))
    return nullptr;
  if (const json::Array *Invocations = Run->getArray("invocations"))
    for (const json::Value &Invocation : *Invocations)
      for (StringRef Key :
           {"toolExecutionNotifications", "toolConfigurationNotifications"})
        if (!objectsOrAbsent(*Invocation.getAsObject(), Key, "a notification",
                             Problem))
          return nullptr;
  return Run;
}

} // namespace

void writeErrorsAsText(llvm::ArrayRef<Result> Results, llvm::raw_ostream &OS) {
  // The file as the compile command named it, as clang-tidy prints it.
  auto Print = [&OS](const clang::tooling::DiagnosticMessage &Message,
                     const Located &Where, StringRef Level, StringRef Check) {
    if (!Message.FilePath.empty()) {
      OS << Message.FilePath << ":";
      if (Where.Pos.Line)
        OS << Where.Pos.Line << ":" << Where.Pos.Column << ":";
      OS << " ";
    }
    OS << Level << ": " << Message.Message;
    if (!Check.empty())
      OS << " [" << Check << "]";
    OS << "\n";
  };
  for (const Result &R : Results) {
    if (R.isFinding())
      continue;
    Print(R.Error.Message, R.Main, R.level(), R.check());
    for (size_t I = 0; I < R.Notes.size() && I < R.Error.Notes.size(); ++I)
      Print(R.Error.Notes[I], R.Notes[I], "note", "");
  }
}

llvm::Expected<json::Value> mergeSarif(llvm::ArrayRef<std::string> Paths) {
  std::optional<json::Object> Merged; // The first run, to update.
  std::vector<json::Value> Rules, Results, Failures, ConfigurationProblems;
  llvm::StringSet<> SeenRules, SeenResults, SeenFailures, SeenProblems;
  bool Successful = true;
  constexpr const char *What = "a SARIF log of one acm-tidy run";
  for (const std::string &Path : Paths) {
    auto Log = readJsonFile(Path, What);
    if (!Log)
      return Log.takeError();
    std::string Problem;
    const json::Object *Run = acmRun(*Log, Problem);
    if (!Run)
      return llvm::createStringError("'%s' is not %s: %s", Path.c_str(), What,
                                     Problem.c_str());
    const json::Object *Driver = Run->getObject("tool")->getObject("driver");
    if (!Merged)
      Merged = *Run;
    appendNew(Driver->getArray("rules"), Rules, SeenRules);
    appendNew(Run->getArray("results"), Results, SeenResults);
    if (const json::Array *Invocations = Run->getArray("invocations"))
      for (const json::Value &Invocation : *Invocations) {
        const json::Object *I = Invocation.getAsObject();
        Successful &= I->getBoolean("executionSuccessful").value_or(false);
        appendNew(I->getArray("toolExecutionNotifications"), Failures,
                  SeenFailures);
        appendNew(I->getArray("toolConfigurationNotifications"),
                  ConfigurationProblems, SeenProblems);
      }
  }
  if (!Merged)
    return llvm::createStringError("no SARIF logs to merge");

  // Rules in the order acm-tidy writes them: the checks of the module, then
  // the others by name; results point into that list.
  auto RuleKey = [](const json::Value &Rule) {
    std::string Id = Rule.getAsObject()->getString("id").value_or("").str();
    const CheckInfo *Check = findCheck(Id);
    return std::make_pair(Check ? size_t(Check - checkCatalog().begin())
                                : checkCatalog().size(),
                          Id);
  };
  llvm::stable_sort(Rules, [&](const json::Value &A, const json::Value &B) {
    return RuleKey(A) < RuleKey(B);
  });
  // Rules with the same id (from different versions) count once.
  Rules.erase(std::unique(Rules.begin(), Rules.end(),
                          [&](const json::Value &A, const json::Value &B) {
                            return RuleKey(A) == RuleKey(B);
                          }),
              Rules.end());
  std::map<std::string, int64_t> RuleIndex;
  for (const json::Value &Rule : Rules)
    RuleIndex.emplace(RuleKey(Rule).second, RuleIndex.size());

  const json::Object *BaseIds = Merged->getObject("originalUriBaseIds");
  sortByPlace(Results, BaseIds);
  sortByPlace(Failures, BaseIds);
  sortByPlace(ConfigurationProblems, BaseIds);
  json::Array MergedResults;
  for (json::Value &Result : Results) {
    json::Object &R = *Result.getAsObject();
    auto Index = RuleIndex.find(R.getString("ruleId").value_or("").str());
    if (Index != RuleIndex.end())
      R["ruleIndex"] = Index->second;
    else
      R.erase("ruleIndex");
    MergedResults.push_back(std::move(Result));
  }

  json::Object Invocation{{"executionSuccessful", Successful}};
  if (!Failures.empty())
    Invocation["toolExecutionNotifications"] = json::Array(std::move(Failures));
  if (!ConfigurationProblems.empty())
    Invocation["toolConfigurationNotifications"] =
        json::Array(std::move(ConfigurationProblems));
  (*Merged->getObject("tool")->getObject("driver"))["rules"] =
      json::Array(std::move(Rules));
  (*Merged)["results"] = std::move(MergedResults);
  (*Merged)["invocations"] = json::Array{std::move(Invocation)};
  return json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::Array{std::move(*Merged)}},
  };
}

void writeJson(llvm::ArrayRef<Result> Results, const ReportOptions &Options,
               llvm::raw_ostream &OS) {
  PathStyle Paths(Options);
  auto Place = [&](const Located &L) {
    json::Object Out{{"file", Paths.forJson(L.File)},
                     {"line", L.Pos.Line},
                     {"column", L.Pos.Column},
                     {"message", L.Message}};
    return Out;
  };
  json::Array Out;
  for (const Result &R : Results) {
    json::Object Finding = Place(R.Main);
    Finding["check"] = R.check();
    Finding["level"] = R.level();
    Finding["function"] = R.Function;
    if (!R.Kind.empty()) {
      Finding["kind"] = R.Kind;
      Finding["object"] = R.Object;
    }
    json::Array Notes;
    for (const Located &Note : R.Notes)
      if (!Note.File.empty())
        Notes.push_back(Place(Note));
    Finding["notes"] = std::move(Notes);
    json::Array Fixes;
    for (const Edit &E : R.Edits)
      Fixes.push_back(json::Object{{"file", Paths.forJson(E.File)},
                                   {"line", E.Begin.Line},
                                   {"column", E.Begin.Column},
                                   {"offset", E.Offset},
                                   {"length", E.Length},
                                   {"replacement", E.Text}});
    Finding["fixes"] = std::move(Fixes);
    Out.push_back(std::move(Finding));
  }
  OS << llvm::formatv("{0:2}", json::Value(std::move(Out))) << "\n";
}

} // namespace acm
