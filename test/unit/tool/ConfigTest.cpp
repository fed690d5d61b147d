//===- ConfigTest.cpp - Unit tests of the acm options' vocabulary ---------===//

#include "Checks/AcmOptions.h"
#include "Checks/CheckCatalog.h"
#include "VerifyConfig.h"

#include "gtest/gtest.h"

using clang::tidy::ClangTidyOptions;

namespace acm {
namespace {

using Problems = std::vector<std::string>;

TEST(AcmOptions, KnownKeysAreSharedOrPerCheck) {
  for (llvm::StringRef Name : acmOptionNames()) {
    std::string Shared = ("acm." + Name).str();
    EXPECT_EQ(acmOptionOfKey(Shared), Name);
    EXPECT_EQ(unknownAcmOptionKey(Shared), std::nullopt);
    for (const CheckInfo &Check : checkCatalog()) {
      std::string Own = (Check.Name + "." + Name).str();
      EXPECT_EQ(acmOptionOfKey(Own), Name);
      EXPECT_EQ(unknownAcmOptionKey(Own), std::nullopt);
    }
  }
}

TEST(AcmOptions, OtherChecksKeysAreNotOurs) {
  for (llvm::StringRef Key :
       {"readability-identifier-naming.ClassCase", "StrictMode",
        "acme-check.Option", "bugprone-acm.ExitOps"}) {
    EXPECT_FALSE(isAcmOptionKey(Key)) << Key.str();
    EXPECT_EQ(unknownAcmOptionKey(Key), std::nullopt) << Key.str();
  }
}

TEST(AcmOptions, MisspelledKeysSayWhatWasMeant) {
  EXPECT_EQ(unknownAcmOptionKey("acm.ExitOpz"),
            "unknown option 'acm.ExitOpz'; did you mean 'acm.ExitOps'?");
  EXPECT_EQ(unknownAcmOptionKey("acm.types"),
            "unknown option 'acm.types'; did you mean 'acm.Types'?");
  EXPECT_EQ(unknownAcmOptionKey("acm-missing-exit-await.Typez"),
            "unknown option 'acm-missing-exit-await.Typez'; did you mean "
            "'acm-missing-exit-await.Types'?");
  EXPECT_EQ(unknownAcmOptionKey("acm-mising-exit-await.Types"),
            "unknown option 'acm-mising-exit-await.Types': no acm check is "
            "named 'acm-mising-exit-await'; did you mean "
            "'acm-missing-exit-await.Types'?");
}

TEST(AcmOptions, UnknownKeysFarFromAnyListTheOptions) {
  std::optional<std::string> Problem = unknownAcmOptionKey("acm.Verbose");
  ASSERT_TRUE(Problem);
  EXPECT_EQ(Problem->find("did you mean"), std::string::npos);
  EXPECT_NE(Problem->find("(the acm options are EnterOps, ExitOps,"),
            std::string::npos)
      << *Problem;
}

TEST(AcmOptions, ValueProblems) {
  EXPECT_EQ(acmOptionValueProblems("CheckExceptionPaths", "true"), Problems{});
  EXPECT_EQ(acmOptionValueProblems("CheckExceptionPaths", "maybe"),
            Problems{"invalid value 'maybe' for option 'CheckExceptionPaths': "
                     "expected true or false"});
  EXPECT_EQ(acmOptionValueProblems("DisabledProfiles", "folly;nosuch;nor"),
            (Problems{"unknown profile 'nosuch' in option 'DisabledProfiles'",
                      "unknown profile 'nor' in option 'DisabledProfiles'"}));
  EXPECT_EQ(acmOptionValueProblems("Types", "lib::X{exit: close; sometimes}"),
            Problems{"invalid acm Types option: unknown clause 'sometimes' "
                     "for 'lib::X'"});
  EXPECT_EQ(acmOptionValueProblems("ExitOps", "anything at all"), Problems{});
}

TEST(AcmOptions, ReadAndStoreRoundTrip) {
  ModelOptions Options;
  Options.ExitOps = {"db::Tx::commit", "db::Tx::rollback"};
  Options.Types = "lib::X{exit: close}";
  Options.CheckExceptionPaths = true;
  std::map<std::string, std::string> Stored;
  storeModelOptions(Options, [&](llvm::StringRef Name, llvm::StringRef Value) {
    Stored[Name.str()] = Value.str();
  });
  EXPECT_EQ(Stored.size(), acmOptionNames().size());
  ModelOptions Read = readModelOptions(
      [&](llvm::StringRef Name) -> std::optional<llvm::StringRef> {
        auto It = Stored.find(Name.str());
        if (It == Stored.end())
          return std::nullopt;
        return llvm::StringRef(It->second);
      });
  EXPECT_EQ(Read.fingerprint(), Options.fingerprint());
}

TEST(VerifyConfig, GlobsUnderAcmMustMatchAnAcmCheck) {
  EXPECT_EQ(checkGlobProblem("acm-*"), "");
  EXPECT_EQ(checkGlobProblem(" -acm-missing-exit-await"), "");
  EXPECT_EQ(checkGlobProblem("acm-generator-*"), "");
  EXPECT_EQ(checkGlobProblem("bugprone-*"), "");
  EXPECT_EQ(checkGlobProblem("-*"), "");
  EXPECT_EQ(checkGlobProblem("acm-mising-exit-await"),
            "check glob 'acm-mising-exit-await' matches no acm check; did you "
            "mean 'acm-missing-exit-await'?");
  EXPECT_EQ(checkGlobProblem("-acm-use-after-exti"),
            "check glob 'acm-use-after-exti' matches no acm check; did you "
            "mean 'acm-use-after-exit'?");
  EXPECT_EQ(checkGlobProblem("acm-nothing-like-it-*"),
            "check glob 'acm-nothing-like-it-*' matches no acm check");
}

TEST(VerifyConfig, ProblemsOfOneSource) {
  ClangTidyOptions Options;
  Options.Checks = "-*,acm-*,\nacm-mising-exit-await,bugprone-*";
  Options.CheckOptions["acm.ExitOpz"] = "x";
  Options.CheckOptions["acm.CheckExceptionPaths"] = "maybe";
  Options.CheckOptions["readability-identifier-naming.ClassCase"] = "Camel";
  Problems Expected = {
      "check glob 'acm-mising-exit-await' matches no acm check; did you mean "
      "'acm-missing-exit-await'?",
      "unknown option 'acm.ExitOpz'; did you mean 'acm.ExitOps'?"};
  EXPECT_EQ(configurationProblems(Options, /*CheckValues=*/false), Expected);
  Expected.insert(Expected.begin() + 1,
                  "invalid value 'maybe' for option 'CheckExceptionPaths': "
                  "expected true or false (key 'acm.CheckExceptionPaths')");
  EXPECT_EQ(configurationProblems(Options, /*CheckValues=*/true), Expected);
}

} // namespace
} // namespace acm
