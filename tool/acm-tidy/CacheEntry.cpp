//===- CacheEntry.cpp -----------------------------------------------------===//
//
// The format, little-endian throughout:
//
//   "ACMCACHE"  u32 format version  u32 compression (0: none, 1: zstd)
//   u64 payload length  u64 stored length  u64 xxh3 of what is stored
//   the payload as stored: key[32], queries, results, files read
//
// Most of an entry is the paths of the headers read and of the include
// directories tried, which share long prefixes: zstd makes it about ten
// times smaller. The checksum covers the stored bytes, so damage is found
// before anything is decompressed.
//
// Strings are a u32 length and their bytes; lists a u32 count and their
// items. Reading checks every length against what is left, so no damaged
// entry can make it read out of bounds or allocate without bound.
//
//===----------------------------------------------------------------------===//

#include "CacheEntry.h"

#include "llvm/Support/Compression.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/xxhash.h"
#include <cstring>

using namespace clang::tidy;
using clang::tooling::DiagnosticMessage;
using clang::tooling::FileByteRange;
using clang::tooling::Replacement;
using clang::tooling::Replacements;

namespace acm {

namespace {

constexpr char Magic[8] = {'A', 'C', 'M', 'C', 'A', 'C', 'H', 'E'};
/// Raised whenever what an entry holds, or how, changes.
constexpr uint32_t FormatVersion = 1;
constexpr size_t HeaderSize = sizeof(Magic) + 4 + 4 + 8 + 8 + 8;
enum Compression : uint32_t { Uncompressed = 0, Zstd = 1 };
/// No entry is this large; a length past it is damage, not a reason to
/// allocate.
constexpr uint64_t MaxPayloadSize = uint64_t(1) << 30;

class Writer {
public:
  void u8(uint8_t V) { Out.push_back(char(V)); }
  void u32(uint32_t V) {
    char Bytes[4];
    llvm::support::endian::write32le(Bytes, V);
    Out.append(Bytes, 4);
  }
  void u64(uint64_t V) {
    char Bytes[8];
    llvm::support::endian::write64le(Bytes, V);
    Out.append(Bytes, 8);
  }
  void str(llvm::StringRef S) {
    u32(S.size());
    Out.append(S.data(), S.size());
  }
  void digest(const Digest &D) {
    u64(D.Low);
    u64(D.High);
  }
  void position(const Position &P) {
    u32(P.Line);
    u32(P.Column);
    u32(P.CharColumn);
  }
  void located(const Located &L) {
    str(L.File);
    position(L.Pos);
    position(L.End);
    str(L.Message);
  }
  void message(const DiagnosticMessage &M) {
    str(M.Message);
    str(M.FilePath);
    u32(M.FileOffset);
    u32(M.Fix.size());
    for (const auto &File : M.Fix) {
      str(File.getKey());
      u32(File.getValue().size());
      for (const Replacement &R : File.getValue()) {
        str(R.getFilePath());
        u32(R.getOffset());
        u32(R.getLength());
        str(R.getReplacementText());
      }
    }
    u32(M.Ranges.size());
    for (const FileByteRange &Range : M.Ranges) {
      str(Range.FilePath);
      u32(Range.FileOffset);
      u32(Range.Length);
    }
  }
  void result(const Result &R) {
    const ClangTidyError &E = R.Error;
    str(E.DiagnosticName);
    u8(uint8_t(E.DiagLevel));
    str(E.BuildDirectory);
    u8(E.IsWarningAsError);
    u32(E.EnabledDiagnosticAliases.size());
    for (const std::string &Alias : E.EnabledDiagnosticAliases)
      str(Alias);
    message(E.Message);
    u32(E.Notes.size());
    for (const DiagnosticMessage &Note : E.Notes)
      message(Note);
    located(R.Main);
    u32(R.Notes.size());
    for (const Located &Note : R.Notes)
      located(Note);
    u32(R.Edits.size());
    for (const Edit &E : R.Edits) {
      str(E.File);
      u32(E.Offset);
      u32(E.Length);
      position(E.Begin);
      position(E.End);
      str(E.Text);
    }
    str(R.Function);
    u32(R.FunctionLine);
    str(R.Kind);
    str(R.Object);
  }

  std::string Out;
};

class Reader {
public:
  explicit Reader(llvm::StringRef Bytes) : Rest(Bytes) {}

  bool failed() const { return Failed; }
  bool atEnd() const { return Rest.empty(); }

