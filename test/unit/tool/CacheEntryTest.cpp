//===- CacheEntryTest.cpp - Result cache entries and file queries ---------===//

#include "CacheEntry.h"
#include "FileQueries.h"
#include "ResultCache.h"
#include "TempDirTest.h"

#include "llvm/Support/FileSystem.h"
#include "gtest/gtest.h"
#include <chrono>
#include <unistd.h>

using namespace clang::tidy;
using clang::tooling::DiagnosticMessage;
using clang::tooling::FileByteRange;
using clang::tooling::Replacement;

namespace acm {
namespace {

DiagnosticMessage message(llvm::StringRef Text, llvm::StringRef File,
                          unsigned Offset) {
  DiagnosticMessage M(Text);
  M.FilePath = File.str();
  M.FileOffset = Offset;
  return M;
}

/// A result with something in every field.
Result richResult() {
  Result R(ClangTidyError("acm-missing-exit-await", ClangTidyError::Warning,
                          "/src/build", /*IsWarningAsError=*/true));
  R.Error.EnabledDiagnosticAliases = {"acm-alias-one", "acm-alias-two"};
  R.Error.Message = message("exit of 'r' is not awaited", "../a.cpp", 42);
  llvm::cantFail(R.Error.Message.Fix["../a.cpp"].add(
      Replacement("../a.cpp", 40, 0, "co_await ")));
  llvm::cantFail(R.Error.Message.Fix["../a.cpp"].add(
      Replacement("../a.cpp", 50, 3, "xyz")));
  FileByteRange Range;
  Range.FilePath = "../a.cpp";
  Range.FileOffset = 40;
  Range.Length = 7;
  R.Error.Message.Ranges.push_back(Range);
  R.Error.Notes.push_back(message("'r' entered here", "../h.h", 7));
  R.Error.Notes.push_back(message("no location", "", 0));
  R.Main = {"/src/a.cpp", {3, 5, 4}, {3, 9, 8}, "exit of 'r' is not awaited"};
  R.Notes.push_back({"/src/h.h", {1, 2, 2}, {1, 3, 3}, "'r' entered here"});
  Edit E;
  E.File = "/src/a.cpp";
  E.Offset = 40;
  E.Length = 0;
  E.Begin = {3, 5, 4};
  E.End = {3, 5, 4};
  E.Text = "co_await ";
  R.Edits.push_back(E);
  R.Function = "app::serve";
  R.FunctionLine = 2;
  R.Kind = "missing-exit";
  R.Object = "r";
  return R;
}

void expectSameMessage(const DiagnosticMessage &A, const DiagnosticMessage &B) {
  EXPECT_EQ(A.Message, B.Message);
  EXPECT_EQ(A.FilePath, B.FilePath);
  EXPECT_EQ(A.FileOffset, B.FileOffset);
  ASSERT_EQ(A.Fix.size(), B.Fix.size());
  for (const auto &File : A.Fix) {
    auto It = B.Fix.find(File.getKey());
    ASSERT_NE(It, B.Fix.end());
    ASSERT_EQ(File.getValue().size(), It->getValue().size());
    EXPECT_TRUE(std::equal(File.getValue().begin(), File.getValue().end(),
                           It->getValue().begin()));
  }
  ASSERT_EQ(A.Ranges.size(), B.Ranges.size());
  for (size_t I = 0; I < A.Ranges.size(); ++I) {
    EXPECT_EQ(A.Ranges[I].FilePath, B.Ranges[I].FilePath);
    EXPECT_EQ(A.Ranges[I].FileOffset, B.Ranges[I].FileOffset);
    EXPECT_EQ(A.Ranges[I].Length, B.Ranges[I].Length);
  }
}

void expectSameLocated(const Located &A, const Located &B) {
  EXPECT_EQ(A.File, B.File);
  EXPECT_EQ(A.Message, B.Message);
  for (auto [P, Q] : {std::pair(A.Pos, B.Pos), std::pair(A.End, B.End)}) {
    EXPECT_EQ(P.Line, Q.Line);
    EXPECT_EQ(P.Column, Q.Column);
    EXPECT_EQ(P.CharColumn, Q.CharColumn);
  }
}

void expectSameResult(const Result &A, const Result &B) {
  EXPECT_EQ(A.Error.DiagnosticName, B.Error.DiagnosticName);
  EXPECT_EQ(A.Error.DiagLevel, B.Error.DiagLevel);
  EXPECT_EQ(A.Error.BuildDirectory, B.Error.BuildDirectory);
  EXPECT_EQ(A.Error.IsWarningAsError, B.Error.IsWarningAsError);
  EXPECT_EQ(A.Error.EnabledDiagnosticAliases, B.Error.EnabledDiagnosticAliases);
  expectSameMessage(A.Error.Message, B.Error.Message);
  ASSERT_EQ(A.Error.Notes.size(), B.Error.Notes.size());
  for (size_t I = 0; I < A.Error.Notes.size(); ++I)
    expectSameMessage(A.Error.Notes[I], B.Error.Notes[I]);
  expectSameLocated(A.Main, B.Main);
  ASSERT_EQ(A.Notes.size(), B.Notes.size());
  for (size_t I = 0; I < A.Notes.size(); ++I)
    expectSameLocated(A.Notes[I], B.Notes[I]);
  ASSERT_EQ(A.Edits.size(), B.Edits.size());
  for (size_t I = 0; I < A.Edits.size(); ++I) {
    EXPECT_EQ(A.Edits[I].File, B.Edits[I].File);
    EXPECT_EQ(A.Edits[I].Offset, B.Edits[I].Offset);
    EXPECT_EQ(A.Edits[I].Length, B.Edits[I].Length);
    EXPECT_EQ(A.Edits[I].Begin.Line, B.Edits[I].Begin.Line);
    EXPECT_EQ(A.Edits[I].End.CharColumn, B.Edits[I].End.CharColumn);
    EXPECT_EQ(A.Edits[I].Text, B.Edits[I].Text);
  }
  EXPECT_EQ(A.Function, B.Function);
  EXPECT_EQ(A.FunctionLine, B.FunctionLine);
  EXPECT_EQ(A.Kind, B.Kind);
  EXPECT_EQ(A.Object, B.Object);
}

CacheKey someKey() {
  CacheKey Key;
  for (size_t I = 0; I < Key.size(); ++I)
    Key[I] = uint8_t(I * 7 + 1);
  return Key;
}

std::string someEntry() {
  std::vector<FileQuery> Queries = {
      {FileQuery::Kind::Status, "/src/early/h.h", {}},
      {FileQuery::Kind::Content, "/src/a.cpp", Digest::of("text")},
      {FileQuery::Kind::Listing, "/usr/lib/gcc", {3, 4}},
      {FileQuery::Kind::RealPath, "/src/link", {5, 6}}};
  Result Plain(ClangTidyError("clang-diagnostic-warning",
                              ClangTidyError::Warning, "", false));
  std::vector<Result> Results;
  Results.push_back(richResult());
  Results.push_back(std::move(Plain));
  FilesRead Read = {{"/src/a.cpp", Fingerprint::of("text")}};
  return encodeCacheEntry(someKey(), Queries, Results, Read);
}

TEST(CacheEntryTest, GivesBackWhatWasStored) {
  std::optional<CacheEntry> Entry = decodeCacheEntry(someEntry());
  ASSERT_TRUE(Entry);
  EXPECT_EQ(Entry->Key, someKey());
  ASSERT_EQ(Entry->Queries.size(), 4u);
  EXPECT_EQ(Entry->Queries[0].What, FileQuery::Kind::Status);
  EXPECT_EQ(Entry->Queries[0].Path, "/src/early/h.h");
  EXPECT_EQ(Entry->Queries[1].Answer, Digest::of("text"));
  EXPECT_EQ(Entry->Queries[2].What, FileQuery::Kind::Listing);
  EXPECT_EQ(Entry->Queries[3].Answer, (Digest{5, 6}));
  ASSERT_EQ(Entry->Results.size(), 2u);
  expectSameResult(richResult(), Entry->Results[0]);
  EXPECT_EQ(Entry->Results[1].check(), "clang-diagnostic-warning");
  ASSERT_EQ(Entry->Read.size(), 1u);
  EXPECT_EQ(Entry->Read[0].first, "/src/a.cpp");
  EXPECT_EQ(Entry->Read[0].second, Fingerprint::of("text"));
  // Encoding what was decoded gives the same bytes.
  EXPECT_EQ(
      encodeCacheEntry(Entry->Key, Entry->Queries, Entry->Results, Entry->Read),
      someEntry());
}

TEST(CacheEntryTest, RefusesEveryTruncation) {
  std::string Bytes = someEntry();
  for (size_t Size = 0; Size < Bytes.size(); ++Size)
    EXPECT_FALSE(decodeCacheEntry(llvm::StringRef(Bytes).take_front(Size)))
        << "cut at " << Size;
}

TEST(CacheEntryTest, RefusesEveryChangedByte) {
  std::string Bytes = someEntry();
  for (size_t I = 0; I < Bytes.size(); ++I) {
    std::string Damaged = Bytes;
    Damaged[I] ^= 0x01;
    EXPECT_FALSE(decodeCacheEntry(Damaged)) << "byte " << I;
  }
}

TEST(CacheEntryTest, RefusesTrailingBytesAndGarbage) {
  EXPECT_FALSE(decodeCacheEntry(someEntry() + "x"));
  EXPECT_FALSE(decodeCacheEntry(""));
  EXPECT_FALSE(decodeCacheEntry(std::string(4096, '\xff')));
  EXPECT_FALSE(decodeCacheEntry("ACMCACHE" + std::string(4096, '\0')));
}

class FileQueriesTest : public TempDirTest {};

TEST_F(FileQueriesTest, RecordsHitsMissesAndContents) {
  std::string Header = save("h.h", "int x;\n");
  auto Recorder = llvm::makeIntrusiveRefCnt<RecordingFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  std::string Missing = Root + "/early/h.h";
  EXPECT_FALSE(Recorder->status(Missing));
  auto File = Recorder->openFileForRead(Header);
  ASSERT_TRUE(File);
  ASSERT_TRUE((*File)->getBuffer(Header));
  // Asked again: recorded once.
  EXPECT_FALSE(Recorder->exists(Missing));

  std::vector<FileQuery> Queries = Recorder->queries();
  ASSERT_EQ(Queries.size(), 3u);
  EXPECT_EQ(Queries[0].What, FileQuery::Kind::Status);
  EXPECT_EQ(Queries[0].Path, Missing);
  EXPECT_EQ(Queries[0].Answer, Digest());
  EXPECT_EQ(Queries[1].What, FileQuery::Kind::Status);
  EXPECT_EQ(Queries[2].What, FileQuery::Kind::Content);
  EXPECT_EQ(Queries[2].Path, Header);
  EXPECT_TRUE(Recorder->consistent());

  // Asked now, each gets its recorded answer...
  CurrentAnswers Same;
  for (const FileQuery &Query : Queries)
    EXPECT_TRUE(Same.same(Query)) << Query.Path;
  // ...until the header changes or the missing file appears.
  save("h.h", "int y;\n");
  ASSERT_FALSE(llvm::sys::fs::create_directory(Root + "/early"));
  save("early/h.h", "");
  CurrentAnswers Changed;
  EXPECT_FALSE(Changed.same(Queries[0]));
  EXPECT_TRUE(Changed.same(Queries[1]));
  EXPECT_FALSE(Changed.same(Queries[2]));
}

TEST_F(FileQueriesTest, ListingsDoNotDependOnOrder) {
  save("a", "");
  save("b", "");
  auto Recorder = llvm::makeIntrusiveRefCnt<RecordingFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  std::error_code EC;
  std::vector<std::string> Seen;
  for (llvm::vfs::directory_iterator It = Recorder->dir_begin(Root, EC), End;
       !EC && It != End; It.increment(EC))
    Seen.push_back(std::string(It->path()));
  EXPECT_EQ(Seen.size(), 2u);
  std::vector<FileQuery> Queries = Recorder->queries();
  ASSERT_EQ(Queries.size(), 1u);
  EXPECT_EQ(Queries[0].What, FileQuery::Kind::Listing);
  CurrentAnswers Now;
  EXPECT_TRUE(Now.same(Queries[0]));
  save("c", "");
  CurrentAnswers Later;
  EXPECT_FALSE(Later.same(Queries[0]));
}

TEST(ToolIdentityTest, NamesTheBinaryAndTheLibraries) {
  static int InThisBinary;
  std::string Identity = toolIdentity(nullptr, &InThisBinary);
  EXPECT_NE(Identity.find("acm-tidy "), std::string::npos) << Identity;
  EXPECT_NE(Identity.find("clang version"), std::string::npos) << Identity;
  EXPECT_NE(Identity.find("libclang-cpp"), std::string::npos) << Identity;
  EXPECT_NE(Identity.find("libLLVM"), std::string::npos) << Identity;
  EXPECT_EQ(Identity, toolIdentity(nullptr, &InThisBinary));
}

class PruneTest : public TempDirTest {};

TEST_F(PruneTest, RemovesTheLeastRecentlyUsedEntries) {
  auto Cache = ResultCache::open(Root, "tool");
  ASSERT_TRUE(bool(Cache)) << llvm::toString(Cache.takeError());
  // Four entries of 100 bytes, used one after the other.
  std::vector<std::string> Names;
  for (char C : {'a', 'b', 'c', 'd'}) {
    std::string Name = save(std::string(32, C), std::string(100, 'x'));
    int FD;
    ASSERT_FALSE(llvm::sys::fs::openFileForWrite(Name, FD,
                                                 llvm::sys::fs::CD_OpenExisting,
                                                 llvm::sys::fs::OF_Append));
    auto Used = std::chrono::system_clock::now() -
                std::chrono::hours(10 - (C - 'a'));
    ASSERT_FALSE(llvm::sys::fs::setLastAccessAndModificationTime(
        FD, llvm::sys::toTimePoint(std::chrono::system_clock::to_time_t(Used))));
    ::close(FD);
    Names.push_back(Name);
  }
  std::string NotAnEntry = save("notes.txt", std::string(1000, 'x'));
  EXPECT_EQ((*Cache)->prune(1000), 0u);
  // 400 bytes in entries; at most 90% of 300 may stay: the two used last.
  EXPECT_EQ((*Cache)->prune(300), 2u);
  EXPECT_FALSE(llvm::sys::fs::exists(Names[0]));
  EXPECT_FALSE(llvm::sys::fs::exists(Names[1]));
  EXPECT_TRUE(llvm::sys::fs::exists(Names[2]));
  EXPECT_TRUE(llvm::sys::fs::exists(Names[3]));
  EXPECT_TRUE(llvm::sys::fs::exists(NotAnEntry));
}

class DatabaseDirectoryTest : public TempDirTest {};

TEST_F(DatabaseDirectoryTest, FindsTheNearestDatabaseAbove) {
  save("compile_commands.json", "[]");
  ASSERT_FALSE(llvm::sys::fs::create_directories(Root + "/src/deep"));
  EXPECT_EQ(compilationDatabaseDirectory(Root + "/src/deep"), Root);
  // compile_flags.txt nearer: its commands have no build directory.
  save("src/compile_flags.txt", "-std=c++20");
  EXPECT_EQ(compilationDatabaseDirectory(Root + "/src/deep"), "");
}

} // namespace
} // namespace acm
