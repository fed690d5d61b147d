//===- AcmOptions.cpp -----------------------------------------------------===//

#include "Checks/AcmOptions.h"
#include "Checks/CheckCatalog.h"
#include "Model/Profiles.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

using llvm::StringRef;

namespace acm {

namespace {

constexpr llvm::StringLiteral DisabledProfilesOption = "DisabledProfiles";
constexpr llvm::StringLiteral TypesOption = "Types";
constexpr llvm::StringLiteral ExceptionPathsOption = "CheckExceptionPaths";

/// The options that hold a list of names, and where they go.
struct ListOption {
  llvm::StringLiteral Name;
  std::vector<std::string> ModelOptions::*Field;
  /// Unset, the option keeps ModelOptions' default, if this says so.
  bool HasDefault = false;
};
constexpr ListOption ListOptions[] = {
    {"EnterOps", &ModelOptions::EnterOps},
    {"ExitOps", &ModelOptions::ExitOps},
    {"CloseOps", &ModelOptions::CloseOps},
    {"ExitHelpers", &ModelOptions::ExitHelpers},
    {"GeneratorManagers", &ModelOptions::GeneratorManagers},
    {"OwnerExitMethods", &ModelOptions::OwnerExits},
    {DisabledProfilesOption, &ModelOptions::DisabledProfiles},
    {"FatalFailureMacros", &ModelOptions::FatalFailureMacros, true},
};

/// A boolean option's value, spelled as clang-tidy accepts them.
std::optional<bool> parseBool(StringRef Text) {
  Text = Text.trim();
  if (Text.equals_insensitive("true") || Text == "1")
    return true;
  if (Text.equals_insensitive("false") || Text == "0")
    return false;
  return std::nullopt;
}

/// Every CheckOptions key an acm check reads: the shared ones first.
std::vector<std::string> knownKeys() {
  std::vector<std::string> Keys;
  for (StringRef Name : acmOptionNames())
    Keys.push_back((SharedOptionPrefix + "." + Name).str());
  for (const CheckInfo &Check : checkCatalog())
    for (StringRef Name : acmOptionNames())
      Keys.push_back((Check.Name + "." + Name).str());
  return Keys;
}

/// The known key closest to \p Key, or "" when none is close enough to be
/// what was meant.
std::string closestKey(StringRef Key) {
  // As clang-tidy's --verify-config: ignoring case, fewer than 5 edits.
  unsigned Best = 5;
  std::string Closest;
  for (std::string &Known : knownKeys()) {
    unsigned Distance = Key.edit_distance_insensitive(
        Known, /*AllowReplacements=*/true, /*MaxEditDistance=*/Best);
    if (Distance < Best) {
      Best = Distance;
      Closest = std::move(Known);
    }
  }
  return Closest;
}

} // namespace

std::vector<StringRef> acmOptionNames() {
  std::vector<StringRef> Names;
  for (const ListOption &Option : ListOptions)
    Names.push_back(Option.Name);
  Names.push_back(TypesOption);
  Names.push_back(ExceptionPathsOption);
  return Names;
}

ModelOptions readModelOptions(
    llvm::function_ref<std::optional<StringRef>(StringRef Name)> Get) {
  ModelOptions Options;
  for (const ListOption &Option : ListOptions) {
    std::optional<StringRef> Value = Get(Option.Name);
    if (Value || !Option.HasDefault)
      Options.*Option.Field = ModelOptions::parseList(Value.value_or(""));
  }
  Options.Types = Get(TypesOption).value_or("").str();
  // Read as text: OptionsView's bool accessors are not usable across
  // compilers (the library and the plugin may be built by different ones).
  if (std::optional<StringRef> ExceptionPaths = Get(ExceptionPathsOption))
    Options.CheckExceptionPaths = parseBool(*ExceptionPaths).value_or(false);
  return Options;
}

void storeModelOptions(const ModelOptions &Options,
                       llvm::function_ref<void(StringRef, StringRef)> Store) {
  for (const ListOption &Option : ListOptions)
    Store(Option.Name, ModelOptions::joinList(Options.*Option.Field));
  Store(TypesOption, Options.Types);
  Store(ExceptionPathsOption, Options.CheckExceptionPaths ? "true" : "false");
}

std::vector<std::string> acmOptionValueProblems(StringRef Name,
                                                StringRef Value) {
  std::vector<std::string> Problems;
  if (Name == ExceptionPathsOption && !parseBool(Value)) {
    Problems.push_back(("invalid value '" + Value + "' for option '" +
                        ExceptionPathsOption + "': expected true or false")
                           .str());
  } else if (Name == DisabledProfilesOption) {
    for (const std::string &Profile : ModelOptions::parseList(Value))
      if (llvm::none_of(builtinProfiles(), [&](const acm::Profile &P) {
            return P.Name == Profile;
          }))
        Problems.push_back(("unknown profile '" + Profile + "' in option '" +
                            DisabledProfilesOption + "'")
                               .str());
  } else if (Name == TypesOption) {
    std::string Error;
    parseTypeSpecs(Value, Error);
    if (!Error.empty())
      Problems.push_back("invalid acm Types option: " + Error);
  }
  return Problems;
}

bool isAcmOptionKey(StringRef Key) {
  StringRef Prefix = Key.split('.').first;
  return Prefix == SharedOptionPrefix || Prefix.starts_with("acm-");
}

std::optional<StringRef> acmOptionOfKey(StringRef Key) {
  auto [Prefix, Name] = Key.split('.');
  if (Prefix != SharedOptionPrefix && !findCheck(Prefix))
    return std::nullopt;
  for (StringRef Known : acmOptionNames())
    if (Known == Name)
      return Known;
  return std::nullopt;
}

std::optional<std::string> unknownAcmOptionKey(StringRef Key) {
  if (!isAcmOptionKey(Key) || acmOptionOfKey(Key))
    return std::nullopt;
  std::string Problem = ("unknown option '" + Key + "'").str();
  StringRef Prefix = Key.split('.').first;
  if (Prefix != SharedOptionPrefix && !findCheck(Prefix))
    Problem += (": no acm check is named '" + Prefix + "'").str();
  std::string Closest = closestKey(Key);
  if (!Closest.empty())
    return Problem + "; did you mean '" + Closest + "'?";
  return Problem + " (the acm options are " +
         llvm::join(acmOptionNames(), ", ") + ")";
}

} // namespace acm
