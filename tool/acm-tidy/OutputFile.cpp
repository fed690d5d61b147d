//===- OutputFile.cpp -----------------------------------------------------===//

#include "OutputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include <unistd.h>

namespace acm {

namespace {

llvm::Error cannotWrite(llvm::StringRef Path, std::error_code EC) {
  return llvm::createStringError(EC, "cannot write '%s': %s",
                                 Path.str().c_str(), EC.message().c_str());
}

llvm::Error cannotWrite(llvm::StringRef Path, llvm::Error Reason) {
  std::error_code EC = llvm::errorToErrorCode(std::move(Reason));
  return cannotWrite(Path, EC);
}

/// Writes the device or pipe \p Path in place.
llvm::Error writeInPlace(llvm::StringRef Path,
                         llvm::function_ref<llvm::Error(int FD)> Write) {
  int FD;
  if (std::error_code EC = llvm::sys::fs::openFileForWrite(Path, FD))
    return cannotWrite(Path, EC);
  llvm::Error Written = Write(FD);
  bool Closed = ::close(FD) == 0;
  if (Written)
    return cannotWrite(Path, std::move(Written));
  if (!Closed)
    return cannotWrite(Path, std::error_code(errno, std::generic_category()));
  return llvm::Error::success();
}

} // namespace

llvm::Error writeFileAtomically(llvm::StringRef Path,
                                llvm::function_ref<llvm::Error(int FD)> Write) {
  // Through a symbolic link to the file it names.
  llvm::SmallString<256> Target(Path);
  llvm::sys::fs::file_status Status;
  bool Exists = !llvm::sys::fs::status(Path, Status);
  if (Exists && llvm::sys::fs::real_path(Path, Target))
    Target = Path;
  if (Exists && Status.type() != llvm::sys::fs::file_type::regular_file)
    return writeInPlace(Path, Write);

  llvm::SmallString<256> Model = llvm::sys::path::parent_path(Target);
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Target) +
                                     "-%%%%%%.tmp");
  int FD;
  llvm::SmallString<256> Temporary;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueFile(Model, FD, Temporary))
    return cannotWrite(Path, EC);
  llvm::sys::RemoveFileOnSignal(Temporary);
  auto Discard = [&](llvm::Error Reason) {
    ::close(FD);
    llvm::sys::fs::remove(Temporary);
    llvm::sys::DontRemoveFileOnSignal(Temporary);
    return cannotWrite(Path, std::move(Reason));
  };
  // The owner as far as the user may give it (root: always), and first:
  // changing it clears set-user-ID bits.
  if (Exists) {
    [[maybe_unused]] int Ignored =
        ::fchown(FD, Status.getUser(), Status.getGroup());
  }
  if (Exists)
    if (std::error_code EC =
            llvm::sys::fs::setPermissions(FD, Status.permissions()))
      return Discard(llvm::errorCodeToError(EC));
  if (llvm::Error Written = Write(FD))
    return Discard(std::move(Written));
  if (::close(FD) != 0) {
    FD = -1;
    return Discard(llvm::errorCodeToError(
        std::error_code(errno, std::generic_category())));
  }
  std::error_code Renamed = llvm::sys::fs::rename(Temporary, Target);
  if (Renamed)
    llvm::sys::fs::remove(Temporary);
  llvm::sys::DontRemoveFileOnSignal(Temporary);
  if (Renamed)
    return cannotWrite(Path, Renamed);
  return llvm::Error::success();
}

std::error_code takeWriteError(llvm::raw_fd_ostream &OS) {
  OS.flush();
  std::error_code EC = OS.error();
  OS.clear_error();
  return EC;
}

llvm::Error writeOutput(llvm::StringRef Path,
                        llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  if (Path.empty() || Path == "-") {
    Write(llvm::outs());
    if (std::error_code EC = takeWriteError(llvm::outs()))
      return llvm::createStringError(EC, "cannot write to stdout: %s",
                                     EC.message().c_str());
    return llvm::Error::success();
  }
  return writeFileAtomically(Path, [&](int FD) -> llvm::Error {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/false);
    Write(OS);
    return llvm::errorCodeToError(takeWriteError(OS));
  });
}

} // namespace acm
