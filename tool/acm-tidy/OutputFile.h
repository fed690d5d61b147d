//===- OutputFile.h - Writing a file whole or not at all ------------------===//
//
// acm-tidy's outputs (--output, --write-baseline, --export-fixes) replace
// files that CI keeps. Written in place, a full disk or a SIGTERM would
// leave a truncated file where a valid one was; written to a temporary file
// beside it and renamed over it, the old file stays until the new one is
// complete.
//
//===----------------------------------------------------------------------===//

#ifndef ACM_TOOL_OUTPUTFILE_H
#define ACM_TOOL_OUTPUTFILE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace acm {

/// Writes the file \p Path with \p Write, which writes to the file
/// descriptor it is given and returns the first error it met. A regular
/// file (or a new one) is written to a temporary file in the same
/// directory, which then takes its name and its permissions, and its owner
/// and group as far as the user may give them; a symbolic link keeps
/// pointing where it did, at the new file. A device or a pipe (/dev/stdout,
/// /dev/null) is written in place. The error says
/// "cannot write '<Path>': <reason>"; the file is then as it was.
llvm::Error writeFileAtomically(llvm::StringRef Path,
                                llvm::function_ref<llvm::Error(int FD)> Write);

/// writeFileAtomically() with a stream. \p Path "" or "-" is stdout.
llvm::Error writeOutput(llvm::StringRef Path,
                        llvm::function_ref<void(llvm::raw_ostream &)> Write);

/// What went wrong writing \p OS, if anything, after flushing it; clears
/// the error, which would otherwise abort the process when \p OS is
/// destroyed.
std::error_code takeWriteError(llvm::raw_fd_ostream &OS);

} // namespace acm

#endif // ACM_TOOL_OUTPUTFILE_H
