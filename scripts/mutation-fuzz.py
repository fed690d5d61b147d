#!/usr/bin/env python3
"""Checks that acm-tidy and the clang-tidy plugin never crash.

Takes the test inputs (test/checkers, test/profiles), mutates each a few
times -- a line deleted, duplicated, cut short or swapped with another, or
coroutine statements (co_yield, co_return, goto, break, throw, try, braces,
protocol ops) inserted at random lines -- and runs both front ends on every
mutant (and, with --clangd, acm-clangd over LSP, as an editor runs it).
Most mutants no longer compile; a crash is a signal, LLVM's stack dump, or
a non-zero exit other than 1 (findings) or 2 (compile error), such as a
sanitizer's 86 under scripts/sanitize.sh; for
acm-clangd, exiting or not publishing diagnostics for the file.
Crashing inputs are kept in --out. Exits with status 1 if any crashed.

  scripts/mutation-fuzz.py [--build build] [--seed N] [--mutants-per-file K]
                           [--clangd] [--no-plugin] [--out DIR] [file.cpp ...]
"""
import argparse
import glob
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Statements that give the CFG new shapes around the tests' objects.
INSERTS = [
    "co_yield 1;", "co_return;", "break;", "continue;", "throw 1;",
    "goto out; out:;", "label: ;", "goto label;", "{", "}",
    "while (true) {", "for (;;) co_yield 2;", "if (b) co_return;",
    "switch (1) { case 1: break; default: co_return; }",
    "try { co_await r.aexit(); } catch (...) {}",
    "co_await r.aenter();", "co_await r.aexit();", "r.aexit();",
    "(void)0, r.aenter();", "b ? r.aexit() : r.aexit();",
    "auto &alias = r;", "r = Resource{};", "std::move(r);",
    "[&] { r.use(); }();", "static int s = 0;",
]


def mutate(lines, rng):
    lines = list(lines)
    op = rng.choice(["delete", "duplicate", "cut", "swap", "insert",
                     "insert", "insert"])
    i = rng.randrange(len(lines))
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "cut":
        lines[i] = lines[i][:rng.randrange(len(lines[i]) + 1)]
    elif op == "swap":
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        for _ in range(rng.randrange(1, 4)):
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(INSERTS))
    return "\n".join(lines) + "\n"


def crashed(result):
    return (result.returncode < 0 or result.returncode > 2 or
            "Stack dump" in result.stderr or "PLEASE submit" in result.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--clang-tidy", default="clang-tidy-22")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mutants-per-file", type=int, default=8)
    parser.add_argument("--out", default="mutation-fuzz-crashes")
    parser.add_argument("--clangd", action="store_true",
                        help="also open each mutant in acm-clangd over LSP")
    parser.add_argument("--no-plugin", action="store_true",
                        help="do not run the plugin (e.g. when only acm-tidy "
                             "and acm-clangd are built with sanitizers)")
    parser.add_argument("inputs", nargs="*",
                        help="files to mutate (default: the check tests)")
    args = parser.parse_args()

    acm_tidy = os.path.join(args.build, "bin", "acm-tidy")
    plugins = glob.glob(os.path.join(args.build, "lib", "*acm*.so"))
    if not os.path.exists(acm_tidy) or not (plugins or args.no_plugin):
        sys.exit("error: build acm-tidy and the plugin first (%s)" % args.build)
    includes = ["-I" + os.path.join(ROOT, d) for d in
                ("test/checkers/Inputs", "test/profiles/Inputs", "include")]
    compiler_args = ["--", "-std=c++20"] + includes
    # Each front end: its name, its command line before the file and after
    # it, and whether a result means it crashed.
    tools = [
        (os.path.basename(acm_tidy), [acm_tidy, "--quiet", "--checks=acm-*"],
         compiler_args, crashed),
    ]
    if not args.no_plugin:
        tools.append(
            (os.path.basename(args.clang_tidy),
             [args.clang_tidy, "--load=" + plugins[0], "--quiet",
              "--checks=-*,acm-*"], compiler_args, crashed))
    inputs = args.inputs or sorted(
        glob.glob(os.path.join(ROOT, "test/checkers/*.cpp")) +
        glob.glob(os.path.join(ROOT, "test/profiles/*.cpp")))
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    mutant = os.path.join(args.out, "mutant.cpp")
    if args.clangd:
        # acm-clangd finds the flags and the checks beside the file.
        with open(os.path.join(args.out, "compile_flags.txt"), "w") as f:
            f.write("\n".join(["-std=c++20"] + includes) + "\n")
        with open(os.path.join(args.out, ".clangd"), "w") as f:
            f.write("Diagnostics:\n  ClangTidy:\n    Add: [acm-*]\n"
                    "    FastCheckFilter: Loose\n")
        tools.append(("acm-clangd",
                      [sys.executable,
                       os.path.join(ROOT, "test", "lsp", "lsp_diagnostics.py"),
                       "--clangd", os.path.join(args.build, "bin",
                                                "acm-clangd")], [],
                      lambda result: result.returncode != 0))
    runs = crashes = 0
    for path in inputs:
        with open(path) as f:
            lines = f.read().split("\n")
        for _ in range(args.mutants_per_file):
            with open(mutant, "w") as f:
                f.write(mutate(lines, rng))
            for name, before, after, failed in tools:
                result = subprocess.run(before + [mutant] + after,
                                        capture_output=True, text=True,
                                        timeout=300)
                runs += 1
                if failed(result):
                    crashes += 1
                    kept = os.path.join(args.out, "crash-%d.cpp" % crashes)
                    os.replace(mutant, kept)
                    print("crash: %s on %s (from %s), status %d" %
                          (name, kept,
                           os.path.basename(path), result.returncode),
                          flush=True)
                    break
    if os.path.exists(mutant):
        os.remove(mutant)
    print("%d runs on %d mutants of %d files: %d crashes" %
          (runs, len(inputs) * args.mutants_per_file, len(inputs), crashes))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
