//===- ModelTest.cpp - Unit tests of the protocol model -------------------===//

#include "Model/NameMatching.h"
#include "Model/ProtocolModel.h"
#include "TestSupport.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "gtest/gtest.h"
#include <map>

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
  EXPECT_EQ(kindOf("struct S { task async_enter(); task async_exit(); };", "S"),
            ObjectKind::Manager);
  EXPECT_EQ(
      kindOf("struct S { task enter_async_context(Res&); task aclose(); };",
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
  EXPECT_EQ(
      kindOf("namespace db { struct Tx { task begin(); task commit(); }; }",
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
  EXPECT_EQ(
      kindOf("namespace f { struct fut {}; struct aw { bool "
             "await_ready(); void await_suspend(std::coroutine_handle<>); "
             "void await_resume(); }; aw operator co_await(fut); "
             "struct S { fut aclose(); }; }",
             "S"),
      ObjectKind::Closeable);
  // The operator takes other types of the namespace, not this one.
  EXPECT_EQ(kindOf("namespace f { template <typename T> struct fut {}; "
                   "struct other {}; struct aw { bool await_ready(); void "
                   "await_suspend(std::coroutine_handle<>); void "
                   "await_resume(); }; template <typename T> aw operator "
                   "co_await(fut<T>); aw operator co_await(other); "
                   "struct holder {}; struct S { holder aclose(); }; }",
                   "S"),
            ObjectKind::None);
  // A template's specializations, a derived class and a hidden friend.
  EXPECT_EQ(kindOf("namespace f { template <typename T> struct fut {}; "
                   "struct aw { bool await_ready(); void "
                   "await_suspend(std::coroutine_handle<>); void "
                   "await_resume(); }; template <typename T> aw operator "
                   "co_await(fut<T> &&); struct S { fut<int> aclose(); }; }",
                   "S"),
            ObjectKind::Closeable);
  EXPECT_EQ(kindOf("namespace f { struct base {}; struct derived : base {}; "
                   "struct aw { bool await_ready(); void "
                   "await_suspend(std::coroutine_handle<>); void "
                   "await_resume(); }; aw operator co_await(const base &); "
                   "struct S { derived aclose(); }; }",
                   "S"),
            ObjectKind::Closeable);
  EXPECT_EQ(kindOf("namespace f { struct aw { bool await_ready(); void "
                   "await_suspend(std::coroutine_handle<>); void "
                   "await_resume(); }; struct fut { friend aw operator "
                   "co_await(fut); }; struct S { fut aclose(); }; }",
                   "S"),
            ObjectKind::Closeable);
}

TEST(ProtocolModel, ExitNamesWordTheCloseablesExit) {
  auto AST = test::parse(R"cpp(
    struct Scope { task join(); };
    struct Gen { task cleanup(); };
    struct [[clang::annotate("acm::closeable")]] Line {
      [[clang::annotate("acm::exit")]] task hang_up();
    };
    struct Sock { task shutdown(); };
    Scope scope; Gen gen; Line line; Sock sock; Stream stream;
  )cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  ModelOptions Options;
  Options.Types = "Scope{exit: join; entered} Gen{exit: cleanup; entered} "
                  "Sock{exit: shutdown; entered}";
  ProtocolModel Model(Options);
  auto NameOf = [&](StringRef Var) {
    return Model.exitName(test::findNamed<VarDecl>(Ctx, Var)->getType());
  };
  EXPECT_EQ(NameOf("scope"), ExitName::Join);
  EXPECT_EQ(NameOf("gen"), ExitName::Cleanup);
  EXPECT_EQ(NameOf("line"), ExitName::Close);
  EXPECT_EQ(NameOf("sock"), ExitName::Exit);
  EXPECT_EQ(NameOf("stream"), ExitName::Close);
}

TEST(ProtocolModel, FatalFailureMacros) {
  ProtocolModel Default(ModelOptions{});
  for (StringRef Name : {"ASSERT_EQ", "CO_ASSERT_TRUE", "REQUIRE",
                         "REQUIRE_THROWS_AS", "BOOST_REQUIRE_NO_THROW", "FAIL"})
    EXPECT_TRUE(Default.isFatalFailureMacro(Name)) << Name.str();
  for (StringRef Name : {"EXPECT_EQ", "CO_EXPECT_EQ", "CHECK", "BOOST_CHECK",
                         "ASSERT", "GTEST_ASSERT_"})
    EXPECT_FALSE(Default.isFatalFailureMacro(Name)) << Name.str();
  ModelOptions Options;
  Options.FatalFailureMacros = ModelOptions::parseList("MY_ASSERT*");
  ProtocolModel Custom(Options);
  EXPECT_TRUE(Custom.isFatalFailureMacro("MY_ASSERT_OK"));
  EXPECT_FALSE(Custom.isFatalFailureMacro("ASSERT_EQ"));
}

TEST(ProtocolModel, NameMatching) {
  std::vector<std::string> Patterns = {"Conn::close", "::top::f"};
  EXPECT_TRUE(matchesQualifiedName("net::Conn::close", Patterns));
  EXPECT_TRUE(matchesQualifiedName("net::Conn<int>::close", Patterns));
  EXPECT_TRUE(matchesQualifiedName("Conn::close", Patterns));
  EXPECT_FALSE(matchesQualifiedName("net::XConn::close", Patterns));
  EXPECT_TRUE(matchesQualifiedName("top::f", Patterns));
  EXPECT_FALSE(matchesQualifiedName("a::top::f", Patterns));
  // Operator names keep their characters; other names lose template
  // arguments, even when they end in "operator".
  EXPECT_TRUE(matchesQualifiedName("lib::Fn::operator()", {"Fn::operator()"}));
  EXPECT_TRUE(matchesQualifiedName("lib::Cmp<int>::operator<",
                                   {"lib::Cmp::operator<"}));
  EXPECT_TRUE(matchesQualifiedName("lib::my_operator<int>::close",
                                   {"lib::my_operator::close"}));
}

TEST(ProtocolModel, ParseList) {
  EXPECT_EQ(ModelOptions::parseList(" a::b ; c,d;; "),
            (std::vector<std::string>{"a::b", "c", "d"}));
  EXPECT_TRUE(ModelOptions::parseList("").empty());
}

} // namespace
} // namespace acm

namespace acm {
namespace {

/// The calls in the function \p Function of \p Code, in source order.
std::vector<const CallExpr *> callsIn(ASTContext &Ctx, StringRef Function) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool shouldVisitTemplateInstantiations() const { return false; }
    std::vector<const CallExpr *> Calls;
    bool VisitCallExpr(CallExpr *Call) {
      Calls.push_back(Call);
      return true;
    }
  } F;
  if (const auto *FD = test::findNamed<FunctionDecl>(Ctx, Function))
    F.TraverseDecl(const_cast<FunctionDecl *>(FD));
  return F.Calls;
}

// Profiles name the argument an enter function enters ("@1") and whether
// it only tries ("?"); function objects are known by their class, also in
// a call a template leaves unresolved.
TEST(ProtocolModel, EnterFunctionArguments) {
  auto AST = test::parse(R"cpp(
    namespace unifex {
    namespace _spawn_detached {
    struct _spawn_detached_fn {
      template <typename S, typename Scope> void operator()(S&&, Scope&) const;
    };
    }
    inline constexpr _spawn_detached::_spawn_detached_fn spawn_detached{};
    }
    namespace seastar {
    struct gate {};
    template <typename F> int try_with_gate(gate&, F&&);
    template <typename F> int with_gate(gate&, F&&);
    }
    struct sender {};
    struct scope {};
    void resolved(scope& s, seastar::gate& g) {
      unifex::spawn_detached(sender{}, s);
      seastar::try_with_gate(g, 1);
      seastar::with_gate(g, 1);
    }
    template <typename T> void unresolved(T t, scope& s) {
      unifex::spawn_detached(t, s);
    }
  )cpp");
  ASSERT_TRUE(AST);
  ProtocolModel Model{ModelOptions{}};
  std::vector<const CallExpr *> Calls =
      callsIn(AST->getASTContext(), "resolved");
  ASSERT_EQ(Calls.size(), 3u);
  // spawn_detached(sender{}, s): argument 0 of the call is the function
  // object, 1 the sender, 2 the scope.
  EXPECT_EQ(Model.callEntersArgument(Calls[0], 1), ArgumentEnter::None);
  EXPECT_EQ(Model.callEntersArgument(Calls[0], 2), ArgumentEnter::Enters);
  EXPECT_EQ(Model.callEntersArgument(Calls[1], 0), ArgumentEnter::Tries);
  EXPECT_EQ(Model.callEntersArgument(Calls[2], 0), ArgumentEnter::Enters);
  EXPECT_EQ(Model.callEntersArgument(Calls[2], 1), ArgumentEnter::None);

  Calls = callsIn(AST->getASTContext(), "unresolved");
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_EQ(Model.callEntersArgument(Calls[0], 0), ArgumentEnter::None);
  EXPECT_EQ(Model.callEntersArgument(Calls[0], 1), ArgumentEnter::Enters);

  ModelOptions Without;
  Without.DisabledProfiles = {"unifex", "seastar"};
  ProtocolModel Disabled(std::move(Without));
  EXPECT_EQ(Disabled.callEntersArgument(Calls[0], 1), ArgumentEnter::None);
}

TEST(Profiles, BuiltinProfilesParse) {
  for (const Profile &P : builtinProfiles()) {
    std::string Error;
    std::vector<TypeSpec> Specs = parseTypeSpecs(P.Types, Error);
    EXPECT_EQ(Error, "") << P.Name.str();
    EXPECT_FALSE(Specs.empty()) << P.Name.str();
    // Only the entries that take a type out of the protocol have no exit.
    for (const TypeSpec &Spec : Specs)
      EXPECT_EQ(Spec.ExitOps.empty(), Spec.Name == "boost::cobalt::wait_group")
          << Spec.Name;
  }
}

TEST(Profiles, TextForm) {
  std::string Error;
  std::vector<TypeSpec> Specs =
      parseTypeSpecs("lib::Scope{enter: add, spawn; exit: join; once} "
                     "lib::Gen<*, true>{exit: cleanup; entered}",
                     Error);
  EXPECT_EQ(Error, "");
  ASSERT_EQ(Specs.size(), 2u);
  EXPECT_EQ(Specs[0].Name, "lib::Scope");
  EXPECT_EQ(Specs[0].EnterOps, (std::vector<std::string>{"add", "spawn"}));
  EXPECT_EQ(Specs[0].ExitOps, std::vector<std::string>{"join"});
  EXPECT_TRUE(Specs[0].SingleUse);
  EXPECT_FALSE(Specs[0].BornEntered);
  EXPECT_EQ(Specs[1].ArgPatterns, (std::vector<std::string>{"*", "true"}));
  EXPECT_TRUE(Specs[1].BornEntered);

  Specs = parseTypeSpecs("lib::Gate{enter: hold, enter; exit: close; "
                         "guards: hold; leave: leave; idempotent-exit} "
                         "lib::Loop{}",
                         Error);
  EXPECT_EQ(Error, "");
  ASSERT_EQ(Specs.size(), 2u);
  EXPECT_EQ(Specs[0].GuardOps, std::vector<std::string>{"hold"});
  EXPECT_EQ(Specs[0].LeaveOps, std::vector<std::string>{"leave"});
  EXPECT_TRUE(Specs[0].IdempotentExit);
  EXPECT_EQ(Specs[1].Name, "lib::Loop");
  EXPECT_TRUE(Specs[1].ExitOps.empty());

  parseTypeSpecs("lib::Scope{exit: join; sometimes}", Error);
  EXPECT_NE(Error.find("unknown clause 'sometimes'"), std::string::npos);
  Error.clear();
  parseTypeSpecs("lib::Scope exit: join", Error);
  EXPECT_NE(Error.find("expected 'Type{...}'"), std::string::npos);
}

TEST(Profiles, UseClauses) {
  std::string Error;
  std::vector<TypeSpec> Specs = parseTypeSpecs(
      "lib::Gate{enter: enter; exit: close; uses: check} "
      "lib::Scope{enter: add; exit: join; queries: remaining, operator bool; "
      "done-when-awaited: add} "
      "lib::Silent{exit: close; entered; default-empty; uses:}",
      Error);
  EXPECT_EQ(Error, "");
  ASSERT_EQ(Specs.size(), 3u);
  EXPECT_FALSE(Specs[0].isQuery("check"));
  EXPECT_TRUE(Specs[0].isQuery("is_closed"));
  EXPECT_TRUE(Specs[1].isQuery("remaining"));
  EXPECT_TRUE(Specs[1].isQuery("operator bool"));
  EXPECT_FALSE(Specs[1].isQuery("write"));
  EXPECT_EQ(Specs[1].DoneWhenAwaitedOps, std::vector<std::string>{"add"});
  EXPECT_FALSE(Specs[1].DefaultEmpty);
  EXPECT_TRUE(Specs[2].DefaultEmpty);
  EXPECT_TRUE(Specs[2].isQuery("write"));
}

TEST(Profiles, QueriesAndInheritedMembers) {
  ModelOptions Options;
  Options.Types = "lib::Scope{enter: add; exit: join; queries: remaining, "
                  "close, operator bool; done-when-awaited: add}";
  auto AST = test::parse(R"cpp(
namespace lib {
struct Base { void close(); void other(); };
struct Scope : private Base {
  void add(int);
  task join();
  int remaining() const;
  explicit operator bool() const;
  void poke();
  using Base::close;
  using Base::other;
};
}
void use(lib::Scope &s) { s.close(); s.other(); s.poke(); (void)s.remaining(); }
)cpp");
  ASSERT_TRUE(AST);
  ProtocolModel Model(Options);
  ASTContext &Ctx = AST->getASTContext();
  const auto *Scope = test::findNamed<CXXRecordDecl>(Ctx, "Scope");
  ASSERT_TRUE(Scope);
  auto Method = [&](StringRef Name) -> const CXXMethodDecl * {
    for (const CXXMethodDecl *M : Scope->methods())
      if (M->getNameAsString() == Name)
        return M;
    return nullptr;
  };
  EXPECT_EQ(Model.classifyMethod(Method("add")), OpKind::EnterNow);
  EXPECT_EQ(Model.classifyMethod(Method("join")), OpKind::Exit);
  EXPECT_EQ(Model.classifyMethod(Method("remaining")), OpKind::Query);
  EXPECT_EQ(Model.classifyMethod(Method("operator bool")), OpKind::Query);
  EXPECT_EQ(Model.classifyMethod(Method("poke")), OpKind::None);
  EXPECT_TRUE(Model.isDoneWhenAwaited(Method("add")));
  EXPECT_FALSE(Model.isDoneWhenAwaited(Method("join")));

  // Members brought in from a base are judged by the object's class.
  std::map<std::string, OpKind> Calls;
  struct Visitor : RecursiveASTVisitor<Visitor> {
    const ProtocolModel &Model;
    std::map<std::string, OpKind> &Calls;
    Visitor(const ProtocolModel &M, std::map<std::string, OpKind> &C)
        : Model(M), Calls(C) {}
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
      Calls[Call->getMethodDecl()->getNameAsString()] =
          Model.classifyCall(Call);
      return true;
    }
  } V(Model, Calls);
  V.TraverseDecl(Ctx.getTranslationUnitDecl());
  EXPECT_EQ(Calls["close"], OpKind::Query);
  EXPECT_EQ(Calls["other"], OpKind::None);
  EXPECT_EQ(Calls["poke"], OpKind::None);
  EXPECT_EQ(Calls["remaining"], OpKind::Query);
}

