# -*- Python -*-
import os

import lit.formats

config.name = "acm-tidy"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "unit", "lsp_diagnostics.py", "check_acm.py", "expect_exit.py", "same_findings.py", "owner_mutations.py", "layering.py",
                   "normalize_findings.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.acm_binary_dir, "test")

# check_acm.py runs a check test through acm-tidy and the plugin with the
# same expectations.
check_acm = " ".join([
    config.python,
    os.path.join(config.test_source_root, "check_acm.py"),
    "--acm-tidy=" + config.acm_tidy,
    "--clang-tidy=" + config.clang_tidy,
    "--plugin=" + config.acm_plugin,
    "--filecheck=" + config.filecheck,
])
lsp = " ".join([
    config.python,
    os.path.join(config.test_source_root, "lsp", "lsp_diagnostics.py"),
    "--clangd=" + config.acm_clangd,
])
config.substitutions.append(("%check_acm", check_acm))
config.substitutions.append(("%expect_exit", " ".join([
    config.python, os.path.join(config.test_source_root, "expect_exit.py")])))
config.substitutions.append(("%lsp_diagnostics", lsp))
config.substitutions.append(("%same_findings", " ".join([
    config.python,
    os.path.join(config.test_source_root, "lsp", "same_findings.py"),
    "--acm-tidy=" + config.acm_tidy,
    "--clang-tidy=" + config.clang_tidy,
    "--plugin=" + config.acm_plugin,
    "--clangd=" + config.acm_clangd,
])))
config.substitutions.append(("%acm-tidy", config.acm_tidy))
config.substitutions.append(("%acm-clangd", config.acm_clangd))
config.substitutions.append(("%clang-tidy", config.clang_tidy))
config.substitutions.append(("%acm_plugin", config.acm_plugin))
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%cmake", config.cmake))
config.substitutions.append(("%cpack", config.cpack))
config.substitutions.append(("%clangxx",
                             os.path.join(config.llvm_tools_dir, "clang++")))
config.substitutions.append(("%llvm-readelf",
                             os.path.join(config.llvm_tools_dir, "llvm-readelf")))
config.substitutions.append(("%acm_build_dir", config.acm_binary_dir))
config.substitutions.append(("%acm_source_dir", config.acm_source_dir))
config.substitutions.append(("%inputs",
                             os.path.join(config.test_source_root, "checkers",
                                          "Inputs")))
config.substitutions.append(("%acm_include",
                             os.path.join(config.acm_source_dir, "include")))
config.substitutions.append(("%FileCheck", config.filecheck))
config.substitutions.append(("%not", os.path.join(config.llvm_tools_dir, "not")))
config.substitutions.append(("%clang-apply-replacements", os.path.join(
    config.llvm_tools_dir, "clang-apply-replacements")))

# The SARIF validator: scripts/install-deps.sh puts it in .deps/ of the
# source tree; ACM_SARIF_MULTITOOL names another. validate_sarif.py fails
# when there is none.
sarif_multitool = os.environ.get("ACM_SARIF_MULTITOOL") or os.path.join(
    config.acm_source_dir, ".deps", "npm", "node_modules", "@microsoft",
    "sarif-multitool-linux", "Sarif.Multitool")
config.substitutions.append(("%validate_sarif", " ".join([
    config.python,
    os.path.join(config.test_source_root, "tool", "validate_sarif.py"),
    "--multitool=" + sarif_multitool])))
config.substitutions.append(("%in_terminal", " ".join([
    config.python,
    os.path.join(config.test_source_root, "tool", "in_terminal.py")])))

# clang-tidy's own scripts, which drive acm-tidy with -clang-tidy-binary.
config.substitutions.append(("%tidy_diff_script", os.path.join(
    config.llvm_tools_dir, "..", "share", "clang", "clang-tidy-diff.py")))
config.substitutions.append(("%run_clang_tidy", " ".join([
    config.python, os.path.join(config.llvm_tools_dir, "run-clang-tidy")])))
