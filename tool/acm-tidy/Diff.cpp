//===- Diff.cpp -----------------------------------------------------------===//

#include "Diff.h"
#include "Results.h"
#include "../common/Nesting.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

namespace acm {

namespace {

/// The file name of a "--- " or "+++ " line: up to a tab (diff -u puts a
/// date there), unquoted when git quoted it.
std::string headerPath(llvm::StringRef Line) {
  llvm::StringRef Path = Line.drop_front(4).rtrim("\r");
  if (!Path.starts_with("\"")) {
    return Path.split('\t').first.rtrim(' ').str();
  }
  // Git quotes names with unusual characters, C-style.
  std::string Out;
  for (size_t I = 1; I < Path.size() && Path[I] != '"'; ++I) {
    char C = Path[I];
    if (C != '\\' || I + 1 == Path.size()) {
      Out += C;
      continue;
    }
    char Next = Path[++I];
    if (Next >= '0' && Next <= '7' && I + 2 < Path.size()) {
      unsigned Value = 0;
      llvm::StringRef(Path.data() + I, 3).getAsInteger(8, Value);
      Out += static_cast<char>(Value);
      I += 2;
    } else {
      Out += Next == 'n' ? '\n' : Next == 't' ? '\t' : Next;
    }
  }
  return Out;
}

/// The first line of \p Text that is not blank, shortened for a message.
std::string firstLine(llvm::StringRef Text) {
  llvm::StringRef Line = Text.ltrim().split('\n').first.rtrim();
  constexpr size_t MaxShown = 80;
  if (Line.size() <= MaxShown)
    return Line.str();
  return Line.take_front(MaxShown).str() + "...";
}

/// Parses "a[,b]" of a hunk header; the count defaults to 1.
bool parseRange(llvm::StringRef Text, unsigned &Start, unsigned &Count) {
  auto [First, Second] = Text.split(',');
  Count = 1;
  return !First.getAsInteger(10, Start) &&
         (Second.empty() || !Second.getAsInteger(10, Count));
}

} // namespace

llvm::Expected<ChangedLines> ChangedLines::parse(llvm::StringRef Diff,
                                                 llvm::StringRef Root) {
  ChangedLines Result;
  bool GitPrefixes = false;
  std::string OldPath;
  std::set<unsigned> *Current = nullptr; // null: a deleted file
  bool SeenNewFileHeader = false;
  // A "diff --git" line counts its file; the "+++ " line after it must not.
  bool CountedByGitHeader = false;
  unsigned NewLine = 0, OldLeft = 0, NewLeft = 0;
  unsigned LineNumber = 0;
  llvm::SmallVector<llvm::StringRef> DiffLines;
  Diff.split(DiffLines, '\n');
  // What follows the final newline is no line (an empty line inside a hunk
  // would count as a context line).
  if (!DiffLines.empty() && DiffLines.back().empty())
    DiffLines.pop_back();
  for (llvm::StringRef Line : DiffLines) {
    ++LineNumber;
    if (OldLeft || NewLeft) {
      // Inside a hunk: its header said how many lines of each side follow.
      char Kind = Line.empty() ? ' ' : Line.front();
      if (Kind == '\\')
        continue; // "\ No newline at end of file"
      if (Kind == '+') {
        if (Current)
          Current->insert(NewLine);
        ++NewLine;
        --NewLeft;
      } else if (Kind == '-') {
        // A deletion touches the lines on either side of it.
        if (Current) {
          if (NewLine > 1)
            Current->insert(NewLine - 1);
          Current->insert(NewLine);
        }
        --OldLeft;
      } else if (Kind == ' ') {
        ++NewLine;
        --OldLeft;
        --NewLeft;
      } else {
        return llvm::createStringError(
            "malformed diff at line %u: hunk shorter than its header says",
            LineNumber);
      }
      if (static_cast<int>(OldLeft) < 0 || static_cast<int>(NewLeft) < 0)
        return llvm::createStringError(
            "malformed diff at line %u: hunk longer than its header says",
            LineNumber);
      continue;
    }
    if (Line.starts_with("diff --git ")) {
      ++Result.FileCount;
      CountedByGitHeader = true;
      GitPrefixes = Line.drop_front(11).starts_with("a/") ||
                    Line.drop_front(11).starts_with("\"a/");
    } else if (Line.starts_with("--- ")) {
      OldPath = headerPath(Line);
    } else if (Line.starts_with("+++ ")) {
      std::string Path = headerPath(Line);
      SeenNewFileHeader = true;
      if (!CountedByGitHeader)
        ++Result.FileCount;
      CountedByGitHeader = false;
      if (Path == "/dev/null") {
        Current = nullptr;
        continue;
      }
      bool Prefixed = GitPrefixes || llvm::StringRef(OldPath).starts_with("a/");
      llvm::StringRef Name = Path;
      if (Prefixed)
        Name.consume_front("b/");
      Current = &Result.Lines[canonicalPath(absolutePath(Name, Root))];
    } else if (Line.starts_with("@@ ")) {
      // "@@ -old[,count] +new[,count] @@ context"
      llvm::SmallVector<llvm::StringRef, 4> Parts;
      Line.split(Parts, ' ', /*MaxSplit=*/3);
      unsigned OldStart, NewStart;
      if (Parts.size() < 3 || !Parts[1].starts_with("-") ||
          !Parts[2].starts_with("+") ||
          !parseRange(Parts[1].drop_front(), OldStart, OldLeft) ||
          !parseRange(Parts[2].drop_front(), NewStart, NewLeft))
        return llvm::createStringError("malformed hunk header at line %u",
                                       LineNumber);
      if (!SeenNewFileHeader)
        return llvm::createStringError(
            "malformed diff at line %u: a hunk before any '+++ ' file header",
            LineNumber);
      // With no new lines, the start is the line before the hunk.
      NewLine = NewLeft == 0 ? NewStart + 1 : NewStart;
    }
  }
  if (OldLeft || NewLeft)
    return llvm::createStringError("the diff ends inside a hunk");
  // Text without a single file header is something else: the error message
  // of a failed git diff, a --stat or --name-only listing.
  if (!Result.FileCount && !Diff.trim().empty())
    return llvm::createStringError(
        "the input is not a unified diff (no 'diff --git' or '+++ ' line); "
        "its first line is '%s'",
        firstLine(Diff).c_str());
  return Result;
}

std::vector<std::string> ChangedLines::files() const {
  std::vector<std::string> Files;
  for (const auto &[File, Changed] : Lines)
    if (!Changed.empty() && llvm::sys::fs::exists(File))
      Files.push_back(File);
  return Files;
}

bool ChangedLines::contains(llvm::StringRef CanonicalFile,
                            unsigned Line) const {
  auto It = Lines.find(CanonicalFile);
  return It != Lines.end() && It->second.count(Line);
}

llvm::Expected<LineFilter> LineFilter::parse(llvm::StringRef Json) {
  auto Problem = [](const llvm::Twine &What) {
    return llvm::createStringError(
        "expected a JSON list such as "
        "[{\"name\":\"file.cpp\",\"lines\":[[1,3],[5,5]]}]: " +
        What);
  };
  if (jsonNestsDeeperThan(Json, MaxNestingDepth))
    return Problem("it nests more than " + llvm::Twine(MaxNestingDepth) +
                   " levels deep");
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Json);
  if (!Parsed)
    return Problem(llvm::toString(Parsed.takeError()));
  const llvm::json::Array *List = Parsed->getAsArray();
  if (!List)
    return Problem("not a list");
  LineFilter Filter;
  for (const llvm::json::Value &Item : *List) {
    const llvm::json::Object *Object = Item.getAsObject();
    std::optional<llvm::StringRef> Name =
        Object ? Object->getString("name") : std::nullopt;
    if (!Name || Name->empty())
      return Problem("an entry without a \"name\"");
    Entry Added{Name->str(), canonicalPath(absolutePath(*Name)), {}};
    if (const llvm::json::Value *Lines = Object->get("lines")) {
      const llvm::json::Array *Ranges = Lines->getAsArray();
      if (!Ranges)
        return Problem("\"lines\" of '" + *Name + "' is not a list");
      for (const llvm::json::Value &Range : *Ranges) {
        const llvm::json::Array *Pair = Range.getAsArray();
        std::optional<int64_t> First, Last;
        if (Pair && Pair->size() == 2) {
          First = (*Pair)[0].getAsInteger();
          Last = (*Pair)[1].getAsInteger();
        }
        if (!First || !Last || *First < 0 || *Last < *First ||
            *Last > std::numeric_limits<unsigned>::max())
          return Problem("a line range of '" + *Name +
                         "' is not [first, last]");
        Added.Ranges.emplace_back(*First, *Last);
      }
    }
    Filter.Entries.push_back(std::move(Added));
  }
  return Filter;
}

bool LineFilter::contains(llvm::StringRef File, unsigned Line) const {
  std::string Canonical = canonicalPath(File);
  llvm::StringRef Path = Canonical;
  for (const Entry &E : Entries) {
    llvm::StringRef Name = E.Name;
    bool Named = Path == E.CanonicalName ||
                 (Path.ends_with(Name) && Path.size() > Name.size() &&
                  llvm::sys::path::is_separator(
                      Path[Path.size() - Name.size() - 1]));
    if (!Named)
      continue;
    if (E.Ranges.empty() ||
        llvm::any_of(E.Ranges, [Line](const auto &Range) {
          return Range.first <= Line && Line <= Range.second;
        }))
      return true;
  }
  return false;
}

} // namespace acm
