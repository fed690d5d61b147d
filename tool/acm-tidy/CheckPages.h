//===- CheckPages.h - The check pages of docs/checks, compiled in ---------===//

#ifndef ACM_TOOL_CHECKPAGES_H
#define ACM_TOOL_CHECKPAGES_H

#include "llvm/ADT/StringRef.h"

namespace acm {

/// The Markdown text of docs/checks/<\p Page> ("missing-exit-await.md") as
/// it was when acm-tidy was built, or "" when there is no such page.
llvm::StringRef checkPage(llvm::StringRef Page);

} // namespace acm

#endif // ACM_TOOL_CHECKPAGES_H
