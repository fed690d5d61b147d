//===- ProtocolModel.h - What takes part in the enter/exit protocol -------===//
//
// Decides which class types are managers, closeables or exit stacks, and which
// member functions are their protocol operations. The answer comes from
// structural names, [[clang::annotate("acm::...")]] annotations and
// user-supplied qualified names; all three combine.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_MODEL_PROTOCOLMODEL_H
#define ACM_MODEL_PROTOCOLMODEL_H

#include "Model/ModelOptions.h"
#include "Model/Profiles.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FieldDecl;
class CXXMemberCallExpr;
class CXXMethodDecl;
class CXXRecordDecl;
class Decl;
class FunctionDecl;
} // namespace clang

namespace acm {

/// How an object of a class type takes part in the protocol.
enum class ObjectKind {
  None,
  /// Must be entered (enter awaited) before its exit becomes due.
  Manager,
  /// Entered from the moment it exists; only has an exit (close) op.
  Closeable,
  /// Collects exits of other objects and runs them on aclose().
  ExitStack,
};

/// What a member function does to the object it is called on.
enum class OpKind {
  None,
  Enter,
  Exit,
  /// ExitStack::enter_async_context: enters the argument, the stack takes
  /// over its exit.
  StackEnterContext,
  /// ExitStack::push_async_exit / push_async_callback.
  StackPush,
  /// ExitStack::pop_all: moves all pushed exits to a new stack.
  StackPopAll,
  /// A profile's enter: the call itself enters, awaited or not
  /// (AsyncScope::add, gate::enter).
  EnterNow,
  /// A member call that is harmless after the exit (AsyncScope::remaining,
  /// gate::is_closed): not a use after exit.
  Query,
  /// A profile's leave: undoes an enter (gate::leave).
  Leave,
};

llvm::StringRef objectKindName(ObjectKind Kind);

/// What an object's exit is called, as its exit op names it: a scope is
/// joined, a generator cleaned up, a stream closed. Findings word the exit
/// so ("join of 'scope' is not awaited").
enum class ExitName { Exit, Close, Join, Cleanup };

/// How a class holds a member of protocol type it owns.
enum class MemberHolder {
  Direct,
  /// std::optional<T>: empty, or holding an object.
  Optional,
  /// std::unique_ptr<T>: null, or owning an object.
  UniquePtr,
};

/// A member a class owns: held by value, or through std::optional or
/// std::unique_ptr, of protocol type. Reference and pointer members are
/// borrowed, and not owned.
struct OwnedMember {
  const clang::FieldDecl *Field;
  ObjectKind Kind;
  MemberHolder Holder;
  /// The type of the object held (T of std::optional<T>).
  clang::QualType ObjectType;
};

/// What a call does to one of its arguments.
enum class ArgumentEnter {
  None,
  /// It enters the argument.
  Enters,
  /// It enters the argument unless it was exited, and fails by design then.
  Tries,
};

class ProtocolModel {
public:
  /// How many levels of base classes are searched for a class's ops; a
  /// deeper hierarchy is cut there, and counted (baseDepthLimitReached).
  static constexpr unsigned MaxBaseClassDepth = 16;

  explicit ProtocolModel(ModelOptions Options);

  const ModelOptions &options() const { return Options; }

  /// A problem with the Types option, or "" when there is none.
  const std::string &configurationError() const { return ConfigError; }

  /// The protocol role of objects of type \p T (references and cv-qualifiers
  /// are looked through by the caller's choice: pass the object's type).
  ObjectKind classifyType(clang::QualType T) const;
  ObjectKind classifyRecord(const clang::CXXRecordDecl *Record) const;

  /// The protocol operation \p Method performs on its object, or None.
  OpKind classifyMethod(const clang::CXXMethodDecl *Method) const;

  /// The protocol operation \p Call performs on its object: that of its
  /// method, or for a member inherited from a base (brought in by a
  /// using-declaration, as stdexec's counting scopes do with close()) what
  /// the object's own class says of that name.
  OpKind classifyCall(const clang::CXXMemberCallExpr *Call) const;

  /// True if awaiting a value of type \p T is plausible: it has
  /// await_ready/await_suspend/await_resume, an operator co_await, or is a
  /// coroutine type (has a promise_type).
  bool isAwaitableType(clang::QualType T) const;

  /// True if parameter \p ParamIndex of \p Callee takes over the exit of
  /// its argument (annotated acm::takes_exit or listed in ExitHelpers).
  bool takesExit(const clang::FunctionDecl *Callee, unsigned ParamIndex) const;

  /// True if objects of type \p T may be entered only once (the type is
  /// annotated acm::generator_manager, or a profile says "once").
  bool isSingleUseType(clang::QualType T) const;

  /// True if a default-constructed object of type \p T is empty: not
  /// entered until a value is assigned to it (a profile's default-empty).
  bool isDefaultEmptyType(clang::QualType T) const;

  /// True if \p Method is an enter op whose result, awaited directly, runs
  /// the entered work to completion (a profile's done-when-awaited).
  bool isDoneWhenAwaited(const clang::CXXMethodDecl *Method) const;