  uint8_t u8() {
    if (!take(1))
      return 0;
    return uint8_t(Taken[0]);
  }
  uint32_t u32() {
    if (!take(4))
      return 0;
    return llvm::support::endian::read32le(Taken.data());
  }
  uint64_t u64() {
    if (!take(8))
      return 0;
    return llvm::support::endian::read64le(Taken.data());
  }
  std::string str() {
    uint32_t Size = u32();
    if (!take(Size))
      return "";
    return Taken.str();
  }
  /// A count of items each at least \p MinItemSize bytes long.
  uint32_t count(size_t MinItemSize) {
    uint32_t N = u32();
    if (uint64_t(N) * MinItemSize > Rest.size())
      fail();
    return Failed ? 0 : N;
  }
  Digest digest() {
    Digest D;
    D.Low = u64();
    D.High = u64();
    return D;
  }
  Position position() {
    Position P;
    P.Line = u32();
    P.Column = u32();
    P.CharColumn = u32();
    return P;
  }
  Located located() {
    Located L;
    L.File = str();
    L.Pos = position();
    L.End = position();
    L.Message = str();
    return L;
  }
  DiagnosticMessage message() {
    DiagnosticMessage M;
    M.Message = str();
    M.FilePath = str();
    M.FileOffset = u32();
    std::vector<std::string> FileOrder;
    for (uint32_t I = 0, N = count(8); I < N && !Failed; ++I) {
      std::string File = str();
      std::vector<Replacement> Stored;
      for (uint32_t J = 0, K = count(16); J < K && !Failed; ++J) {
        std::string Path = str();
        unsigned Offset = u32(), Length = u32();
        Stored.emplace_back(Path, Offset, Length, str());
      }
      Replacements Rebuilt;
      for (const Replacement &R : Stored)
        if (llvm::Error Err = Rebuilt.add(R)) {
          llvm::consumeError(std::move(Err));
          fail();
        }
      // Replacements may merge or reorder what they are given: then the
      // entry would not give back what was stored.
      if (Rebuilt.size() != Stored.size() ||
          !std::equal(Stored.begin(), Stored.end(), Rebuilt.begin()))
        fail();
      if (!M.Fix.try_emplace(File, std::move(Rebuilt)).second)
        fail();
      FileOrder.push_back(std::move(File));
    }
    // The outputs list a fix's files in the map's order: it must be the
    // order they were stored in.
    size_t I = 0;
    for (const auto &File : M.Fix)
      if (I >= FileOrder.size() || File.getKey() != FileOrder[I++])
        fail();
    for (uint32_t J = 0, N = count(12); J < N && !Failed; ++J) {
      FileByteRange Range;
      Range.FilePath = str();
      Range.FileOffset = u32();
      Range.Length = u32();
      M.Ranges.push_back(std::move(Range));
    }
    return M;
  }
  std::optional<Result> result() {
    std::string Name = str();
    uint8_t Level = u8();
    if (Level != ClangTidyError::Remark && Level != ClangTidyError::Warning &&
        Level != ClangTidyError::Error)
      fail();
    std::string BuildDirectory = str();
    bool AsError = u8() != 0;
    Result R(ClangTidyError(Name, ClangTidyError::Level(Level), BuildDirectory,
                            AsError));
    for (uint32_t I = 0, N = count(4); I < N && !Failed; ++I)
      R.Error.EnabledDiagnosticAliases.push_back(str());
    R.Error.Message = message();
    for (uint32_t I = 0, N = count(20); I < N && !Failed; ++I)
      R.Error.Notes.push_back(message());
    R.Main = located();
    for (uint32_t I = 0, N = count(32); I < N && !Failed; ++I)
      R.Notes.push_back(located());
    for (uint32_t I = 0, N = count(40); I < N && !Failed; ++I) {
      Edit E;
      E.File = str();
      E.Offset = u32();
      E.Length = u32();
      E.Begin = position();
      E.End = position();
      E.Text = str();
      R.Edits.push_back(std::move(E));
    }
    R.Function = str();
    R.FunctionLine = u32();
    R.Kind = str();
    R.Object = str();
    if (Failed)
      return std::nullopt;
    return R;
  }

  void fail() { Failed = true; }

private:
  bool take(size_t Size) {
    if (Failed || Size > Rest.size()) {
      Failed = true;
      Taken = "";
      return false;
    }
    Taken = Rest.take_front(Size);
    Rest = Rest.drop_front(Size);
    return true;
  }