TEST(Profiles, DefaultEmpty) {
  ModelOptions Options;
  Options.Types = "lib::File{exit: close; entered; default-empty} "
                  "lib::Scope{exit: join; entered}";
  auto AST = test::parse("namespace lib { struct File { task close(); }; "
                         "struct Scope { task join(); }; }\n"
                         "lib::File f; lib::Scope s;");
  ASSERT_TRUE(AST);
  ProtocolModel Model(Options);
  ASTContext &Ctx = AST->getASTContext();
  EXPECT_TRUE(
      Model.isDefaultEmptyType(test::findNamed<VarDecl>(Ctx, "f")->getType()));
  EXPECT_FALSE(
      Model.isDefaultEmptyType(test::findNamed<VarDecl>(Ctx, "s")->getType()));
}

TEST(Profiles, TemplateArgumentPatterns) {
  ModelOptions Options;
  Options.Types = "lib::Gen<*, true>{exit: cleanup; entered}";
  auto AST =
      test::parse("namespace lib { template <typename T, bool C> "
                  "struct Gen { task cleanup(); }; }\n"
                  "lib::Gen<int, true> clean; lib::Gen<int, false> plain;");
  ASSERT_TRUE(AST);
  ProtocolModel Model(Options);
  ASTContext &Ctx = AST->getASTContext();
  EXPECT_EQ(
      Model.classifyType(test::findNamed<VarDecl>(Ctx, "clean")->getType()),
      ObjectKind::Closeable);
  EXPECT_EQ(
      Model.classifyType(test::findNamed<VarDecl>(Ctx, "plain")->getType()),
      ObjectKind::None);
}

