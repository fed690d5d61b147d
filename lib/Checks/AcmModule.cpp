//===- AcmModule.cpp - The clang-tidy module "acm" -------------------------===//

#include "Checks/GeneratorChecks.h"
#include "Checks/MissingExitAwaitCheck.h"
#include "Checks/UnawaitedEnterCheck.h"
#include "Checks/UseAfterExitCheck.h"
#include "clang-tidy/ClangTidyModule.h"

namespace acm {

class AcmModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(
      clang::tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<MissingExitAwaitCheck>("acm-missing-exit-await");
    Factories.registerCheck<UseAfterExitCheck>("acm-use-after-exit");
    Factories.registerCheck<GeneratorMultipleYieldCheck>(
        "acm-generator-multiple-yield");
    Factories.registerCheck<GeneratorMissingYieldCheck>(
        "acm-generator-missing-yield");
    Factories.registerCheck<GeneratorUnprotectedYieldCheck>(
        "acm-generator-unprotected-yield");
    Factories.registerCheck<UnawaitedEnterCheck>("acm-unawaited-enter");
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