  llvm::StringRef Rest, Taken;
  bool Failed = false;
};

} // namespace

Digest Digest::of(llvm::StringRef Bytes) {
  llvm::XXH128_hash_t Hash = llvm::xxh3_128bits(llvm::ArrayRef(
      reinterpret_cast<const uint8_t *>(Bytes.data()), Bytes.size()));
  return {Hash.low64, Hash.high64};
}

std::string
encodeCacheEntry(const CacheKey &Key, llvm::ArrayRef<FileQuery> Queries,
                 llvm::ArrayRef<Result> Results,
                 llvm::ArrayRef<std::pair<std::string, Fingerprint>> Read) {
  Writer Payload;
  Payload.Out.append(reinterpret_cast<const char *>(Key.data()), Key.size());
  Payload.u32(Queries.size());
  for (const FileQuery &Q : Queries) {
    Payload.u8(uint8_t(Q.What));
    Payload.str(Q.Path);
    Payload.digest(Q.Answer);
  }
  Payload.u32(Results.size());
  for (const Result &R : Results)
    Payload.result(R);
  Payload.u32(Read.size());
  for (const auto &[Path, Print] : Read) {
    Payload.str(Path);
    Payload.u64(Print.Size);
    Payload.u64(Print.Hash);
  }

  llvm::StringRef Stored = Payload.Out;
  uint32_t How = Uncompressed;
  llvm::SmallVector<uint8_t, 0> Compressed;
  if (llvm::compression::zstd::isAvailable()) {
    llvm::compression::zstd::compress(
        llvm::arrayRefFromStringRef(Payload.Out), Compressed,
        llvm::compression::zstd::BestSpeedCompression);
    Stored = llvm::toStringRef(Compressed);
    How = Zstd;
  }
  Writer Entry;
  Entry.Out.append(Magic, sizeof(Magic));
  Entry.u32(FormatVersion);
  Entry.u32(How);
  Entry.u64(Payload.Out.size());
  Entry.u64(Stored.size());
  Entry.u64(llvm::xxh3_64bits(Stored));
  Entry.Out += Stored;
  return std::move(Entry.Out);
}

std::optional<CacheEntry> decodeCacheEntry(llvm::StringRef Bytes) {
  if (Bytes.size() < HeaderSize ||
      std::memcmp(Bytes.data(), Magic, sizeof(Magic)) != 0)
    return std::nullopt;
  Reader Header(Bytes.substr(sizeof(Magic), HeaderSize - sizeof(Magic)));
  uint32_t Version = Header.u32();
  uint32_t How = Header.u32();
  uint64_t Length = Header.u64();
  uint64_t StoredLength = Header.u64();
  uint64_t Checksum = Header.u64();
  llvm::StringRef Stored = Bytes.drop_front(HeaderSize);
  if (Version != FormatVersion || StoredLength != Stored.size() ||
      Length > MaxPayloadSize || Checksum != llvm::xxh3_64bits(Stored))
    return std::nullopt;
  llvm::StringRef Payload = Stored;
  llvm::SmallVector<uint8_t, 0> Decompressed;
  if (How == Zstd) {
    if (!llvm::compression::zstd::isAvailable())
      return std::nullopt;
    if (llvm::Error Err = llvm::compression::zstd::decompress(
            llvm::arrayRefFromStringRef(Stored), Decompressed, Length)) {
      llvm::consumeError(std::move(Err));
      return std::nullopt;
    }
    Payload = llvm::toStringRef(Decompressed);
  } else if (How != Uncompressed) {
    return std::nullopt;
  }
  if (Payload.size() != Length)
    return std::nullopt;

  Reader In(Payload);
  CacheEntry Entry;
  if (Payload.size() < Entry.Key.size())
    return std::nullopt;
  std::memcpy(Entry.Key.data(), Payload.data(), Entry.Key.size());
  In = Reader(Payload.drop_front(Entry.Key.size()));
  for (uint32_t I = 0, N = In.count(21); I < N && !In.failed(); ++I) {
    FileQuery Q;
    uint8_t Kind = In.u8();
    if (Kind > uint8_t(FileQuery::Kind::RealPath))
      In.fail();
    Q.What = FileQuery::Kind(Kind);
    Q.Path = In.str();
    Q.Answer = In.digest();
    Entry.Queries.push_back(std::move(Q));
  }
  for (uint32_t I = 0, N = In.count(60); I < N && !In.failed(); ++I) {
    std::optional<Result> R = In.result();
    if (!R)
      return std::nullopt;
    Entry.Results.push_back(std::move(*R));
  }
  for (uint32_t I = 0, N = In.count(20); I < N && !In.failed(); ++I) {
    std::string Path = In.str();
    Fingerprint Print;
    Print.Size = In.u64();
    Print.Hash = In.u64();
    Entry.Read.emplace_back(std::move(Path), Print);
  }
  if (In.failed() || !In.atEnd())
    return std::nullopt;
  return Entry;
}

} // namespace acm