// A class is told from a pattern by its own name before its qualified
// name is spelled: every way a class is named must still match.
TEST(Profiles, PatternsMatchEveryWayAClassIsNamed) {
  ModelOptions Options;
  Options.Types = "lib::Outer::Inner{exit: close; entered} "
                  "lib::Tagged{exit: close; entered} "
                  "Hidden{exit: close; entered} "
                  "lib::Versioned{exit: close; entered} "
                  "er::Anywhere{exit: close; entered}";
  auto AST = test::parse(R"cpp(
namespace lib {
template <typename T> struct Outer { struct Inner { task close(); }; };
typedef struct { task close(); } Tagged;
struct Other { task close(); };
}
namespace { struct Hidden { task close(); }; }
namespace lib { inline namespace v2 { struct Versioned { task close(); }; } }
namespace deep::er { struct Anywhere { task close(); }; }
struct Inner { task close(); };
lib::Outer<int>::Inner nested;
lib::Tagged tagged;
lib::Other other;
Hidden hidden;
lib::Versioned versioned;
deep::er::Anywhere anywhere;
Inner unrelated;
)cpp");
  ASSERT_TRUE(AST);
  ProtocolModel Model(Options);
  ASTContext &Ctx = AST->getASTContext();
  auto KindOf = [&](StringRef Var) {
    return Model.classifyType(test::findNamed<VarDecl>(Ctx, Var)->getType());
  };
  EXPECT_EQ(KindOf("nested"), ObjectKind::Closeable);
  EXPECT_EQ(KindOf("tagged"), ObjectKind::Closeable);
  EXPECT_EQ(KindOf("hidden"), ObjectKind::Closeable);
  EXPECT_EQ(KindOf("versioned"), ObjectKind::Closeable);
  EXPECT_EQ(KindOf("anywhere"), ObjectKind::Closeable);
  // Structurally a closeable too (close() is not a structural exit name):
  // not matched by a pattern of another class with its name.
  EXPECT_EQ(KindOf("other"), ObjectKind::None);
  EXPECT_EQ(KindOf("unrelated"), ObjectKind::None);
}

