//===- VerifyConfig.cpp ---------------------------------------------------===//

#include "VerifyConfig.h"
#include "Checks/AcmOptions.h"
#include "Checks/CheckCatalog.h"

#include "clang-tidy/GlobList.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

using llvm::StringRef;

namespace acm {

StringRef closestCheck(StringRef Glob) {
  unsigned Best = 5; // As clang-tidy's --verify-config.
  StringRef Closest;
  for (const CheckInfo &Check : checkCatalog()) {
    unsigned Distance = Glob.edit_distance_insensitive(
        Check.Name, /*AllowReplacements=*/true, /*MaxEditDistance=*/Best);
    if (Distance < Best) {
      Best = Distance;
      Closest = Check.Name;
    }
  }
  return Closest;
}

std::string checkGlobProblem(StringRef Glob) {
  Glob = Glob.trim();
  if (Glob.consume_front("-"))
    Glob = Glob.ltrim();
  if (Glob != "acm" && !Glob.starts_with("acm-"))
    return "";
  clang::tidy::GlobList Matcher(Glob);
  if (llvm::any_of(checkCatalog(), [&](const CheckInfo &Check) {
        return Matcher.contains(Check.Name);
      }))
    return "";
  std::string Problem =
      ("check glob '" + Glob + "' matches no acm check").str();
  StringRef Closest = closestCheck(Glob);
  if (!Closest.empty())
    Problem += ("; did you mean '" + Closest + "'?").str();
  return Problem;
}

std::vector<std::string>
configurationProblems(const clang::tidy::ClangTidyOptions &Options,
                      bool CheckValues) {
  std::vector<std::string> Problems;
  if (Options.Checks) {
    // Split as clang-tidy's GlobList splits.
    llvm::SmallVector<StringRef> Globs;
    StringRef(*Options.Checks).split(Globs, ',');
    for (StringRef Line : Globs) {
      llvm::SmallVector<StringRef> Parts;
      Line.split(Parts, '\n');
      for (StringRef Glob : Parts)
        if (std::string Problem = checkGlobProblem(Glob); !Problem.empty())
          Problems.push_back(std::move(Problem));
    }
  }
  // CheckOptions is a hash map: report its keys in a stable order.
  std::vector<StringRef> Keys;
  for (const auto &Entry : Options.CheckOptions)
    Keys.push_back(Entry.getKey());
  llvm::sort(Keys);
  for (StringRef Key : Keys) {
    if (std::optional<std::string> Unknown = unknownAcmOptionKey(Key)) {
      Problems.push_back(std::move(*Unknown));
      continue;
    }
    std::optional<StringRef> Option = acmOptionOfKey(Key);
    if (!CheckValues || !Option)
      continue;
    for (std::string &Problem : acmOptionValueProblems(
             *Option, Options.CheckOptions.lookup(Key).Value))
      Problems.push_back(Problem + " (key '" + Key.str() + "')");
  }
  return Problems;
}

} // namespace acm
