//===- FixApplier.cpp -----------------------------------------------------===//

#include "FixApplier.h"
#include "OutputFile.h"

#include "clang/Format/Format.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/xxhash.h"
#include <map>
#include <tuple>

using namespace llvm;

namespace acm {

Fingerprint Fingerprint::of(StringRef Content) {
  return {Content.size(), xxh3_64bits(Content)};
}

void ParsedFiles::record(StringRef CanonicalFile, Fingerprint Read) {
  auto [It, New] = Files.try_emplace(CanonicalFile, Read);
  if (!New && It->second && *It->second != Read)
    It->second = std::nullopt;
}

void ParsedFiles::merge(const ParsedFiles &Other) {
  for (const auto &Entry : Other.Files) {
    if (Entry.second)
      record(Entry.first(), *Entry.second);
    else
      Files[Entry.first()] = std::nullopt;
  }
}

ParsedFiles::Verdict ParsedFiles::compare(StringRef CanonicalFile,
                                          StringRef Content) const {
  auto It = Files.find(CanonicalFile);
  if (It == Files.end())
    return Verdict::NotRead;
  if (!It->second)
    return Verdict::ReadDifferently;
  return *It->second == Fingerprint::of(Content) ? Verdict::Unchanged
                                                 : Verdict::Changed;
}

namespace {

/// What an edit does, whichever finding asked for it.
auto editKey(const Edit &E) {
  return std::make_tuple(E.Offset, E.Length, StringRef(E.Text));
}

std::string fixes(size_t Count) {
  return (Twine(Count) + (Count == 1 ? " fix" : " fixes")).str();
}

std::string files(size_t Count) {
  return (Twine(Count) + (Count == 1 ? " file" : " files")).str();
}

} // namespace

std::string findConflict(ArrayRef<Edit> Edits) {
  for (size_t I = 1; I < Edits.size(); ++I) {
    const Edit &Before = Edits[I - 1], &After = Edits[I];
    // Two edits at one offset (two insertions, or an insertion before a
    // replacement) have no order that both findings asked for.
    if (After.Offset != Before.Offset &&
        After.Offset >= Before.Offset + Before.Length)
      continue;
    if (After.Begin.Line)
      return "line " + std::to_string(After.Begin.Line);
    return "byte " + std::to_string(After.Offset);
  }
  return "";
}

FixPlan planFixes(ArrayRef<std::vector<Edit>> Fixes) {
  FixPlan Plan;
  // A fix is known by its edits, in canonical files and in order.
  using EditId = std::tuple<std::string, unsigned, unsigned, std::string>;
  std::map<std::vector<EditId>, unsigned> Known;
  std::map<std::string, FilePatch> ByFile;
  for (const std::vector<Edit> &Fix : Fixes) {
    if (Fix.empty())
      continue;
    std::vector<std::string> Canonical;
    std::vector<EditId> Id;
    for (const Edit &E : Fix) {
      Canonical.push_back(canonicalPath(E.File));
      Id.emplace_back(Canonical.back(), E.Offset, E.Length, E.Text);
    }
    llvm::sort(Id);
    if (!Known.try_emplace(std::move(Id), Plan.Fixes).second)
      continue;
    unsigned FixIndex = Plan.Fixes++;
    for (size_t I = 0; I < Fix.size(); ++I) {
      FilePatch &Patch = ByFile[Canonical[I]];
      if (Patch.File.empty() || Fix[I].File < Patch.Name)
        Patch.Name = Fix[I].File;
      Patch.File = Canonical[I];
      Patch.Edits.push_back(Fix[I]);
      if (Patch.Fixes.empty() || Patch.Fixes.back() != FixIndex)
        Patch.Fixes.push_back(FixIndex);
    }
  }
  for (auto &[File, Patch] : ByFile) {
    llvm::stable_sort(Patch.Edits, [](const Edit &A, const Edit &B) {
      return editKey(A) < editKey(B);
    });
    Patch.Edits.erase(std::unique(Patch.Edits.begin(), Patch.Edits.end(),
                                  [](const Edit &A, const Edit &B) {
                                    return editKey(A) == editKey(B);
                                  }),
                      Patch.Edits.end());
    Patch.Conflict = findConflict(Patch.Edits);
    Plan.Files.push_back(std::move(Patch));
  }
  return Plan;
}

Expected<std::string> applyEdits(StringRef Content, ArrayRef<Edit> Edits) {
  std::string Out;
  Out.reserve(Content.size());
  size_t Done = 0;
  for (const Edit &E : Edits) {
    size_t End = size_t(E.Offset) + E.Length;
    if (E.Offset < Done || End > Content.size())
      return createStringError(
          "an edit of bytes %u to %zu does not fit a file of %zu bytes",
          E.Offset, End, Content.size());
    Out.append(Content.data() + Done, E.Offset - Done);
    Out += E.Text;
    Done = End;
  }
  Out.append(Content.data() + Done, Content.size() - Done);
  return Out;
}

namespace {

/// \p Original with \p Edits made, and the code around them cleaned up and
/// formatted in \p StyleName, as clang-tidy does after its fixes.
Expected<std::string> reformat(StringRef File, StringRef Original,
                               ArrayRef<Edit> Edits, StringRef StyleName) {
  Expected<clang::format::FormatStyle> Style =
      clang::format::getStyle(StyleName, File, "none", Original);
  if (!Style)
    return Style.takeError();
  clang::tooling::Replacements Replacements;
  for (const Edit &E : Edits)
    if (Error Added = Replacements.add(
            clang::tooling::Replacement(File, E.Offset, E.Length, E.Text)))
      return std::move(Added);
  Expected<clang::tooling::Replacements> Cleaned =
      clang::format::cleanupAroundReplacements(Original, Replacements, *Style);
  if (!Cleaned)
    return Cleaned.takeError();
  Expected<clang::tooling::Replacements> Formatted =
      clang::format::formatReplacements(Original, *Cleaned, *Style);
  if (!Formatted)
    return Formatted.takeError();
  return clang::tooling::applyAllReplacements(Original, *Formatted);
}

/// Makes the edits of \p Patch; why not, or "" once the file is written.
std::string fixFile(const FilePatch &Patch, const ParsedFiles &Parsed,
                    const FixOptions &Options) {
  std::string Name = "'" + Patch.Name + "'";
  if (!Patch.Conflict.empty())
    return "fixes in " + Name + " overlap at " + Patch.Conflict;
  sys::fs::file_status Status;
  if (std::error_code EC = sys::fs::status(Patch.File, Status))
    return "cannot read " + Name + ": " + EC.message();
  if (Status.type() != sys::fs::file_type::regular_file)
    return Name + " is not a regular file";
  // The new content is renamed over the file, which would replace a file
  // the user may not write. root may write any file: one that no one may
  // write is read-only too.
  if ((Status.permissions() & sys::fs::all_write) == 0 ||
      sys::fs::access(Patch.File, sys::fs::AccessMode::Write))
    return Name + " is read-only";
  auto Buffer = MemoryBuffer::getFile(Patch.File, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false,
                                      /*IsVolatile=*/true);
  if (!Buffer)
    return "cannot read " + Name + ": " + Buffer.getError().message();
  StringRef Content = (*Buffer)->getBuffer();
  switch (Parsed.compare(Patch.File, Content)) {
  case ParsedFiles::Verdict::Unchanged:
    break;
  case ParsedFiles::Verdict::Changed:
    return Name + " changed after it was checked";
  case ParsedFiles::Verdict::ReadDifferently:
    return Name + " changed while it was checked";
  case ParsedFiles::Verdict::NotRead:
    return Name + " was not read when it was checked";
  }
  std::string Style = Options.FormatStyle ? Options.FormatStyle(Patch.File)
                                          : std::string("none");
  Expected<std::string> Edited =
      StringRef(Style).equals_insensitive("none")
          ? applyEdits(Content, Patch.Edits)
          : reformat(Patch.File, Content, Patch.Edits, Style);
  if (!Edited)
    return "cannot apply the fixes to " + Name + ": " +
           toString(Edited.takeError());
  Error Written = writeFileAtomically(Patch.File, [&](int FD) {
    raw_fd_ostream OS(FD, /*shouldClose=*/false);
    OS << *Edited;
    return errorCodeToError(takeWriteError(OS));
  });
  if (Written)
    return "cannot write " + Name + ": " +
           errorToErrorCode(std::move(Written)).message();
  return "";
}

/// Runs \p Command with the shell; false after reporting how it failed.
bool runShellCommand(StringRef Command, raw_ostream &Errors) {
  ErrorOr<std::string> Shell = sys::findProgramByName("sh");
  std::string Failure;
  int Status = Shell ? sys::ExecuteAndWait(*Shell, {"sh", "-c", Command},
                                           std::nullopt, {}, 0, 0, &Failure)
                     : -1;
  if (Status == 0)
    return true;
  Errors << "error: the command before fixing failed: "
         << (Failure.empty() ? "status " + std::to_string(Status) : Failure)
         << "\n";
  return false;
}

/// The fixes of the findings among \p Results, one per finding that has one.
std::vector<std::vector<Edit>> findingFixes(ArrayRef<Result> Results) {
  std::vector<std::vector<Edit>> Fixes;
  for (const Result &R : Results)
    if (R.isFinding() && !R.Edits.empty())
      Fixes.push_back(R.Edits);
  return Fixes;
}

} // namespace

FixSummary applyFixes(ArrayRef<Result> Results, const ParsedFiles &Parsed,
                      const FixOptions &Options, raw_ostream &Errors) {
  FixPlan Plan = planFixes(findingFixes(Results));
  FixSummary Summary;
  Summary.Fixes = Plan.Fixes;
  if (!Plan.Fixes)
    return Summary;
  if (!Options.CommandBeforeFixing.empty() &&
      !runShellCommand(Options.CommandBeforeFixing, Errors))
    Summary.Failed = true;

  // A fix is applied when every file it edits is written.
  std::vector<bool> Unapplied(Plan.Fixes, false);
  for (const FilePatch &Patch : Plan.Files) {
    std::string Problem = fixFile(Patch, Parsed, Options);
    if (Problem.empty()) {
      ++Summary.FilesChanged;
      continue;
    }
    Errors << "error: " << Problem << "; its fixes were not applied\n";
    Summary.Failed = true;
    for (unsigned Fix : Patch.Fixes)
      Unapplied[Fix] = true;
  }
  Summary.Applied = llvm::count(Unapplied, false);

  Errors << "acm-tidy applied ";
  if (Summary.Applied == Summary.Fixes)
    Errors << fixes(Summary.Fixes) << " to " << files(Summary.FilesChanged)
           << ".\n";
  else if (Summary.Applied)
    Errors << Summary.Applied << " of " << fixes(Summary.Fixes) << ", to "
           << files(Summary.FilesChanged) << "; see the errors above.\n";
  else
    Errors << "none of " << fixes(Summary.Fixes) << "; see the errors above.\n";
  return Summary;
}

void reportFixesWithheld(ArrayRef<Result> Results, raw_ostream &Errors) {
  unsigned Fixes = planFixes(findingFixes(Results)).Fixes;
  if (Fixes)
    Errors << "acm-tidy applied none of " << fixes(Fixes)
           << ", because a file could not be checked (see the errors "
              "above).\n";
}

} // namespace acm
