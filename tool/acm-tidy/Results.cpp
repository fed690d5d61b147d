//===- Results.cpp --------------------------------------------------------===//

#include "Results.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <mutex>
#include <tuple>

using namespace clang::tidy;

namespace acm {

bool Result::isCompilerError() const {
  return Error.DiagLevel == ClangTidyError::Error &&
         check().starts_with("clang-diagnostic-");
}

bool Result::isConfigurationWarning() const {
  return check().starts_with("clang-tidy-");
}

llvm::StringRef Result::level() const {
  return Error.DiagLevel == ClangTidyError::Error || Error.IsWarningAsError
             ? "error"
             : "warning";
}

const SourcePositions::FileLines &SourcePositions::lines(llvm::StringRef File) {
  std::unique_ptr<FileLines> &Entry = Files[File];
  if (!Entry) {
    Entry = std::make_unique<FileLines>();
    if (auto Buffer = llvm::MemoryBuffer::getFile(File)) {
      Entry->Text = (*Buffer)->getBuffer().str();
      Entry->LineStarts.push_back(0);
      for (size_t I = 0; I < Entry->Text.size(); ++I)
        if (Entry->Text[I] == '\n')
          Entry->LineStarts.push_back(I + 1);
    }
  }
  return *Entry;
}

Position SourcePositions::position(llvm::StringRef File, unsigned Offset) {
  const FileLines &Lines = lines(File);
  if (Lines.LineStarts.empty() || Offset > Lines.Text.size())
    return {};
  auto Next = std::upper_bound(Lines.LineStarts.begin(), Lines.LineStarts.end(),
                               Offset);
  unsigned LineStart = *(Next - 1);
  Position Pos;
  Pos.Line = Next - Lines.LineStarts.begin();
  Pos.Column = Offset - LineStart + 1;
  // Count code points: every byte that does not continue a UTF-8 sequence.
  Pos.CharColumn = 1;
  for (unsigned I = LineStart; I < Offset; ++I)
    if ((static_cast<unsigned char>(Lines.Text[I]) & 0xC0) != 0x80)
      ++Pos.CharColumn;
  return Pos;
}

unsigned SourcePositions::tokenEnd(llvm::StringRef File, unsigned Offset) {
  const std::string &Text = lines(File).Text;
  auto IsIdentifier = [](char C) {
    return llvm::isAlnum(C) || C == '_' || (C & 0x80);
  };
  if (Offset >= Text.size())
    return Offset;
  unsigned End = Offset;
  while (End < Text.size() && IsIdentifier(Text[End]))
    ++End;
  if (End == Offset && Text[End] != '\n')
    ++End;
  return End;
}

std::string absolutePath(llvm::StringRef Path, llvm::StringRef Directory) {
  llvm::SmallString<256> Full;
  if (llvm::sys::path::is_absolute(Path)) {
    Full = Path;
  } else {
    if (Directory.empty())
      llvm::sys::fs::current_path(Full);
    else
      Full = Directory;
    if (!llvm::sys::path::is_absolute(Full))
      llvm::sys::fs::make_absolute(Full);
    llvm::sys::path::append(Full, Path);
  }
  llvm::sys::path::remove_dots(Full, /*remove_dot_dot=*/true);
  return std::string(Full);
}

std::string canonicalPath(llvm::StringRef Path) {
  // Asked for the same few files again and again (every location of every
  // finding, in every output), and real_path costs system calls. A relative
  // path depends on the current directory, so only absolute ones are kept.
  static std::mutex Lock;
  static llvm::StringMap<std::string> Known;
  bool Keep = llvm::sys::path::is_absolute(Path);
  if (Keep) {
    std::lock_guard<std::mutex> Guard(Lock);
    auto It = Known.find(Path);
    if (It != Known.end())
      return It->second;
  }
  llvm::SmallString<256> Real;
  std::string Canonical = llvm::sys::fs::real_path(Path, Real)
                              ? absolutePath(Path)
                              : std::string(Real);
  if (Keep) {
    std::lock_guard<std::mutex> Guard(Lock);
    Known.try_emplace(Path, Canonical);
  }
  return Canonical;
}

std::string encodeFileName(llvm::StringRef Path) {
  if (llvm::json::isUTF8(Path))
    return Path.str();
  std::string Encoded;
  for (unsigned char C : Path) {
    if (C == '%' || C >= 0x80) {
      Encoded += '%';
      Encoded += llvm::hexdigit(C >> 4);
      Encoded += llvm::hexdigit(C & 15);
    } else {
      Encoded += C;
    }
  }
  return Encoded;
}

llvm::Expected<llvm::json::Value> readJsonFile(llvm::StringRef Path,
                                               llvm::StringRef What) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read '%s': %s",
                                   Path.str().c_str(),
                                   Buffer.getError().message().c_str());
  if (jsonNestsDeeperThan((*Buffer)->getBuffer(), MaxNestingDepth))
    return llvm::createStringError("'%s' is not %s: it nests more than %u "
                                   "levels deep",
                                   Path.str().c_str(), What.str().c_str(),
                                   MaxNestingDepth);
  auto Parsed = llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return llvm::createStringError("'%s' is not %s: %s", Path.str().c_str(),
                                   What.str().c_str(),
                                   toString(Parsed.takeError()).c_str());
  return Parsed;
}

