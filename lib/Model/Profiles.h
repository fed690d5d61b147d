//===- Profiles.h - Protocol descriptions of real libraries ---------------===//
//
// A profile describes, per type of a library, which operations enter an
// object (make its exit due; they may be synchronous, like AsyncScope::add),
// which exit it (must be awaited), whether it is entered from birth, whether
// entering it again after its exit is an error, and which of its member
// calls count as a use after its exit. Users describe their own types in the
// same text form through the Types option.
//
// The text form is a sequence of entries:
//
//   ns::Type{enter: op, op; exit: op, op; entered; once; default-empty;
//            done-when-awaited: op, op; guards: op, op; leave: op, op;
//            idempotent-exit; shared; uses: op, op; queries: op, op}
//
// Without "uses" or "queries" every member call on an exited object is a use
// after exit. "uses" lists the only member calls that are ("uses:" with no
// op: none is); "queries" lists member calls that are not (harmless queries
// such as AsyncScope::remaining or gate::is_closed). An op that is not an
// identifier is named as written: "operator bool". "default-empty" says a
// default-constructed object holds nothing: it is not entered until a value
// is assigned to it (seastar::file f; f = co_await open_file_dma(...)).
// "done-when-awaited" lists enter ops whose result, when awaited directly,
// runs the entered work to completion (exec::async_scope::nest): such a call
// leaves nothing for the exit to wait for. "guards" lists enter ops that
// return a guard leaving the object when it dies (seastar::gate::hold): kept
// in a local variable or discarded, it dies before the object and enters
// nothing the exit must wait for. "leave" lists ops that undo an enter
// (gate::leave). "idempotent-exit" says awaiting the exit again is harmless
// (a counting scope joined twice): it is not reported. "shared" says copies
// share one handle (seastar::file): a copy received by value or made from
// another object is closed by whoever holds the original, not by this
// coroutine. "member-close-optional" says that an object of the type held as
// a class member need not be closed by its owner: its destructor is safe
// without it (seastar::input_stream), so a class that leaves it open is not
// reported; a coroutine's own such object still is.
//
// An entry without exit ops takes its type out of the protocol, even if its
// member names would put it in (boost::cobalt::wait_group{}).
//
// A type may carry a template-argument pattern, "*" matching any argument:
// folly::coro::AsyncGenerator<*, *, true>. The type "*" stands for any class
// that has the listed operations (Boost.Cobalt's await_exit).
//
//===----------------------------------------------------------------------===//

#ifndef ACM_MODEL_PROFILES_H
#define ACM_MODEL_PROFILES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class CXXRecordDecl;
} // namespace clang

namespace acm {

struct TypeSpec {
  /// Qualified name, without template arguments, or "*".
  std::string Name;
  /// Template-argument patterns; empty when any specialization matches.
  std::vector<std::string> ArgPatterns;
  /// Operations whose call enters the object, awaited or not.
  std::vector<std::string> EnterOps;
  /// Operations that exit it; their result must be awaited.
  std::vector<std::string> ExitOps;
  /// Entered from the moment it exists (a closeable).
  bool BornEntered = false;
  /// Entering it again after its exit is an error.
  bool SingleUse = false;
  /// Default construction makes an empty object, entered only once a value
  /// is assigned to it.
  bool DefaultEmpty = false;
  /// The only member calls that count as a use after exit, when given.
  std::optional<std::vector<std::string>> UseOps;
  /// Member calls that never count as a use after exit.
  std::vector<std::string> QueryOps;
  /// Enter ops whose directly awaited result completes the entered work.
  std::vector<std::string> DoneWhenAwaitedOps;
  /// Enter ops returning a guard that leaves the object when it dies.
  std::vector<std::string> GuardOps;
  /// Ops that undo an enter.
  std::vector<std::string> LeaveOps;
  /// Awaiting the exit again is harmless.
  bool IdempotentExit = false;
  /// Copies share one handle; a copy is not owned by who made it.
  bool Shared = false;
  /// Held as a class member, its owner need not close it.
  bool MemberCloseOptional = false;
  /// The built-in profile the entry comes from (an index into
  /// builtinProfiles()), or -1 for the user's Types.
  int Profile = -1;

  /// True if calling the member named \p Op on an exited object is not a
  /// use after exit. \p Op is not an enter, exit or leave op.
  bool isQuery(llvm::StringRef Op) const;

  bool isWildcard() const { return Name.size() == 1 && Name[0] == '*'; }
  /// True if \p Record is this type (ignores the wildcard).
  bool matches(const clang::CXXRecordDecl *Record) const;
};

struct Profile {
  llvm::StringLiteral Name;
  llvm::StringLiteral Library;
  /// Entries in the text form above.
  llvm::StringLiteral Types;
  /// Functions that take over the exit of the objects passed to them.
  llvm::StringLiteral Helpers;
  /// Free functions (or function objects' "operator()") that enter the
  /// object passed as their first argument, or as argument N when the name
  /// ends in "@N", for the work they run; awaiting their result directly
  /// waits for that work, so such an awaited call leaves nothing behind.
  llvm::StringLiteral EnterFunctions = "";
  /// The methods by which a class built on the library ends its life as a
  /// protocol object (its *owner exit*), as groups "ReturnType: name, name"
  /// separated by ';': "seastar::future: stop, close". The return type is a
  /// class template or class, without arguments; "*" is any.
  llvm::StringLiteral OwnerExits = "";
};

/// One group of a profile's owner exits.
struct OwnerExitConvention {
  /// Qualified class name of the return type, or "*".
  std::string ReturnType;
  std::vector<std::string> Names;
};

/// Parses a profile's OwnerExits text.
std::vector<OwnerExitConvention> parseOwnerExits(llvm::StringRef Text);

/// The built-in profiles, all enabled unless named in DisabledProfiles.
llvm::ArrayRef<Profile> builtinProfiles();

/// Parses entries in the text form; on a syntax error sets \p Error and
/// returns the entries parsed so far.
std::vector<TypeSpec> parseTypeSpecs(llvm::StringRef Text, std::string &Error);

} // namespace acm

#endif // ACM_MODEL_PROFILES_H
