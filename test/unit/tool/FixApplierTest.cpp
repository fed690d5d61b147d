//===- FixApplierTest.cpp - Unit tests of --fix's planning and writing ----===//

#include "FixApplier.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "TempDirTest.h"
#include "gtest/gtest.h"

using clang::tidy::ClangTidyError;

namespace acm {
namespace {

Edit edit(llvm::StringRef File, unsigned Offset, unsigned Length,
          llvm::StringRef Text, unsigned Line = 0) {
  Edit E;
  E.File = File.str();
  E.Offset = Offset;
  E.Length = Length;
  E.Text = Text.str();
  E.Begin.Line = Line;
  return E;
}

/// A finding of an acm check whose fix is \p Edits.
Result finding(std::vector<Edit> Edits) {
  Result R(ClangTidyError("acm-missing-exit-await", ClangTidyError::Warning,
                          "/build", /*IsWarningAsError=*/false));
  R.Edits = std::move(Edits);
  return R;
}

TEST(Fingerprint, ChangesWithAnyByteAndWithTheSize) {
  EXPECT_EQ(Fingerprint::of("  r.aexit();\n"),
            Fingerprint::of("  r.aexit();\n"));
  EXPECT_NE(Fingerprint::of("  r.aexit();\n"),
            Fingerprint::of("  r.aexit(); \n"));
  EXPECT_NE(Fingerprint::of("  r.aexit();\n"), Fingerprint::of("  r.aexit();"));
  EXPECT_NE(Fingerprint::of("a"), Fingerprint::of(""));
}

TEST(ParsedFiles, ComparesWithWhatEveryTranslationUnitRead) {
  ParsedFiles Parsed;
  Parsed.record("/p/a.h", Fingerprint::of("old"));
  Parsed.record("/p/a.h", Fingerprint::of("old"));
  EXPECT_EQ(Parsed.compare("/p/a.h", "old"), ParsedFiles::Verdict::Unchanged);
  EXPECT_EQ(Parsed.compare("/p/a.h", "new"), ParsedFiles::Verdict::Changed);
  EXPECT_EQ(Parsed.compare("/p/a.h", "ol"), ParsedFiles::Verdict::Changed);
  EXPECT_EQ(Parsed.compare("/p/b.h", "old"), ParsedFiles::Verdict::NotRead);

  // A file that changed between two translation units matches neither.
  ParsedFiles Later;
  Later.record("/p/a.h", Fingerprint::of("new"));
  Parsed.merge(Later);
  EXPECT_EQ(Parsed.compare("/p/a.h", "old"),
            ParsedFiles::Verdict::ReadDifferently);
  EXPECT_EQ(Parsed.compare("/p/a.h", "new"),
            ParsedFiles::Verdict::ReadDifferently);
  // And stays so whatever is merged after.
  ParsedFiles Again;
  Again.record("/p/a.h", Fingerprint::of("old"));
  Parsed.merge(Again);
  Again.merge(Parsed);
  EXPECT_EQ(Again.compare("/p/a.h", "old"),
            ParsedFiles::Verdict::ReadDifferently);
}

TEST(ApplyEdits, MakesEditsInOrderAndRefusesOnesPastTheEnd) {
  std::vector<Edit> Edits = {edit("f", 2, 0, "co_await "), edit("f", 4, 3, "x"),
                             edit("f", 9, 0, "!")};
  auto Edited = applyEdits("  r.aexit;", Edits);
  ASSERT_TRUE(bool(Edited));
  EXPECT_EQ(*Edited, "  co_await r.xit!;");
  // The same offsets into a file that shrank.
  auto Short = applyEdits("  r.", Edits);
  ASSERT_FALSE(bool(Short));
  EXPECT_EQ(llvm::toString(Short.takeError()),
            "an edit of bytes 4 to 7 does not fit a file of 4 bytes");
}

TEST(FindConflict, OverlapsAndSharedStartsConflictNeighboursDoNot) {
  EXPECT_EQ(findConflict({edit("f", 0, 4, "a"), edit("f", 4, 0, "b"),
                          edit("f", 5, 1, "c")}),
            "");
  EXPECT_EQ(findConflict({edit("f", 0, 4, "a"), edit("f", 3, 2, "b", 7)}),
            "line 7");
  // Two insertions at one place: which goes first is a guess.
  EXPECT_EQ(findConflict({edit("f", 3, 0, "a"), edit("f", 3, 0, "b")}),
            "byte 3");
  EXPECT_EQ(findConflict({edit("f", 3, 0, "a"), edit("f", 3, 2, "b", 2)}),
            "line 2");
}

TEST(PlanFixes, MakesEachFixAndEachEditOnce) {
  // The same fix twice (two findings, or two translation units), and
  // another fix that shares one of its edits.
  Edit Await = edit("/p/a.h", 10, 0, "co_await ", 3);
  Edit Other = edit("/p/b.cpp", 5, 0, "co_await ", 1);
  FixPlan Plan = planFixes(
      {{Await}, {Other}, {Await}, {Await, edit("/p/a.h", 30, 1, ";")}});
  EXPECT_EQ(Plan.Fixes, 3u);
  ASSERT_EQ(Plan.Files.size(), 2u);
  const FilePatch &A = Plan.Files[0];
  EXPECT_EQ(A.File, "/p/a.h");
  ASSERT_EQ(A.Edits.size(), 2u);
  EXPECT_EQ(A.Edits[0].Offset, 10u);
  EXPECT_EQ(A.Edits[1].Offset, 30u);
  EXPECT_EQ(A.Fixes, (std::vector<unsigned>{0, 2}));
  EXPECT_EQ(A.Conflict, "");
  EXPECT_EQ(Plan.Files[1].File, "/p/b.cpp");
  EXPECT_EQ(Plan.Files[1].Fixes, (std::vector<unsigned>{1}));
}

TEST(PlanFixes, OverlappingFixesAreAConflictOfTheirFile) {
  FixPlan Plan = planFixes({{edit("/p/a.h", 10, 5, "x", 3)},
                            {edit("/p/a.h", 12, 0, "y", 3)},
                            {edit("/p/b.h", 1, 0, "z", 1)}});
  ASSERT_EQ(Plan.Files.size(), 2u);
  EXPECT_EQ(Plan.Files[0].Conflict, "line 3");
  EXPECT_EQ(Plan.Files[1].Conflict, "");
}

class ApplyFixesTest : public TempDirTest {
protected:
  std::string read(llvm::StringRef File) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    return Buffer ? (*Buffer)->getBuffer().str() : "<unreadable>";
  }
  /// Applies \p Fixes to files that hold what \p Parsed says; what it
  /// prints is left in Printed.
  FixSummary apply(std::vector<std::vector<Edit>> Fixes,
                   const ParsedFiles &Parsed) {
    std::vector<Result> Results;
    for (std::vector<Edit> &Fix : Fixes)
      Results.push_back(finding(std::move(Fix)));
    Printed.clear();
    llvm::raw_string_ostream OS(Printed);
    return applyFixes(Results, Parsed, FixOptions(), OS);
  }

