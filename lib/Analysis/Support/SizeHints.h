//===- SizeHints.h - How large a body's tables will grow ------------------===//
//
// The passes over a body fill hash maps keyed by its nodes. Grown from
// empty, a map rehashes every entry each time it doubles, which costs about
// as much as the inserts themselves; sized once from the body's length, it
// does not. The hint only sizes tables: no result depends on it.
//
// Support room: protocol-agnostic; clang's AST only.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_ANALYSIS_SUPPORT_SIZEHINTS_H
#define ACM_ANALYSIS_SUPPORT_SIZEHINTS_H

#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include <algorithm>

namespace acm {

/// About how many entries a map holding one entry per expression of some
/// kind (a call, a reference to an object) needs for \p Body: one for every
/// 64 characters of its text, at least 16. Ordinary code has one such
/// expression in every 50 to 100 characters or fewer.
inline unsigned expectedEntries(const clang::Stmt *Body,
                                const clang::SourceManager &SM) {
  constexpr unsigned MinEntries = 16, CharactersPerEntry = 64;
  std::pair<clang::FileID, unsigned> Begin =
      SM.getDecomposedExpansionLoc(Body->getBeginLoc());
  std::pair<clang::FileID, unsigned> End =
      SM.getDecomposedExpansionLoc(Body->getEndLoc());
  if (Begin.first != End.first || End.second <= Begin.second)
    return MinEntries;
  return std::max(MinEntries, (End.second - Begin.second) / CharactersPerEntry);
}

} // namespace acm

#endif // ACM_ANALYSIS_SUPPORT_SIZEHINTS_H
