//===- SummaryTest.cpp - Unit tests of the summary line -------------------===//

#include "Summary.h"

#include "gtest/gtest.h"

namespace acm {
namespace {

TEST(Summary, CleanRunSaysHowManyFilesWereChecked) {
  RunSummary S;
  S.FilesChecked = 1;
  EXPECT_EQ(summaryLine(S), "No findings (1 file checked).");
  S.FilesChecked = 12;
  S.OutsideDiff = 2;
  EXPECT_EQ(summaryLine(S),
            "No findings (12 files checked; not shown: 2 outside the diff).");
}

TEST(Summary, FindingsCountTheFilesTheyAreInAndTheFilesChecked) {
  RunSummary S;
  S.FilesChecked = 5;
  S.Findings = 3;
  S.FilesWithFindings = 2;
  EXPECT_EQ(summaryLine(S), "3 findings in 2 files (5 files checked).");
  S.Findings = 1;
  S.FilesWithFindings = 1;
  S.InBaseline = 40;
  S.OutsideDiff = 3;
  EXPECT_EQ(summaryLine(S), "1 finding in 1 file (5 files checked; not "
                            "shown: 40 in the baseline, 3 outside the diff).");
}

TEST(Summary, FindingsOutsideTheLineFilterAreCounted) {
  RunSummary S;
  S.FilesChecked = 1;
  S.OutsideDiff = 1;
  S.OutsideLineFilter = 2;
  EXPECT_EQ(summaryLine(S), "No findings (1 file checked; not shown: 1 "
                            "outside the diff, 2 outside the line filter).");
}

TEST(Summary, FilesWithCompileErrorsAreCounted) {
  RunSummary S;
  S.FilesChecked = 5;
  S.FilesWithCompileErrors = 1;
  EXPECT_EQ(summaryLine(S),
            "No findings (5 files checked, 1 with compile errors).");
}

TEST(Summary, NothingCheckedSaysWhy) {
  RunSummary Diff;
  Diff.DiffChangedFiles = 0;
  EXPECT_EQ(summaryLine(Diff), "Nothing to check: the diff is empty.");
  Diff.DiffChangedFiles = 1;
  EXPECT_EQ(summaryLine(Diff), "Nothing to check: the diff changes no lines "
                               "in C or C++ files (1 file changed).");

  RunSummary Shard;
  Shard.ShardPart = 4;
  Shard.ShardParts = 4;
  Shard.FilesInAllParts = 3;
  EXPECT_EQ(summaryLine(Shard),
            "Nothing to check: part 4 of 4 has no files (3 files in all).");

  // Changed C++ files, but none in this part.
  Diff.FilesInAllParts = 2;
  Diff.ShardPart = 3;
  Diff.ShardParts = 3;
  EXPECT_EQ(summaryLine(Diff),
            "Nothing to check: part 3 of 3 has no files (2 files in all).");
}

} // namespace
} // namespace acm
