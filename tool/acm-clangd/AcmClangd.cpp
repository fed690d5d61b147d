//===- AcmClangd.cpp - clangd with the acm checks built in ----------------===//
//
// clangd's own main, linked with the acm module. Users enable the checks in
// .clangd (Diagnostics: ClangTidy: Add: [acm-*], FastCheckFilter: Loose).
//
//===----------------------------------------------------------------------===//

#include "../common/ResourceDir.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

extern volatile int AcmModuleAnchorSource;

int main(int argc, char *argv[]) {
  // Keep the module's registration linked in.
  (void)AcmModuleAnchorSource;

  std::vector<char *> Args(argv, argv + argc);
  bool HasResourceDir = false;
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef Arg(argv[I]);
    if (Arg.starts_with("--resource-dir") || Arg.starts_with("-resource-dir"))
      HasResourceDir = true;
  }
  std::string ResourceFlag;
  if (!HasResourceDir) {
    std::string Dir =
        acm::preferredResourceDir(argv[0], reinterpret_cast<void *>(&main));
    if (!Dir.empty()) {
      ResourceFlag = "--resource-dir=" + Dir;
      Args.insert(Args.begin() + 1, ResourceFlag.data());
    }
  }
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size() - 1),
                                   Args.data());
}