  /// True if \p Method is an enter op returning a guard that leaves the
  /// object when it dies (a profile's guards).
  bool isGuardEnter(const clang::CXXMethodDecl *Method) const;

  /// True if awaiting the exit of an object of type \p T again is harmless
  /// (a profile's idempotent-exit).
  bool hasIdempotentExit(clang::QualType T) const;

  /// What the exit of objects of type \p T is called: by the name of its
  /// first exit op (the profile's or the class's own), Exit when that name
  /// says nothing more.
  ExitName exitName(clang::QualType T) const;

  /// True if copies of an object of type \p T share one handle, so that a
  /// copy is not its maker's to exit (a profile's shared).
  bool isSharedHandleType(clang::QualType T) const;

  /// What calling \p Callee does to its argument \p ParamIndex: enters it
  /// (a profile's enter function, like seastar::with_gate(gate, ...)), or
  /// enters it unless it was exited, failing by design then
  /// (seastar::try_with_gate). Awaiting such a call's result directly
  /// waits for what it entered.
  ArgumentEnter entersArgument(const clang::FunctionDecl *Callee,
                               unsigned ParamIndex) const;
  /// The same for any call, also one written in a template whose callee is
  /// not resolved yet: a call of a function object named by a variable
  /// (unifex::spawn_detached(sender, scope)) is known by the variable's
  /// class; \p ArgIndex counts the call's written arguments.
  ArgumentEnter callEntersArgument(const clang::CallExpr *Call,
                                   unsigned ArgIndex) const;

  /// True if \p Coroutine is a generator-based manager by annotation of its
  /// return type, by the options, or because its return type is a manager.
  bool isGeneratorManager(const clang::FunctionDecl *Coroutine) const;

  /// The members \p Record owns, in declaration order.
  std::vector<OwnedMember>
  ownedMembers(const clang::CXXRecordDecl *Record) const;

  /// True if \p Method ends its class's life as a protocol object (its
  /// *owner exit*): an exit op of the class itself, a method the
  /// OwnerExits option names, or a method following the convention of the
  /// profile of one of \p Members' types (Seastar's future<> stop()).
  bool isOwnerExit(const clang::CXXMethodDecl *Method,
                   llvm::ArrayRef<OwnedMember> Members) const;

  /// True if \p MacroName is one of the FatalFailureMacros: a test
  /// framework's assertion whose failure ends the test.
  bool isFatalFailureMacro(llvm::StringRef MacroName) const;

  /// True if an object of type \p T held as a member need not be exited by
  /// its owner (a profile's member-close-optional).
  bool isMemberCloseOptional(clang::QualType T) const;

  /// How often a class hierarchy deeper than MaxBaseClassDepth was cut.
  unsigned baseDepthLimitReached() const { return DepthLimitReached; }

private:
  /// The operation a method performs judged only by its own name,
  /// annotations and the options, ignoring its class.
  OpKind ownOpKind(const clang::CXXMethodDecl *Method) const;
  ObjectKind computeRecordKind(const clang::CXXRecordDecl *Record) const;
  bool computeAwaitable(const clang::CXXRecordDecl *Record) const;

  /// The profile or user entry describing \p Record, if any.
  const TypeSpec *specFor(const clang::CXXRecordDecl *Record) const;
  const TypeSpec *specForType(clang::QualType T) const;
  /// True if \p Method is a profile's enter op named in its entry's \p List.
  bool isEnterListedIn(const clang::CXXMethodDecl *Method,
                       std::vector<std::string> TypeSpec::*List) const;

  ModelOptions Options;
  std::string ConfigError;
  /// Entries of the user's Types and of the enabled profiles, in that order
  /// so the user's win.
  std::vector<TypeSpec> Specs;
  /// The indices in Specs of the entries that name no type, asked of every
  /// method.
  std::vector<unsigned> WildcardSpecs;
  /// The indices in Specs of the entries for each last name of a type (the
  /// only classes of that name they can match), in order.
  llvm::StringMap<llvm::SmallVector<unsigned, 1>> SpecsByLastName;
  std::vector<std::string> ExitHelpers;
  struct EnterFunction {
    std::string Name;
    unsigned Argument = 0;
    bool Tries = false;
  };
  std::vector<EnterFunction> EnterFunctions;
  ArgumentEnter entersArgumentOf(llvm::StringRef QualifiedName,
                                 unsigned ParamIndex) const;
  /// Each enabled profile's owner-exit conventions, by profile index.
  llvm::DenseMap<int, std::vector<OwnerExitConvention>> OwnerExitConventions;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, const TypeSpec *>
      RecordSpecs;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, ObjectKind> RecordKinds;
  mutable llvm::DenseMap<const clang::CXXMethodDecl *, OpKind> MethodKinds;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, bool> Awaitable;
  mutable unsigned DepthLimitReached = 0;
};

} // namespace acm

#endif // ACM_MODEL_PROTOCOLMODEL_H
