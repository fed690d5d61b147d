//===- ResourceDir.h - Where clang's builtin headers are -------------------===//
//
// Clang derives its resource directory (stddef.h, the intrinsics headers)
// from the running executable's path, which is wrong for tools that live in
// a build tree or a separate install prefix. The tools pass the directory of
// the LLVM they were built against instead, unless a user passed one.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_RESOURCEDIR_H
#define ACM_TOOL_RESOURCEDIR_H

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <string>

namespace acm {

/// The resource directory to pass to clang, or "" to let clang decide
/// (when the executable sits in a full LLVM installation).
inline std::string preferredResourceDir(const char *Argv0, void *MainAddr) {
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, MainAddr);
  llvm::SmallString<256> Beside(llvm::sys::path::parent_path(
      llvm::sys::path::parent_path(Exe)));
  llvm::sys::path::append(Beside, "lib", "clang", ACM_CLANG_MAJOR);
  llvm::sys::path::append(Beside, "include", "stddef.h");
  if (llvm::sys::fs::exists(Beside))
    return "";
  llvm::SmallString<256> Builtin(ACM_CLANG_RESOURCE_DIR);
  llvm::sys::path::append(Builtin, "include", "stddef.h");
  if (llvm::sys::fs::exists(Builtin))
    return ACM_CLANG_RESOURCE_DIR;
  return "";
}

} // namespace acm

#endif // ACM_TOOL_RESOURCEDIR_H
