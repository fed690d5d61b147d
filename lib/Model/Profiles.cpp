//===- Profiles.cpp -------------------------------------------------------===//

#include "Model/Profiles.h"
#include "Model/ModelOptions.h"
#include "Model/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/TemplateBase.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace acm {

namespace {

// Each entry names the library's own types and operations. The run-time
// consequence each finding prevents is listed in docs/profiles.md.
constexpr Profile Profiles[] = {
    // folly/coro/AsyncScope.h, folly/coro/AsyncGenerator.h. An unused scope
    // needs no join; an empty (default-constructed) generator no cleanup.
    {"folly", "folly::coro",
     "folly::coro::AsyncScope{enter: add, addWithSourceLoc;"
     "  exit: joinAsync, cleanup; once; queries: remaining}"
     "folly::coro::CancellableAsyncScope{"
     "  enter: add, addWithSourceLoc, co_schedule;"
     "  exit: cancelAndJoinAsync, joinAsync; once;"
     "  queries: remaining, requestCancellation, isScopeCancellationRequested}"
     "folly::coro::AsyncGenerator<*, *, true>{exit: cleanup; entered;"
     "  default-empty}",
     "folly::coro::co_scope_exit_fn::operator()",
     // folly/coro/Collect.h: spawns each awaitable into the scope.
     "folly::coro::makeUnorderedAsyncGenerator;"
     "folly::coro::makeUnorderedTryAsyncGenerator",
     // No one convention: folly-based services name their coroutine
     // methods with a co_ prefix, or plainly.
     "folly::coro::Task: co_close, co_stop, co_shutdown, close, stop,"
     "  shutdown, join, cancelAndJoin"},
    // cppcoro/async_scope.hpp: the destructor asserts the join even when
    // nothing was spawned.
    {"cppcoro", "cppcoro", "cppcoro::async_scope{exit: join; entered}", "", "",
     "cppcoro::task: join, close, stop, shutdown"},
    // unifex/v1/async_scope.hpp and unifex/v2/async_scope.hpp: the v2
    // destructor asserts join_started() even when unused, and v1 holds a v2
    // scope. Joining again completes at once. v1 is declared in the inline
    // namespace v1 (unifex::async_scope names it); v2 comes first so that
    // its longer name wins.
    {"unifex", "libunifex",
     "unifex::v2::_async_scope::async_scope{exit: join; entered;"
     "  idempotent-exit; queries: joined, join_started, use_count}"
     "unifex::_async_scope::async_scope{enter: spawn, spawn_on, spawn_call_on,"
     "  detached_spawn, detached_spawn_on, detached_spawn_call_on, attach,"
     "  attach_call, attach_on, attach_call_on; exit: cleanup, complete;"
     "  entered; once; idempotent-exit; queries: get_stop_token, request_stop}",
     "",
     // unifex/spawn_detached.hpp, spawn_future.hpp, nest.hpp: function
     // objects called as spawn_detached(sender, scope).
     "unifex::_spawn_detached::_spawn_detached_fn::operator()@1;"
     "unifex::_spawn_future::_spawn_future_fn::operator()@1;"
     "unifex::_nest_cpo::_nest_fn::operator()@1",
     // A class holding a scope forwards its exit: auto cleanup() { return
     // scope_.cleanup(); } (libunifex's own v1 scope does).
     "*: cleanup, complete, join, close, stop, shutdown"},
    // exec/async_scope.hpp and stdexec/__detail/__counting_scopes.hpp.
    // exec::async_scope names experimental::execution::__scope::async_scope
    // (exec is an alias of experimental::execution since February 2026;
    // before, exec::__scope::async_scope): types match by their declared
    // names, so both are listed. Awaiting a nested sender or a spawned
    // future runs the work to its end. Waiting for an empty scope again, or
    // joining a joined counting scope, completes at once.
    {"stdexec", "stdexec",
     "experimental::execution::__scope::async_scope{enter: spawn,"
     "  spawn_future, nest; exit: on_empty, when_empty;"
     "  done-when-awaited: spawn_future, nest; idempotent-exit;"
     "  queries: get_stop_source, get_stop_token, request_stop}"
     "exec::__scope::async_scope{enter: spawn, spawn_future, nest;"
     "  exit: on_empty, when_empty; done-when-awaited: spawn_future, nest;"
     "  idempotent-exit; queries: get_stop_source, get_stop_token,"
     "  request_stop}"
     "stdexec::simple_counting_scope{enter: get_token; exit: join; once;"
     "  idempotent-exit; queries: close}"
     "stdexec::counting_scope{enter: get_token; exit: join; once;"
     "  idempotent-exit; queries: close, request_stop}",
     "", "", "*: join, close, stop, shutdown, cleanup"},
    // [exec.counting.scopes] of the C++26 working draft.
    {"execution", "std::execution (P3149)",
     "std::execution::simple_counting_scope{enter: get_token; exit: join;"
     "  once; idempotent-exit; queries: close}"
     "std::execution::counting_scope{enter: get_token; exit: join; once;"
     "  idempotent-exit; queries: close, request_stop}",
     "", "", "*: join, close, stop, shutdown, cleanup"},
    // seastar/core/gate.hh, iostream.hh, file.hh, sharded.hh,
    // util/closeable.hh. The gate's destructor asserts that no request is
    // still in it, not that it was closed: close() is due only while work
    // entered may outlive the coroutine, not for an awaited with_gate, a
    // holder that dies first, or an enter that is left. After close() only
    // gate::check (which throws) and a new enter are errors; a
    // default-constructed stream or file is empty. A file is a
    // reference-counted handle: with_file(f, func) hands func a copy.
    {"seastar", "Seastar",
     "seastar::gate{enter: enter, hold; exit: close; once; guards: hold;"
     "  leave: leave; uses: check}"
     "seastar::named_gate{enter: enter, hold; exit: close; once;"
     "  guards: hold; leave: leave; uses: check}"
     "seastar::output_stream{exit: close; entered; default-empty}"
     "seastar::input_stream{exit: close; entered; default-empty;"
     "  member-close-optional; queries: eof}"
     "seastar::file{exit: close; entered; default-empty; shared;"
     "  queries: operator bool}"
     "seastar::sharded{enter: start, start_single; exit: stop;"
     "  queries: local_is_initialized}",
     "seastar::with_closeable;seastar::with_stoppable",
     // try_with_gate fails by design on a closed gate.
     "seastar::with_gate;seastar::try_with_gate?",
     // The contract sharded<T>::stop() and with_stoppable/with_closeable
     // rely on (sharded.hh, util/closeable.hh).
     "seastar::future: stop, close"},
    // boost/cobalt/with.hpp: with(x, f) awaits x.await_exit(ep) itself.
    // wait_group (wait_group.hpp) has an await_exit too, but awaiting the
    // group itself or its wait() waits as well, and an empty group needs
    // nothing: it is left out.
    {"cobalt", "Boost.Cobalt",
     "boost::cobalt::wait_group{} *{exit: await_exit; entered}",
     "boost::cobalt::with"},
};

std::vector<std::string> splitOps(StringRef List) {
  return ModelOptions::parseList(List);
}

/// Clauses that list ops. "uses" is apart: an empty list is not no list.
struct ListClause {
  llvm::StringLiteral Key;
  std::vector<std::string> TypeSpec::*Ops;
};
constexpr ListClause ListClauses[] = {
    {"enter", &TypeSpec::EnterOps},
    {"exit", &TypeSpec::ExitOps},
    {"queries", &TypeSpec::QueryOps},
    {"done-when-awaited", &TypeSpec::DoneWhenAwaitedOps},
    {"guards", &TypeSpec::GuardOps},
    {"leave", &TypeSpec::LeaveOps},
};
/// Clauses that set a flag.
struct FlagClause {
  llvm::StringLiteral Key;
  bool TypeSpec::*Flag;
};
constexpr FlagClause FlagClauses[] = {
    {"entered", &TypeSpec::BornEntered},
    {"once", &TypeSpec::SingleUse},
    {"default-empty", &TypeSpec::DefaultEmpty},
    {"idempotent-exit", &TypeSpec::IdempotentExit},
    {"shared", &TypeSpec::Shared},
    {"member-close-optional", &TypeSpec::MemberCloseOptional},
};

/// Splits "a<x, y<z>, w>" into "a" and {"x", "y<z>", "w"}.
void splitTemplateArgs(StringRef Type, std::string &Name,
                       std::vector<std::string> &Args) {
  size_t Open = Type.find('<');
  Name = Type.substr(0, Open).trim().str();
  if (Open == StringRef::npos)
    return;
  StringRef Inside = Type.substr(Open + 1);
  Inside = Inside.substr(0, Inside.rfind('>'));
  int Depth = 0;
  std::string Current;
  for (char C : Inside) {
    if (C == '<')
      ++Depth;
    else if (C == '>')
      --Depth;
    if (C == ',' && Depth == 0) {
      Args.push_back(StringRef(Current).trim().str());
      Current.clear();
      continue;
    }
    Current += C;
  }
  Args.push_back(StringRef(Current).trim().str());
}

} // namespace

