//===- Baseline.cpp -------------------------------------------------------===//

#include "Baseline.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace json = llvm::json;

namespace acm {

namespace {
constexpr int64_t FormatVersion = 1;
} // namespace

BaselineKey baselineKey(const Result &R, llvm::StringRef Root) {
  return {relativePath(canonicalPath(R.Main.File), Root), R.Function,
          R.check().str(), R.objectName(), R.Main.Message};
}

void writeBaseline(llvm::ArrayRef<Result> Results, llvm::StringRef Root,
                   llvm::raw_ostream &OS) {
  std::vector<BaselineKey> Keys;
  for (const Result &R : Results)
    if (R.isFinding())
      Keys.push_back(baselineKey(R, Root));
  // Sorted, so the file changes little when findings come and go.
  llvm::sort(Keys);
  json::Array Findings;
  for (const BaselineKey &Key : Keys)
    Findings.push_back(json::Object{{"file", Key.File},
                                    {"function", Key.Function},
                                    {"check", Key.Check},
                                    {"object", Key.Object},
                                    {"message", Key.Message}});
  json::Value File = json::Object{{"acm-tidy-baseline", FormatVersion},
                                  {"findings", std::move(Findings)}};
  OS << llvm::formatv("{0:2}", File) << "\n";
}

llvm::Expected<Baseline> readBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read '%s': %s",
                                   Path.str().c_str(),
                                   Buffer.getError().message().c_str());
  auto Parsed = json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return llvm::createStringError("'%s' is not a baseline: %s",
                                   Path.str().c_str(),
                                   toString(Parsed.takeError()).c_str());
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
  if (*Version != FormatVersion)
    return Malformed("unsupported version (this acm-tidy reads version 1)");
  const json::Array *Findings = Top->getArray("findings");
  if (!Findings)
    return Malformed("no 'findings' array");
  Baseline Known;
  for (const json::Value &Entry : *Findings) {
    const json::Object *Finding = Entry.getAsObject();
    if (!Finding)
      return Malformed("a finding is not an object");
    BaselineKey Key;
    for (auto [Name, Field] :
         {std::pair{"file", &BaselineKey::File},
          std::pair{"function", &BaselineKey::Function},
          std::pair{"check", &BaselineKey::Check},
          std::pair{"object", &BaselineKey::Object},
          std::pair{"message", &BaselineKey::Message}}) {
      std::optional<llvm::StringRef> Value = Finding->getString(Name);
      if (!Value)
        return Malformed("a finding lacks a string field");
      Key.*Field = Value->str();
    }
    ++Known[Key];
  }
  return Known;
}

unsigned subtractBaseline(std::vector<Result> &Results, Baseline Known,
                          llvm::StringRef Root) {
  unsigned Removed = 0;
  llvm::erase_if(Results, [&](const Result &R) {
    if (!R.isFinding())
      return false;
    auto It = Known.find(baselineKey(R, Root));
    if (It == Known.end() || It->second == 0)
      return false;
    --It->second;
    ++Removed;
    return true;
  });
  return Removed;
}

} // namespace acm
