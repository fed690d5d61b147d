//===- Nesting.h - How deep the JSON and YAML inputs nest -----------------===//
//
// LLVM's JSON and YAML parsers recurse once per level of nesting, so a file
// nested some thousands of levels deep overflows the stack. The tools
// measure the nesting of what they read in one flat pass before parsing it.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_NESTING_H
#define ACM_TOOL_NESTING_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace acm {

/// How deep the JSON and YAML that the tools read may nest. LLVM's parsers
/// recurse once per level, so a file nested some thousands deep would
/// overflow the stack; no real configuration, baseline or SARIF log comes
/// near this.
constexpr unsigned MaxNestingDepth = 256;

/// Whether the arrays and objects of the JSON text \p Text nest more than
/// \p Limit deep. One pass, strings skipped; \p Text need not be valid.
bool jsonNestsDeeperThan(llvm::StringRef Text, unsigned Limit);

/// Whether the YAML text \p Text may nest more than \p Limit deep: flow
/// collections, plus the block collections a line can be in, bounded by
/// its indentation and the entries it opens ("- - x", "a: - b"). Brackets
/// and indicators count in strings and comments too: it overestimates, so
/// that no text hides a level.
bool yamlNestsDeeperThan(llvm::StringRef Text, unsigned Limit);

/// "it nests more than 256 levels deep" when the YAML text \p Text may, or
/// "".
std::string yamlNestingProblem(llvm::StringRef Text);

} // namespace acm

#endif // ACM_TOOL_NESTING_H
