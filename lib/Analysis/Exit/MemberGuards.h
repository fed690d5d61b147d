//===- MemberGuards.h - What an owner exit tests of its members -----------===//
//
// Two readings of the tests an owner exit makes of its class's members:
//  - a branch on whether a member held through std::optional or
//    std::unique_ptr (or a default-empty object such as seastar::file)
//    holds something: on the side where it holds nothing, nothing is owed
//    ("if (_parser) co_await _parser->close();");
//  - an early return under a test of the class's state made before any
//    member is exited ("if (_stopped) co_return;", "if (_gate.is_closed())
//    co_return;"): the method has run before, or has nothing to stop, so
//    the members it leaves are not reported there;
//  - a branch on a flag the method itself sets ("if (!joined_) { joined_ =
//    true; co_await scope_.joinAsync(); }"): on the side where the flag
//    already has that value, the method ran before and owes nothing.
//
// Exit room.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_EXIT_MEMBERGUARDS_H
#define ACM_ANALYSIS_EXIT_MEMBERGUARDS_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace clang {
class CFGBlock;
class Stmt;
class ValueDecl;
} // namespace clang

namespace acm {

class MemberContext;
class ObjectTable;
class ProtocolModel;

/// A two-way branch that tests whether member Obj holds an object: the
/// first successor is taken when it does if HoldsOnFirst.
struct HoldsTest {
  unsigned Obj;
  bool HoldsOnFirst;
};

class MemberGuards {
public:
  MemberGuards(const clang::Stmt *Body, const ObjectTable &Objects,
               const ProtocolModel &Model, const MemberContext &Members);

  /// The test of whether a member holds an object that decides the branch
  /// at the end of \p Block, if it is one.
  std::optional<HoldsTest> testAt(const clang::CFGBlock &Block) const;

  /// True if the branch at the end of \p Block tests a flag member the
  /// method sets, and successor \p SuccIndex is taken when the flag
  /// already has the value the method gives it.
  bool isAlreadyDoneEdge(const clang::CFGBlock &Block,
                         unsigned SuccIndex) const;

  /// True if \p Return is an early return under a test of the class's
  /// state, made before any member is exited.
  bool isGuardedReturn(const clang::Stmt *Return) const {
    return GuardedReturns.count(Return);
  }

private:
  const ObjectTable &Objects;
  const ProtocolModel &Model;
  llvm::DenseSet<const clang::Stmt *> GuardedReturns;
  /// The flag members the method sets, with the value it gives them.
  llvm::DenseMap<const clang::ValueDecl *, bool> SetFlags;
};

} // namespace acm

#endif // ACM_ANALYSIS_EXIT_MEMBERGUARDS_H