// Of the entries for one class, the first wins, whatever other classes of
// its last name the configuration lists.
TEST(Profiles, TheFirstEntryForAClassWins) {
  ModelOptions Options;
  Options.Types = "a::Res{exit: shut; entered} "
                  "b::Res{enter: open; exit: shut} "
                  "b::Res{exit: shut; entered}";
  auto AST = test::parse(R"cpp(
namespace a { struct Res { task shut(); task open(); }; }
namespace b { struct Res { task shut(); task open(); }; }
a::Res first;
b::Res second;
)cpp");
  ASSERT_TRUE(AST);
  ProtocolModel Model(Options);
  ASTContext &Ctx = AST->getASTContext();
  auto KindOf = [&](StringRef Var) {
    return Model.classifyType(test::findNamed<VarDecl>(Ctx, Var)->getType());
  };
  EXPECT_EQ(KindOf("first"), ObjectKind::Closeable);
  EXPECT_EQ(KindOf("second"), ObjectKind::Manager);
}

TEST(Profiles, DisabledByName) {
  const char *Code =
      "namespace seastar { template <typename... T> struct future "
      "{ bool await_ready(); void await_suspend("
      "std::coroutine_handle<>); void await_resume(); };\n"
      "struct gate { void enter(); future<> close(); }; }\n";
  auto AST = test::parse(Code);
  ASSERT_TRUE(AST);
  const auto *Gate =
      test::findNamed<CXXRecordDecl>(AST->getASTContext(), "gate");
  EXPECT_EQ(ProtocolModel({}).classifyRecord(Gate), ObjectKind::Manager);
  ModelOptions Off;
  Off.DisabledProfiles = {"seastar"};
  EXPECT_EQ(ProtocolModel(Off).classifyRecord(Gate), ObjectKind::None);
}