std::string relativePath(llvm::StringRef Path, llvm::StringRef Root) {
  llvm::SmallString<256> Prefix(Root);
  if (!Prefix.empty() && !llvm::sys::path::is_separator(Prefix.back()))
    Prefix += llvm::sys::path::get_separator();
  if (Prefix.empty() || !Path.starts_with(Prefix))
    return Path.str();
  return llvm::sys::path::convert_to_slash(Path.drop_front(Prefix.size()));
}

std::vector<Result> locate(std::vector<ClangTidyError> Errors,
                           SourcePositions &Positions) {
  std::vector<Result> Results;
  Results.reserve(Errors.size());
  for (ClangTidyError &Reported : Errors) {
    Result R(std::move(Reported));
    const ClangTidyError &Error = R.Error;
    auto Place = [&](const clang::tooling::DiagnosticMessage &M) {
      Located L;
      L.Message = M.Message;
      if (!M.FilePath.empty()) {
        L.File = absolutePath(M.FilePath, Error.BuildDirectory);
        L.Pos = Positions.position(L.File, M.FileOffset);
        L.End = Positions.position(L.File,
                                   Positions.tokenEnd(L.File, M.FileOffset));
      }
      return L;
    };
    R.Main = Place(Error.Message);
    for (const auto &Note : Error.Notes)
      R.Notes.push_back(Place(Note));
    for (const auto &FileFix : Error.Message.Fix) {
      std::string File = absolutePath(FileFix.first(), Error.BuildDirectory);
      for (const clang::tooling::Replacement &Replacement : FileFix.second) {
        Edit E;
        E.File = File;
        E.Offset = Replacement.getOffset();
        E.Length = Replacement.getLength();
        E.Begin = Positions.position(File, E.Offset);
        E.End = Positions.position(File, E.Offset + E.Length);
        E.Text = Replacement.getReplacementText().str();
        R.Edits.push_back(std::move(E));
      }
    }
    // StringMap iterates in hash order; keep edits in file order.
    llvm::stable_sort(R.Edits, [](const Edit &A, const Edit &B) {
      return std::tie(A.File, A.Offset) < std::tie(B.File, B.Offset);
    });
    Results.push_back(std::move(R));
  }
  return Results;
}

std::tuple<llvm::StringRef, unsigned, llvm::StringRef, llvm::StringRef>
resultOrder(const Result &R) {
  return std::make_tuple(llvm::StringRef(R.Main.File),
                         R.Error.Message.FileOffset, R.check(),
                         llvm::StringRef(R.Main.Message));
}

void sortAndDeduplicate(std::vector<Result> &Results) {
  llvm::stable_sort(Results, [&](const Result &A, const Result &B) {
    return resultOrder(A) < resultOrder(B);
  });
  Results.erase(std::unique(Results.begin(), Results.end(),
                            [&](const Result &A, const Result &B) {
                              return resultOrder(A) == resultOrder(B);
                            }),
                Results.end());
}

} // namespace acm
