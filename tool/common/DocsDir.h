//===- DocsDir.h - Where the documentation is -----------------------------===//
//
// SARIF's rules link to the check pages. An installed acm-tidy links to the
// pages installed with it, which stay when the source tree is gone; a
// binary in the build tree links to the source tree's docs/.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_DOCSDIR_H
#define ACM_TOOL_DOCSDIR_H

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <string>

namespace acm {

/// The base address of the documentation: the one the build was configured
/// with (ACM_DOCS_URL), else <prefix>/share/doc/acm-tidy when the executable
/// is <prefix>/bin/<tool> and the pages are there, else the source tree's.
inline std::string docsUri(const char *Argv0, void *MainAddr) {
  if (*ACM_DOCS_URI)
    return ACM_DOCS_URI;
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, MainAddr);
  llvm::SmallString<256> Installed(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(Exe)));
  llvm::sys::path::append(Installed, "share", "doc", "acm-tidy");
  llvm::SmallString<256> Index(Installed);
  llvm::sys::path::append(Index, "index.md");
  if (llvm::sys::fs::exists(Index))
    return "file://" + std::string(Installed);
  return "file://" ACM_SOURCE_DOCS_DIR;
}

} // namespace acm

#endif // ACM_TOOL_DOCSDIR_H