llvm::ArrayRef<Profile> builtinProfiles() { return Profiles; }

std::vector<OwnerExitConvention> parseOwnerExits(StringRef Text) {
  std::vector<OwnerExitConvention> Out;
  llvm::SmallVector<StringRef, 4> Groups;
  Text.split(Groups, ';', -1, /*KeepEmpty=*/false);
  for (StringRef Group : Groups) {
    auto [Type, Names] = Group.rsplit(':');
    if (Type.trim().empty() || Names.trim().empty())
      continue;
    Out.push_back({Type.trim().str(), ModelOptions::parseList(Names)});
  }
  return Out;
}

std::vector<TypeSpec> parseTypeSpecs(StringRef Text, std::string &Error) {
  std::vector<TypeSpec> Specs;
  while (!(Text = Text.trim()).empty()) {
    size_t Open = Text.find('{');
    size_t Close = Text.find('}');
    if (Open == StringRef::npos || Close == StringRef::npos || Close < Open) {
      Error = "expected 'Type{...}' in '" + Text.str() + "'";
      return Specs;
    }
    TypeSpec Spec;
    splitTemplateArgs(Text.substr(0, Open), Spec.Name, Spec.ArgPatterns);
    if (Spec.Name.empty()) {
      Error = "missing type name before '{' in '" + Text.str() + "'";
      return Specs;
    }
    llvm::SmallVector<StringRef, 4> Clauses;
    Text.substr(Open + 1, Close - Open - 1).split(Clauses, ';');
    for (StringRef Clause : Clauses) {
      Clause = Clause.trim();
      if (Clause.empty())
        continue;
      auto [Key, Value] = Clause.split(':');
      Key = Key.trim();
      if (Key == "uses") {
        Spec.UseOps = splitOps(Value);
        continue;
      }
      const auto *List = llvm::find_if(
          ListClauses, [&](const ListClause &C) { return C.Key == Key; });
      if (List != std::end(ListClauses)) {
        Spec.*List->Ops = splitOps(Value);
        continue;
      }
      const auto *Flag = llvm::find_if(
          FlagClauses, [&](const FlagClause &C) { return C.Key == Key; });
      if (Flag != std::end(FlagClauses)) {
        Spec.*Flag->Flag = true;
        continue;
      }
      Error = "unknown clause '" + Key.str() + "' for '" + Spec.Name + "'";
      return Specs;
    }
    Specs.push_back(std::move(Spec));
    Text = Text.substr(Close + 1);
  }
  return Specs;
}

