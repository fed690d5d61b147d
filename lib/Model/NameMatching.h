//===- NameMatching.h - Naming declarations in configuration --------------===//
//
// How qualified names in options and profiles match declarations, and how
// annotations are read.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_MODEL_NAMEMATCHING_H
#define ACM_MODEL_NAMEMATCHING_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class Decl;
} // namespace clang

namespace acm {

/// True if \p QualifiedName (as printed by getQualifiedNameAsString) is named
/// by one of \p Patterns.
bool matchesQualifiedName(llvm::StringRef QualifiedName,
                          const std::vector<std::string> &Patterns);

/// True if \p D carries [[clang::annotate(Annotation)]].
bool hasAnnotation(const clang::Decl *D, llvm::StringRef Annotation);

} // namespace acm

#endif // ACM_MODEL_NAMEMATCHING_H
