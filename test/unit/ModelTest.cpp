//===- ModelTest.cpp - Unit tests of the protocol model -------------------===//

#include "Model/ProtocolModel.h"
#include "TestSupport.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "gtest/gtest.h"

using namespace clang;

namespace acm {
namespace {

ObjectKind kindOf(const std::string &Code, StringRef Name,
                  ModelOptions Options = {}) {
  auto AST = test::parse(Code);
  EXPECT_TRUE(AST);
  if (!AST)
    return ObjectKind::None;
  ProtocolModel Model(std::move(Options));
  const auto *Record =
      test::findNamed<CXXRecordDecl>(AST->getASTContext(), Name);
  EXPECT_TRUE(Record) << Name.str();
  return Model.classifyRecord(Record);
}

TEST(ProtocolModel, StructuralNames) {
  EXPECT_EQ(kindOf("", "Resource"), ObjectKind::Manager);
  EXPECT_EQ(kindOf("", "Stream"), ObjectKind::Closeable);
  EXPECT_EQ(kindOf("struct S { task async_enter(); task async_exit(); };",
                   "S"),
            ObjectKind::Manager);
  EXPECT_EQ(kindOf("struct S { task enter_async_context(Res&); task aclose(); };",
                   "S"),
            ObjectKind::ExitStack);
}

TEST(ProtocolModel, SynchronousLookalikeIsNotTheProtocol) {
  EXPECT_EQ(kindOf("struct S { void aenter(); void aexit(); };", "S"),
            ObjectKind::None);
  EXPECT_EQ(kindOf("struct S { int aclose(); };", "S"), ObjectKind::None);
}

TEST(ProtocolModel, EnterWithoutExitIsNotAManager) {
  EXPECT_EQ(kindOf("struct S { task aenter(); };", "S"), ObjectKind::None);
}

TEST(ProtocolModel, InheritedOps) {
  EXPECT_EQ(kindOf("struct D : Res {};", "D"), ObjectKind::Manager);
}

TEST(ProtocolModel, Annotations) {
  EXPECT_EQ(kindOf("struct S { [[clang::annotate(\"acm::enter\")]] task open();"
                   " [[clang::annotate(\"acm::exit\")]] task shut(); };",
                   "S"),
            ObjectKind::Manager);
  EXPECT_EQ(kindOf("struct [[clang::annotate(\"acm::closeable\")]] S {};", "S"),
            ObjectKind::Closeable);
  EXPECT_EQ(
      kindOf("struct [[clang::annotate(\"acm::exit_stack\")]] S {};", "S"),
      ObjectKind::ExitStack);
}

TEST(ProtocolModel, ConfiguredNames) {
  ModelOptions Options;
  Options.EnterOps = {"db::Tx::begin"};
  Options.ExitOps = {"Tx::commit"};
  EXPECT_EQ(kindOf("namespace db { struct Tx { task begin(); task commit(); }; }",
                   "Tx", Options),
            ObjectKind::Manager);
  // "Tx::commit" matches as a suffix in any namespace; "db::Tx::begin" does
  // not, so this Tx only has an exit: a closeable.
  EXPECT_EQ(kindOf("namespace other { struct Tx { task begin(); task "
                   "commit(); }; }",
                   "Tx", Options),
            ObjectKind::Closeable);
  EXPECT_EQ(kindOf("namespace other { struct Tx { task begin(); task "
                   "rollback(); }; }",
                   "Tx", Options),
            ObjectKind::None);
}

TEST(ProtocolModel, AwaitableThroughFreeOperatorCoawait) {
  EXPECT_EQ(kindOf("namespace f { struct fut {}; struct aw { bool "
                   "await_ready(); void await_suspend(std::coroutine_handle<>); "
                   "void await_resume(); }; aw operator co_await(fut); "
                   "struct S { fut aclose(); }; }",
                   "S"),
            ObjectKind::Closeable);
}

TEST(ProtocolModel, NameMatching) {
  std::vector<std::string> Patterns = {"Conn::close", "::top::f"};
  EXPECT_TRUE(matchesQualifiedName("net::Conn::close", Patterns));
  EXPECT_TRUE(matchesQualifiedName("net::Conn<int>::close", Patterns));
  EXPECT_TRUE(matchesQualifiedName("Conn::close", Patterns));
  EXPECT_FALSE(matchesQualifiedName("net::XConn::close", Patterns));
  EXPECT_TRUE(matchesQualifiedName("top::f", Patterns));
  EXPECT_FALSE(matchesQualifiedName("a::top::f", Patterns));
}

TEST(ProtocolModel, ParseList) {
  EXPECT_EQ(ModelOptions::parseList(" a::b ; c,d;; "),
            (std::vector<std::string>{"a::b", "c", "d"}));
  EXPECT_TRUE(ModelOptions::parseList("").empty());
}

} // namespace
} // namespace acm