  const std::string Code = "  r.aexit();\n";
  std::string Printed;
};

TEST_F(ApplyFixesTest, FixesAFileThatHoldsWhatWasParsed) {
  std::string File = save("a.cpp", Code);
  ASSERT_FALSE(llvm::sys::fs::setPermissions(File, llvm::sys::fs::perms(0640)));
  ParsedFiles Parsed;
  Parsed.record(File, Fingerprint::of(Code));
  FixSummary Done = apply({{edit(File, 2, 0, "co_await ")}}, Parsed);
  EXPECT_FALSE(Done.Failed);
  EXPECT_EQ(Done.Applied, 1u);
  EXPECT_EQ(read(File), "  co_await r.aexit();\n");
  EXPECT_EQ(Printed, "acm-tidy applied 1 fix to 1 file.\n");
  llvm::sys::fs::file_status Status;
  ASSERT_FALSE(llvm::sys::fs::status(File, Status));
  EXPECT_EQ(Status.permissions(), llvm::sys::fs::perms(0640));
}

TEST_F(ApplyFixesTest, LeavesAFileThatChangedOrShrankAsItIs) {
  std::string Edited = save("edited.cpp", "  rt::task<> discard();\n");
  std::string Shrunk = save("shrunk.cpp", "\n");
  std::string Fine = save("fine.cpp", Code);
  ParsedFiles Parsed;
  for (const std::string &File : {Edited, Shrunk, Fine})
    Parsed.record(File, Fingerprint::of(Code));
  FixSummary Done = apply({{edit(Edited, 2, 0, "co_await ")},
                           {edit(Shrunk, 2, 0, "co_await ")},
                           {edit(Fine, 2, 0, "co_await ")}},
                          Parsed);
  EXPECT_TRUE(Done.Failed);
  EXPECT_EQ(Done.Applied, 1u);
  EXPECT_EQ(read(Edited), "  rt::task<> discard();\n");
  EXPECT_EQ(read(Shrunk), "\n");
  EXPECT_EQ(read(Fine), "  co_await r.aexit();\n");
  EXPECT_EQ(Printed, "error: '" + Edited +
                         "' changed after it was checked; its fixes were not "
                         "applied\n"
                         "error: '" +
                         Shrunk +
                         "' changed after it was checked; its fixes were not "
                         "applied\n"
                         "acm-tidy applied 1 of 3 fixes, to 1 file; see the "
                         "errors above.\n");
}

TEST_F(ApplyFixesTest, LeavesAFileTranslationUnitsReadDifferentlyAsItIs) {
  std::string File = save("a.h", Code);
  ParsedFiles Parsed, Later;
  Parsed.record(File, Fingerprint::of(Code));
  Later.record(File, Fingerprint::of("// edited\n" + Code));
  Parsed.merge(Later);
  FixSummary Done = apply({{edit(File, 2, 0, "co_await ")}}, Parsed);
  EXPECT_TRUE(Done.Failed);
  EXPECT_EQ(read(File), Code);
  EXPECT_EQ(Printed, "error: '" + File +
                         "' changed while it was checked; its fixes were not "
                         "applied\nacm-tidy applied none of 1 fix; see the "
                         "errors above.\n");
}

TEST_F(ApplyFixesTest, KeepsAReadOnlyFileReadOnlyAndUnchanged) {
  std::string File = save("ro.cpp", Code);
  ASSERT_FALSE(llvm::sys::fs::setPermissions(File, llvm::sys::fs::perms(0444)));
  ParsedFiles Parsed;
  Parsed.record(File, Fingerprint::of(Code));
  FixSummary Done = apply({{edit(File, 2, 0, "co_await ")}}, Parsed);
  EXPECT_TRUE(Done.Failed);
  EXPECT_EQ(read(File), Code);
  llvm::sys::fs::file_status Status;
  ASSERT_FALSE(llvm::sys::fs::status(File, Status));
  EXPECT_EQ(Status.permissions(), llvm::sys::fs::perms(0444));
  EXPECT_NE(Printed.find("error: '" + File +
                         "' is read-only; its fixes were not applied\n"),
            std::string::npos)
      << Printed;
}

TEST_F(ApplyFixesTest, FixesTheTargetOfALinkOnceWhateverItIsCalled) {
  std::string Target = save("real.h", Code);
  std::string Link = absolutePath("link.h", Root);
  ASSERT_FALSE(llvm::sys::fs::create_link("real.h", Link));
  ParsedFiles Parsed;
  Parsed.record(Target, Fingerprint::of(Code));
  // One translation unit included it through the link, another directly.
  FixSummary Done = apply(
      {{edit(Link, 2, 0, "co_await ")}, {edit(Target, 2, 0, "co_await ")}},
      Parsed);
  EXPECT_FALSE(Done.Failed) << Printed;
  EXPECT_EQ(Done.Fixes, 1u);
  EXPECT_EQ(read(Target), "  co_await r.aexit();\n");
  llvm::sys::fs::file_status Status;
  ASSERT_FALSE(llvm::sys::fs::status(Link, Status, /*Follow=*/false));
  EXPECT_EQ(Status.type(), llvm::sys::fs::file_type::symlink_file);
  EXPECT_EQ(Printed, "acm-tidy applied 1 fix to 1 file.\n");
}

TEST_F(ApplyFixesTest, LeavesAFileWithConflictingFixesAsItIs) {
  std::string File = save("a.cpp", Code);
  ParsedFiles Parsed;
  Parsed.record(File, Fingerprint::of(Code));
  FixSummary Done = apply(
      {{edit(File, 2, 0, "co_await ", 1)}, {edit(File, 2, 0, "(void)", 1)}},
      Parsed);
  EXPECT_TRUE(Done.Failed);
  EXPECT_EQ(read(File), Code);
  EXPECT_EQ(Printed, "error: fixes in '" + File +
                         "' overlap at line 1; its fixes were not applied\n"
                         "acm-tidy applied none of 2 fixes; see the errors "
                         "above.\n");
}

TEST_F(ApplyFixesTest, SaysNothingWithoutFixes) {
  FixSummary Done = apply({}, ParsedFiles());
  EXPECT_FALSE(Done.Failed);
  EXPECT_EQ(Done.Fixes, 0u);
  EXPECT_EQ(Printed, "");
}

} // namespace
} // namespace acm
