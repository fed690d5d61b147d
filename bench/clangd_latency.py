#!/usr/bin/env python3
"""What the acm checks add to acm-clangd's diagnostics after an edit.

    bench/clangd_latency.py [--build DIR] [--blocks N,N,...] [--runs R]

After an edit, clangd keeps the preamble (the #includes) and rebuilds the
main file's AST, running the clang-tidy checks while it does; the
diagnostics are published when that build ends. This script writes one
large coroutine per size (bench/gen_coroutines.py), and times that AST
build with `acm-clangd --check=<file> --check-locations=false`, R times
each (default 7), alternating two configurations (.clangd files):

  without   Diagnostics: ClangTidy: Remove: ['*']
  with      Diagnostics: ClangTidy: Add: ['acm-*'], FastCheckFilter: Loose

The time is read from clangd's own log: from "Building AST..." to
"Indexing AST...". Prints the median of each and their ratio. Then runs
clangd's per-check timing (--check-tidy-time) once on the largest file.
"""
import argparse
import datetime
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAMP = re.compile(r"^[IE]\[(\d\d):(\d\d):(\d\d)\.(\d+)\] (.*)$")


def seconds(h, m, s, frac):
    return int(h) * 3600 + int(m) * 60 + int(s) + int(frac) / 10 ** len(frac)


def ast_build_time(clangd, path):
    out = subprocess.run([clangd, "--check=" + path, "--check-locations=false"],
                         cwd=os.path.dirname(path), capture_output=True,
                         text=True, timeout=900)
    start = end = None
    for line in out.stderr.splitlines():
        m = STAMP.match(line)
        if not m:
            continue
        t = seconds(*m.group(1, 2, 3, 4))
        if m.group(5).startswith("Building AST"):
            start = t
        elif m.group(5).startswith("Indexing AST") and start is not None:
            end = t
            break
    if start is None or end is None or "All checks completed, 0 errors" not in out.stderr:
        sys.exit("acm-clangd --check failed on %s:\n%s" % (path, out.stderr[-2000:]))
    return end - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--blocks", default="500,2000")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    clangd = os.path.join(args.build, "bin", "acm-clangd")
    inputs = os.path.join(ROOT, "test", "checkers", "Inputs")
    flags = "CompileFlags:\n  Add: [-std=c++20, -I%s]\n" % inputs
    configs = {
        "without": flags + "Diagnostics:\n  ClangTidy:\n    Remove: ['*']\n",
        "with": flags + "Diagnostics:\n  ClangTidy:\n    Add: ['acm-*']\n"
                        "    FastCheckFilter: Loose\n",
    }
    print("acm-clangd: %s" % clangd)
    print("%8s %8s %12s %12s %7s" % ("blocks", "lines", "without_ms", "with_ms", "ratio"))
    with tempfile.TemporaryDirectory() as work:
        last = None
        for n in [int(b) for b in args.blocks.split(",")]:
            dirs = {}
            text = subprocess.run([sys.executable,
                                   os.path.join(ROOT, "bench", "gen_coroutines.py"),
                                   str(n)], capture_output=True, text=True,
                                  check=True).stdout
            for name, config in configs.items():
                d = os.path.join(work, "%s-%d" % (name, n))
                os.makedirs(d)
                with open(os.path.join(d, ".clangd"), "w") as f:
                    f.write(config)
                with open(os.path.join(d, "huge.cpp"), "w") as f:
                    f.write(text)
                dirs[name] = os.path.join(d, "huge.cpp")
            times = {name: [] for name in configs}
            for _ in range(args.runs):
                for name in configs:
                    times[name].append(ast_build_time(clangd, dirs[name]))
            without = statistics.median(times["without"])
            with_ = statistics.median(times["with"])
            print("%8d %8d %12.1f %12.1f %7.2f" % (n, text.count("\n"),
                  without * 1000, with_ * 1000, with_ / without), flush=True)
            last = dirs["with"]
        print("\nclangd's own per-check timing on the largest file "
              "(--check-tidy-time; each check alone against none):")
        out = subprocess.run([clangd, "--check=" + last,
                              "--check-locations=false",
                              "--check-tidy-time=acm-*"],
                             cwd=os.path.dirname(last), capture_output=True,
                             text=True, timeout=900)
        for line in out.stderr.splitlines():
            m = STAMP.match(line)
            if m and (" = " in m.group(5) or "unstable" in m.group(5)):
                print("  " + m.group(5).strip())


if __name__ == "__main__":
    main()
