//===- CheckPages.cpp -----------------------------------------------------===//

#include "CheckPages.h"

namespace acm {

namespace {

struct Page {
  llvm::StringLiteral Name;
  llvm::StringLiteral Text;
};

constexpr Page Pages[] = {
#include "CheckPages.inc"
};

} // namespace

llvm::StringRef checkPage(llvm::StringRef Name) {
  for (const Page &P : Pages)
    if (P.Name == Name)
      return P.Text;
  return "";
}

} // namespace acm