bool TypeSpec::isQuery(StringRef Op) const {
  if (UseOps)
    return !llvm::is_contained(*UseOps, Op);
  return llvm::is_contained(QueryOps, Op);
}

bool TypeSpec::matches(const CXXRecordDecl *Record) const {
  if (isWildcard() || !Record)
    return false;
  // Only a class with the pattern's last name can match it: the qualified
  // name, costly to spell, is spelled for those alone. (A class without a
  // name of its own may be known by a typedef's.)
  if (const IdentifierInfo *Id = Record->getIdentifier()) {
    StringRef Last = StringRef(Name).rsplit("::").second;
    if (Last.empty())
      Last = Name;
    if (Id->getName() != Last)
      return false;
  }
  if (!matchesQualifiedName(Record->getQualifiedNameAsString(), {Name}))
    return false;
  if (ArgPatterns.empty())
    return true;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record);
  if (!Spec)
    return false;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() != ArgPatterns.size())
    return false;
  PrintingPolicy Policy = Record->getASTContext().getPrintingPolicy();
  for (unsigned I = 0; I < Args.size(); ++I) {
    if (ArgPatterns[I] == "*")
      continue;
    std::string Printed;
    llvm::raw_string_ostream OS(Printed);
    Args[I].print(Policy, OS, /*IncludeType=*/false);
    if (OS.str() != ArgPatterns[I])
      return false;
  }
  return true;
}

} // namespace acm