/// The owned members of class \p Name, as "name:kind:holder".
std::vector<std::string> ownedIn(const std::string &Code, StringRef Name) {
  auto AST = test::parse("#include <memory>\n#include <optional>\n" + Code);
  std::vector<std::string> Out;
  if (!AST)
    return Out;
  ProtocolModel Model({});
  for (const OwnedMember &M : Model.ownedMembers(
           test::findNamed<CXXRecordDecl>(AST->getASTContext(), Name)))
    Out.push_back(M.Field->getNameAsString() + ":" +
                  objectKindName(M.Kind).str() + ":" +
                  std::to_string(int(M.Holder)));
  return Out;
}

TEST(ProtocolModel, OwnedMembersAreByValueOrHeld) {
  EXPECT_EQ(ownedIn("struct C { Res a; Closer &b; Closer *c; int d;\n"
                    "  std::optional<Closer> e; std::unique_ptr<Res> f;\n"
                    "  std::shared_ptr<Res> g; };",
                    "C"),
            (std::vector<std::string>{"a:manager:0", "e:closeable:1",
                                      "f:manager:2"}));
}

/// Which methods of class \p Name are owner exits.
std::vector<std::string> ownerExitsIn(const std::string &Code, StringRef Name,
                                      ModelOptions Options = {}) {
  auto AST = test::parse(Code);
  std::vector<std::string> Out;
  if (!AST)
    return Out;
  ProtocolModel Model(std::move(Options));
  const auto *Class =
      test::findNamed<CXXRecordDecl>(AST->getASTContext(), Name);
  std::vector<OwnedMember> Members = Model.ownedMembers(Class);
  for (const CXXMethodDecl *M : Class->methods())
    if (Model.isOwnerExit(M, Members))
      Out.push_back(M->getNameAsString());
  return Out;
}

