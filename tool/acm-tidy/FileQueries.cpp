//===- FileQueries.cpp ----------------------------------------------------===//

#include "FileQueries.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace acm {

Digest statusAnswer(const ErrorOr<vfs::Status> &Status) {
  // Any error is "no such file" to clang's lookups.
  if (!Status)
    return {};
  return {1 + uint64_t(Status->getType()), 0};
}

namespace {

/// The digest of a directory's entries, whatever order they come in.
Digest listingAnswer(vfs::FileSystem &FS, const Twine &Dir,
                     std::vector<vfs::directory_entry> *Entries) {
  std::error_code EC;
  std::vector<std::string> Names;
  for (vfs::directory_iterator It = FS.dir_begin(Dir, EC), End;
       !EC && It != End; It.increment(EC)) {
    Names.push_back(
        (sys::path::filename(It->path()) + "/" + Twine(int(It->type()))).str());
    if (Entries)
      Entries->push_back(*It);
  }
  if (EC)
    return {};
  llvm::sort(Names);
  std::string All;
  for (const std::string &Name : Names)
    All += Name + '\0';
  Digest D = Digest::of(All);
  D.High |= 1; // Never 0, which is "cannot be listed".
  return D;
}

Digest contentAnswer(ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer) {
  if (!Buffer)
    return {};
  Digest D = Digest::of((*Buffer)->getBuffer());
  D.High |= 1; // Never 0, which is "cannot be read".
  return D;
}

Digest realPathAnswer(std::error_code EC, StringRef Real) {
  if (EC)
    return {};
  Digest D = Digest::of(Real);
  D.High |= 1;
  return D;
}

/// A file that tells the file system that opened it what it read.
class RecordedFile : public vfs::File {
public:
  RecordedFile(std::unique_ptr<vfs::File> Inner, std::string Path,
               RecordingFileSystem &Recorder)
      : Inner(std::move(Inner)), Path(std::move(Path)), Recorder(Recorder) {}

  ErrorOr<vfs::Status> status() override { return Inner->status(); }
  ErrorOr<std::string> getName() override { return Inner->getName(); }
  ErrorOr<std::unique_ptr<MemoryBuffer>> getBuffer(const Twine &Name,
                                                   int64_t FileSize,
                                                   bool RequiresNullTerminator,
                                                   bool IsVolatile) override {
    auto Buffer =
        Inner->getBuffer(Name, FileSize, RequiresNullTerminator, IsVolatile);
    if (Buffer)
      Recorder.recordContent(Path, (*Buffer)->getBuffer());
    return Buffer;
  }
  std::error_code close() override { return Inner->close(); }

private:
  std::unique_ptr<vfs::File> Inner;
  std::string Path;
  RecordingFileSystem &Recorder;
};

/// Entries listed once, handed out as a directory iterator.
class ListedDirectory : public vfs::detail::DirIterImpl {
public:
  explicit ListedDirectory(std::vector<vfs::directory_entry> Entries)
      : Entries(std::move(Entries)) {
    increment();
  }
  std::error_code increment() override {
    CurrentEntry =
        Next < Entries.size() ? Entries[Next++] : vfs::directory_entry();
    return {};
  }

private:
  std::vector<vfs::directory_entry> Entries;
  size_t Next = 0;
};

} // namespace

std::string RecordingFileSystem::absolute(const Twine &Path) const {
  SmallString<256> Absolute;
  Path.toVector(Absolute);
  makeAbsolute(Absolute);
  // Only ".": removing ".." would be wrong after a symbolic link.
  sys::path::remove_dots(Absolute, /*remove_dot_dot=*/false);
  return std::string(Absolute);
}

void RecordingFileSystem::record(FileQuery::Kind What, std::string Path,
                                 Digest Answer) {
  std::lock_guard<std::mutex> Guard(Lock);
  auto [It, New] = Index[unsigned(What)].try_emplace(Path, Asked.size());
  if (!New) {
    if (Asked[It->second].Answer != Answer)
      Conflict = true;
    return;
  }
  Asked.push_back({What, std::move(Path), Answer});
}

