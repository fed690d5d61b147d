//===- CacheEntry.h - One translation unit's results, as a file -----------===//
//
// An entry of the result cache (ResultCache.h) is one file: a header that
// lets a reader check it — magic, format version, payload length, and a
// checksum of the payload — then the payload: the key it was stored under,
// what the translation unit asked the file system and what it was told,
// its results, and the fingerprints --fix needs. Bytes that are not a
// whole, undamaged entry of this format decode as no entry at all.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_CACHEENTRY_H
#define ACM_TOOL_CACHEENTRY_H

#include "FixApplier.h"
#include "Results.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace acm {

/// A 128-bit hash of something a translation unit was told.
struct Digest {
  uint64_t Low = 0, High = 0;

  static Digest of(llvm::StringRef Bytes);
  bool operator==(const Digest &Other) const {
    return Low == Other.Low && High == Other.High;
  }
  bool operator!=(const Digest &Other) const { return !(*this == Other); }
};

/// One question a translation unit asked the file system, and the answer.
/// Asked again with the same answers, clang reads the same bytes from the
/// same files and takes the same decisions (which header an #include
/// names, what __has_include says).
struct FileQuery {
  enum class Kind : uint8_t {
    /// Whether the path exists and as what: Answer.Low is 0 for "no",
    /// else 1 + the file type.
    Status,
    /// The bytes of a file that was read: their digest, or 0 when the file
    /// could not be read.
    Content,
    /// The entries of a directory: a digest of their names and types.
    Listing,
    /// The path with links resolved: its digest, or 0 when there is none.
    RealPath,
  };
  Kind What = Kind::Status;
  /// Absolute, as it was asked (".." kept: it is resolved through links).
  std::string Path;
  Digest Answer;
};

/// The key of an entry: a BLAKE3 hash of everything a translation unit's
/// results depend on besides the files it read.
using CacheKey = std::array<uint8_t, 32>;

/// The files a translation unit read, each with what it held, as --fix
/// needs them to refuse to edit a file that has changed since.
using FilesRead = std::vector<std::pair<std::string, Fingerprint>>;

struct CacheEntry {
  CacheKey Key{};
  std::vector<FileQuery> Queries;
  std::vector<Result> Results;
  FilesRead Read;
};

/// The bytes of an entry.
std::string
encodeCacheEntry(const CacheKey &Key, llvm::ArrayRef<FileQuery> Queries,
                 llvm::ArrayRef<Result> Results,
                 llvm::ArrayRef<std::pair<std::string, Fingerprint>> Read);

/// The entry in \p Bytes, or std::nullopt when they are not one whole,
/// undamaged entry of this format, or would not give back exactly what was
/// stored (fix-its clang-tidy's library would order differently).
std::optional<CacheEntry> decodeCacheEntry(llvm::StringRef Bytes);

} // namespace acm

#endif // ACM_TOOL_CACHEENTRY_H