TEST(ProtocolModel, OwnerExitsOfTheClassItselfAndFromOptions) {
  // Its own close op; a method the option names; nothing else.
  EXPECT_EQ(ownerExitsIn("struct C { Closer s; task aclose(); task stop(); "
                         "void close(); };",
                         "C"),
            std::vector<std::string>{"aclose"});
  ModelOptions Options;
  Options.OwnerExits = {"C::shutdown"};
  EXPECT_EQ(
      ownerExitsIn("struct C { Closer s; task shutdown(); };", "C", Options),
      std::vector<std::string>{"shutdown"});
}

TEST(ProtocolModel, ProfileConventionsApplyToClassesHoldingTheirTypes) {
  // The unifex convention ("*: cleanup, ...") for a class that holds a
  // libunifex-like type described by the profile's name.
  std::string Unifex = "namespace unifex { inline namespace v1 {\n"
                       "namespace _async_scope { struct async_scope {\n"
                       "  task cleanup(); }; }\n"
                       "using _async_scope::async_scope; } }\n";
  EXPECT_EQ(ownerExitsIn(Unifex + "struct C { unifex::async_scope s;\n"
                                  "  auto cleanup() { return s.cleanup(); }\n"
                                  "  auto stop() { return 0; } };",
                         "C"),
            (std::vector<std::string>{"cleanup", "stop"}));
  // The same names on a class that holds none of its types are nothing.
  EXPECT_TRUE(
      ownerExitsIn("struct C { Closer s; int cleanup(); int stop(); };", "C")
          .empty());
}

TEST(Profiles, OwnerExitGroupsSplitAtTheLastColon) {
  std::vector<OwnerExitConvention> Groups =
      parseOwnerExits("seastar::future: stop, close; *: join");
  ASSERT_EQ(Groups.size(), 2u);
  EXPECT_EQ(Groups[0].ReturnType, "seastar::future");
  EXPECT_EQ(Groups[0].Names, (std::vector<std::string>{"stop", "close"}));
  EXPECT_EQ(Groups[1].ReturnType, "*");
  EXPECT_EQ(Groups[1].Names, std::vector<std::string>{"join"});
}

TEST(Profiles, MemberCloseOptionalIsAClause) {
  std::string Error;
  std::vector<TypeSpec> Specs = parseTypeSpecs(
      "lib::In{exit: close; entered; member-close-optional}", Error);
  EXPECT_TRUE(Error.empty()) << Error;
  ASSERT_EQ(Specs.size(), 1u);
  EXPECT_TRUE(Specs[0].MemberCloseOptional);
}

} // namespace
} // namespace acm
