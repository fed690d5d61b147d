//===- Profiles.cpp -------------------------------------------------------===//

#include "Model/Profiles.h"
#include "Model/ProtocolModel.h"

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
    {"folly", "folly::coro",
     "folly::coro::AsyncScope{enter: add, addWithSourceLoc;"
     "  exit: joinAsync, cleanup; once}"
     "folly::coro::CancellableAsyncScope{enter: add, co_schedule;"
     "  exit: cancelAndJoinAsync, joinAsync; once}"
     "folly::coro::AsyncGenerator<*, *, true>{exit: cleanup; entered}",
     "folly::coro::co_scope_exit"},
    {"cppcoro", "cppcoro", "cppcoro::async_scope{exit: join; entered}", ""},
    {"unifex", "libunifex",
     // unifex::async_scope and unifex::v1::async_scope name this type.
     "unifex::_async_scope::async_scope{enter: spawn, spawn_on, "
     "  detached_spawn, attach; exit: cleanup, complete; once}"
     "unifex::v2::_async_scope::async_scope{exit: join; entered}",
     ""},
    {"stdexec", "stdexec",
     // exec::async_scope names exec::__scope::async_scope.
     "exec::__scope::async_scope{enter: spawn, spawn_future, nest;"
     "  exit: on_empty, when_empty}"
     "exec::async_scope{enter: spawn, spawn_future, nest;"
     "  exit: on_empty, when_empty}"
     "stdexec::simple_counting_scope{enter: get_token; exit: join; once}"
     "stdexec::counting_scope{enter: get_token; exit: join; once}",
     ""},
    {"execution", "std::execution (P3149)",
     "std::execution::simple_counting_scope{enter: get_token; exit: join; once}"
     "std::execution::counting_scope{enter: get_token; exit: join; once}",
     ""},
    {"seastar", "Seastar",
     "seastar::gate{enter: enter, hold; exit: close; once}"
     "seastar::output_stream{exit: close; entered}"
     "seastar::input_stream{exit: close; entered}"
     "seastar::file{exit: close; entered}"
     "seastar::sharded{enter: start; exit: stop}",
     "seastar::with_closeable;seastar::with_stoppable", "seastar::with_gate"},
    {"cobalt", "Boost.Cobalt", "*{exit: await_exit; entered}",
     "boost::cobalt::with"},
};

std::vector<std::string> splitOps(StringRef List) {
  return ModelOptions::parseList(List);
}

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
      if (Key == "enter")
        Spec.EnterOps = splitOps(Value);
      else if (Key == "exit")
        Spec.ExitOps = splitOps(Value);
      else if (Key == "entered")
        Spec.BornEntered = true;
      else if (Key == "once")
        Spec.SingleUse = true;
      else {
        Error = "unknown clause '" + Key.str() + "' for '" + Spec.Name + "'";
        return Specs;
      }
    }
    Specs.push_back(std::move(Spec));
    Text = Text.substr(Close + 1);
  }
  return Specs;
}

bool TypeSpec::matches(const CXXRecordDecl *Record) const {
  if (isWildcard() || !Record)
    return false;
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
