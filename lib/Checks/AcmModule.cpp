//===- AcmModule.cpp - The clang-tidy module "acm"
//-------------------------===//

#include "Checks/AcmCheck.h"
#include "Checks/CheckCatalog.h"
#include "clang-tidy/ClangTidyModule.h"

namespace acm {

class AcmModule : public clang::tidy::ClangTidyModule {
public:
  void
  addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    // One check per catalog entry; each emits the findings of its kinds.
    for (const CheckInfo &Info : checkCatalog())
      Factories.registerCheckFactory(
          Info.Name,
          [&Info](llvm::StringRef, clang::tidy::ClangTidyContext *Context) {
            return std::make_unique<AcmCheck>(Info, Context);
          });
  }
};

} // namespace acm

// Registers the module with whichever clang-tidy hosts this code: our own
// tools, clangd, or clang-tidy loading the plugin.
static clang::tidy::ClangTidyModuleRegistry::Add<acm::AcmModule>
    AcmModuleRegistration("acm-module",
                          "Checks of the asynchronous enter/exit protocol.");

// Referenced by the front ends so a linker never drops this object.
volatile int AcmModuleAnchorSource = 0;