void RecordingFileSystem::recordContent(const std::string &Path,
                                        StringRef Bytes) {
  Digest D = Digest::of(Bytes);
  D.High |= 1;
  record(FileQuery::Kind::Content, Path, D);
}

ErrorOr<vfs::Status> RecordingFileSystem::status(const Twine &Path) {
  auto Status = ProxyFileSystem::status(Path);
  record(FileQuery::Kind::Status, absolute(Path), statusAnswer(Status));
  return Status;
}

bool RecordingFileSystem::exists(const Twine &Path) {
  return bool(status(Path));
}

ErrorOr<std::unique_ptr<vfs::File>>
RecordingFileSystem::openFileForRead(const Twine &Path) {
  std::string Absolute = absolute(Path);
  auto File = ProxyFileSystem::openFileForRead(Path);
  if (!File) {
    record(FileQuery::Kind::Content, Absolute, {});
    return File;
  }
  record(FileQuery::Kind::Status, Absolute, statusAnswer((*File)->status()));
  return std::unique_ptr<vfs::File>(
      std::make_unique<RecordedFile>(std::move(*File), Absolute, *this));
}

vfs::directory_iterator RecordingFileSystem::dir_begin(const Twine &Dir,
                                                       std::error_code &EC) {
  std::string Absolute = absolute(Dir);
  std::vector<vfs::directory_entry> Entries;
  Digest Answer = listingAnswer(getUnderlyingFS(), Absolute, &Entries);
  record(FileQuery::Kind::Listing, Absolute, Answer);
  if (Answer == Digest())
    return ProxyFileSystem::dir_begin(Dir, EC);
  EC = {};
  // Entries named as the caller named the directory.
  for (vfs::directory_entry &Entry : Entries) {
    SmallString<256> Name;
    Dir.toVector(Name);
    sys::path::append(Name, sys::path::filename(Entry.path()));
    Entry = vfs::directory_entry(std::string(Name), Entry.type());
  }
  return vfs::directory_iterator(
      std::make_shared<ListedDirectory>(std::move(Entries)));
}

std::error_code
RecordingFileSystem::getRealPath(const Twine &Path,
                                 SmallVectorImpl<char> &Output) {
  std::error_code EC = ProxyFileSystem::getRealPath(Path, Output);
  record(FileQuery::Kind::RealPath, absolute(Path),
         realPathAnswer(EC, StringRef(Output.data(), Output.size())));
  return EC;
}

std::vector<FileQuery> RecordingFileSystem::queries() const {
  std::lock_guard<std::mutex> Guard(Lock);
  return Asked;
}

bool RecordingFileSystem::consistent() const {
  std::lock_guard<std::mutex> Guard(Lock);
  return !Conflict;
}

CurrentAnswers::CurrentAnswers() : FS(vfs::createPhysicalFileSystem()) {}

Digest CurrentAnswers::answer(FileQuery::Kind What, const std::string &Path) {
  switch (What) {
  case FileQuery::Kind::Status:
    return statusAnswer(FS->status(Path));
  case FileQuery::Kind::Content:
    return contentAnswer(FS->getBufferForFile(Path, /*FileSize=*/-1,
                                              /*RequiresNullTerminator=*/false,
                                              /*IsVolatile=*/true));
  case FileQuery::Kind::Listing:
    return listingAnswer(*FS, Path, nullptr);
  case FileQuery::Kind::RealPath: {
    SmallString<256> Real;
    std::error_code EC = FS->getRealPath(Path, Real);
    return realPathAnswer(EC, Real);
  }
  }
  return {};
}

bool CurrentAnswers::same(const FileQuery &Query) {
  unsigned Kind = unsigned(Query.What);
  {
    std::lock_guard<std::mutex> Guard(Lock);
    auto It = Known[Kind].find(Query.Path);
    if (It != Known[Kind].end())
      return It->second == Query.Answer;
  }
  // Asked outside the lock: reading a header must not hold up the other
  // threads. Two threads may ask at once; they get the same answer.
  Digest Now = answer(Query.What, Query.Path);
  std::lock_guard<std::mutex> Guard(Lock);
  Known[Kind].try_emplace(Query.Path, Now);
  return Now == Query.Answer;
}

} // namespace acm
