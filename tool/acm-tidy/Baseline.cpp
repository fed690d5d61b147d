//===- Baseline.cpp -------------------------------------------------------===//

#include "Baseline.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace json = llvm::json;

namespace acm {

namespace {
constexpr int64_t FormatVersion = 2;
/// Keyed findings on their message; still read.
constexpr int64_t MessageKeyedVersion = 1;
} // namespace

BaselineKey baselineKey(const Result &R, llvm::StringRef Root) {
  return {encodeFileName(relativePath(canonicalPath(R.Main.File), Root)),
          R.Function, R.check().str(), R.Kind, R.Object};
}

unsigned placeInFunction(const Result &R) {
  if (R.FunctionLine && R.Main.Pos.Line >= R.FunctionLine)
    return R.Main.Pos.Line - R.FunctionLine;
  return R.Main.Pos.Line;
}

void writeBaseline(llvm::ArrayRef<Result> Results, llvm::StringRef Root,
                   llvm::raw_ostream &OS) {
  struct Entry {
    BaselineKey Key;
    unsigned Line;
    std::string Message;
    bool operator<(const Entry &O) const {
      return std::tie(Key, Line, Message) < std::tie(O.Key, O.Line, O.Message);
    }
  };
  std::vector<Entry> Entries;
  for (const Result &R : Results)
    if (R.isFinding())
      Entries.push_back(
          {baselineKey(R, Root), placeInFunction(R), R.Main.Message});
  // Sorted, so the file changes little when findings come and go.
  llvm::sort(Entries);
  json::Array Findings;
  // The message is there for people reading the file; it is not matched.
  for (const Entry &E : Entries)
    Findings.push_back(json::Object{{"file", E.Key.File},
                                    {"function", E.Key.Function},
                                    {"check", E.Key.Check},
                                    {"kind", E.Key.Kind},
                                    {"object", E.Key.Object},
                                    {"message", E.Message},
                                    {"line_in_function", E.Line}});
  json::Value File = json::Object{{"acm-tidy-baseline", FormatVersion},
                                  {"findings", std::move(Findings)}};
  OS << llvm::formatv("{0:2}", File) << "\n";
}

llvm::Expected<Baseline> readBaseline(llvm::StringRef Path) {
  auto Parsed = readJsonFile(Path, "a baseline");
  if (!Parsed)
    return Parsed.takeError();
  auto Malformed = [&](const char *What) {
    return llvm::createStringError("'%s' is not a baseline: %s",
                                   Path.str().c_str(), What);
  };
  const json::Object *Top = Parsed->getAsObject();
  if (!Top)
    return Malformed("expected an object");
  std::optional<int64_t> Version = Top->getInteger("acm-tidy-baseline");
  if (!Version)
    return Malformed("no 'acm-tidy-baseline' version");
  if (*Version != FormatVersion && *Version != MessageKeyedVersion)
    return Malformed(
        "unsupported version (this acm-tidy reads versions 1 and 2)");
  const json::Array *Findings = Top->getArray("findings");
  if (!Findings)
    return Malformed("no 'findings' array");
  Baseline Known;
  for (const json::Value &Entry : *Findings) {
    const json::Object *Finding = Entry.getAsObject();
    if (!Finding)
      return Malformed("a finding is not an object");
    BaselineKey Key;
    for (auto [Name, Field] : {std::pair{"file", &BaselineKey::File},
                               std::pair{"function", &BaselineKey::Function},
                               std::pair{"check", &BaselineKey::Check},
                               std::pair{"kind", &BaselineKey::Kind},
                               std::pair{"object", &BaselineKey::Object}}) {
      // Version 1 has no kind: its entries match any.
      if (Field == &BaselineKey::Kind && *Version == MessageKeyedVersion)
        continue;
      std::optional<llvm::StringRef> Value = Finding->getString(Name);
      if (!Value)
        return Malformed("a finding lacks a string field");
      Key.*Field = Value->str();
    }
    // Only tells identical findings apart.
    Known[Key].push_back(Finding->getInteger("line_in_function").value_or(0));
  }
  return Known;
}

unsigned subtractBaseline(std::vector<Result> &Results, const Baseline &Known,
                          llvm::StringRef Root, std::vector<Result> *Removed) {
  // The findings of each key that the baseline has.
  std::map<BaselineKey, std::vector<size_t>> Candidates;
  for (size_t I = 0; I < Results.size(); ++I)
    if (Results[I].isFinding()) {
      BaselineKey Key = baselineKey(Results[I], Root);
      if (!Known.count(Key))
        Key.Kind.clear(); // an entry of a version 1 baseline
      if (Known.count(Key))
        Candidates[Key].push_back(I);
    }

  std::vector<bool> IsKnown(Results.size());
  for (const auto &[Key, Indices] : Candidates) {
    const std::vector<unsigned> &Lines = Known.find(Key)->second;
    if (Indices.size() <= Lines.size()) {
      for (size_t I : Indices)
        IsKnown[I] = true;
      continue;
    }
    // More findings than the baseline knows: pair recorded lines with the
    // nearest findings, closest pairs first; the findings left are new.
    std::vector<std::tuple<unsigned, size_t, size_t>> Pairs;
    for (size_t L = 0; L < Lines.size(); ++L)
      for (size_t I : Indices) {
        unsigned Line = placeInFunction(Results[I]);
        unsigned Distance = Line > Lines[L] ? Line - Lines[L] : Lines[L] - Line;
        Pairs.emplace_back(Distance, I, L);
      }
    llvm::sort(Pairs);
    std::vector<bool> LineUsed(Lines.size());
    for (const auto &[Distance, I, L] : Pairs)
      if (!IsKnown[I] && !LineUsed[L]) {
        IsKnown[I] = true;
        LineUsed[L] = true;
      }
  }

  std::vector<Result> Kept;
  unsigned Count = 0;
  for (size_t I = 0; I < Results.size(); ++I) {
    if (!IsKnown[I]) {
      Kept.push_back(std::move(Results[I]));
      continue;
    }
    ++Count;
    if (Removed)
      Removed->push_back(std::move(Results[I]));
  }
  Results = std::move(Kept);
  return Count;
}

} // namespace acm
