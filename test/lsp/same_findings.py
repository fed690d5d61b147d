#!/usr/bin/env python3
"""Checks that acm-tidy, the clang-tidy plugin and acm-clangd give the same
acm findings (notes included) on each given file, and prints them.

Usage: same_findings.py --acm-tidy=P --clang-tidy=P --plugin=P --clangd=P
                        --workdir=DIR [--flag=COMPILER_FLAG]... FILE...

Each FILE is copied into DIR beside a compile_flags.txt and a .clangd that
enables acm-*, as a user's project would be. The normalized findings of each
file are printed under a "== FILE" header; the exit status is 1 if the front
ends disagree on any file.
"""
import argparse
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.join(HERE, "..", "checkers", "Inputs")
CLANGD_CONFIG = ("Diagnostics:\n  ClangTidy:\n    Add: [acm-*]\n"
                 "    FastCheckFilter: Loose\n")


def output_of(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True).stdout


def normalize(text):
    return subprocess.run(
        [sys.executable, os.path.join(HERE, "normalize_findings.py")],
        input=text, stdout=subprocess.PIPE, text=True, check=True).stdout


def main():
    parser = argparse.ArgumentParser()
    for name in ("acm-tidy", "clang-tidy", "plugin", "clangd", "workdir"):
        parser.add_argument("--" + name, required=True)
    parser.add_argument("--flag", action="append", default=[])
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    os.makedirs(args.workdir, exist_ok=True)
    shutil.copy(os.path.join(INPUTS, "acm-task.h"), args.workdir)
    flags = ["-std=c++20"] + args.flag
    with open(os.path.join(args.workdir, "compile_flags.txt"), "w") as f:
        f.write("\n".join(flags) + "\n")
    with open(os.path.join(args.workdir, ".clangd"), "w") as f:
        f.write(CLANGD_CONFIG)

    agree = True
    for source in args.files:
        name = os.path.basename(source)
        path = os.path.join(args.workdir, name)
        shutil.copy(source, path)
        results = {
            "acm-tidy": output_of([args.acm_tidy, "--quiet", path, "--"]
                                  + flags),
            "plugin": output_of([args.clang_tidy, "--load=" + args.plugin,
                                 "--checks=-*,acm-*", "--quiet", path, "--"]
                                + flags),
            "acm-clangd": output_of([sys.executable,
                                     os.path.join(HERE, "lsp_diagnostics.py"),
                                     "--clangd=" + args.clangd, path]),
        }
        normalized = {tool: normalize(text) for tool, text in results.items()}
        print("== " + name)
        sys.stdout.write(normalized["acm-tidy"])
        for tool in ("plugin", "acm-clangd"):
            if normalized[tool] != normalized["acm-tidy"]:
                agree = False
                sys.stderr.write("%s: %s differs from acm-tidy:\n%s\n--- "
                                 "acm-tidy:\n%s\n" % (name, tool,
                                                      normalized[tool],
                                                      normalized["acm-tidy"]))
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
