#!/usr/bin/env python3
"""How the analysis grows with the objects alive at once.

Writes coroutines in which K managers are entered under tests of 32 flags,
stay alive over B two-way branches on those flags, and are exited under the
same tests (correct code, nothing to report), and prints acm-tidy's wall
time and peak memory next to clang's own parse (-fsyntax-only), best of
three runs. The state the analysis keeps at each block holds every live
object, so time and memory grow with K times B: linear in the function for
a given number of live objects.

  bench/live_objects.py [--build build] [--objects 25,50,100,200]
                        [--branches 2000,4000,8000]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INPUTS = os.path.join(ROOT, "test", "checkers", "Inputs")
FLAGS = 32


def coroutine(objects, branches):
    out = ['#include "acm-task.h"', "int work(int);"]
    params = ", ".join("bool f%d" % i for i in range(FLAGS))
    out.append("rt::task<> live(%s) {" % params)
    for i in range(objects):
        out.append("  Resource r%d;" % i)
        out.append("  if (f%d) co_await r%d.aenter();" % (i % FLAGS, i))
    for i in range(branches):
        out.append("  if (f%d) work(%d); else work(-%d);" % (i % FLAGS, i, i))
    for i in range(objects):
        out.append("  if (f%d) co_await r%d.aexit();" % (i % FLAGS, i))
    out.append("}")
    return "\n".join(out) + "\n"


def measure(command):
    """Best wall time (s) and largest peak memory (MB) of three runs."""
    best, peak = None, 0
    for _ in range(3):
        start = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.monotonic() - start
        # The code is correct: acm-tidy must find nothing in it.
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit("error: exit status %d: %s" %
                     (os.waitstatus_to_exitcode(status), " ".join(command)))
        best = elapsed if best is None else min(best, elapsed)
        peak = max(peak, usage.ru_maxrss / 1024)
    return best, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--objects", default="25,50,100,200")
    parser.add_argument("--branches", default="2000,4000,8000")
    args = parser.parse_args()
    acm_tidy = os.path.join(args.build, "bin", "acm-tidy")
    print("%8s %8s %9s %9s %7s %9s %9s" % ("objects", "branches", "clang_s",
                                           "acm_s", "ratio", "clang_MB",
                                           "acm_MB"))
    with tempfile.TemporaryDirectory() as work:
        for objects in (int(k) for k in args.objects.split(",")):
            for branches in (int(b) for b in args.branches.split(",")):
                path = os.path.join(work, "live.cpp")
                with open(path, "w") as f:
                    f.write(coroutine(objects, branches))
                flags = ["-std=c++20", "-I" + INPUTS]
                parse, parse_mb = measure(["clang++-22", "-fsyntax-only"] +
                                          flags + [path])
                acm, acm_mb = measure([acm_tidy, "--quiet", path, "--"] +
                                      flags)
                print("%8d %8d %9.2f %9.2f %7.2f %9.0f %9.0f" %
                      (objects, branches, parse, acm, acm / parse, parse_mb,
                       acm_mb), flush=True)


if __name__ == "__main__":
    main()
