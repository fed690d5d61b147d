#!/usr/bin/env python3
"""CPU time of acm-tidy against clang's parse, on one huge coroutine and on
the same code split into 100 coroutines.

    bench/cpu_time.py [--build DIR] [--blocks N] [--runs R]

bench/instructions.sh counts instructions, which do not vary from run to
run; this script measures CPU time, nearer to what a user waits for and
with what instructions leave out (page faults, cache misses). Each round
runs, one
after the other, clang++-22 -fsyntax-only (the parse), clang-tidy-22 with
one trivial check (the framework's floor) and acm-tidy with all its
checks (--no-cache), R rounds (default 9). A run's time is the user and
system CPU time of the process (getrusage), so other work on the machine
disturbs it less than wall-clock time. Prints, per file and tool, the
minimum and the median, and the median of each round's ratio to the parse
of the same round.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INPUTS = os.path.join(ROOT, "test", "checkers", "Inputs")


def cpu_seconds(command):
    """The CPU time (user + system) of one run of command, which must
    succeed: the generated code compiles and has nothing to report."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit("%s failed (status %d):\n%s" %
                 (command[0], done.returncode, done.stderr))
    return (after.ru_utime - before.ru_utime) + (after.ru_stime -
                                                 before.ru_stime)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--blocks", type=int, default=6600)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    acm = os.path.join(args.build, "bin", "acm-tidy")
    if not os.access(acm, os.X_OK):
        sys.exit("no acm-tidy in %s/bin" % args.build)
    generator = os.path.join(ROOT, "bench", "gen_coroutines.py")
    print("%-6s %-28s %9s %11s %12s" % ("file", "run", "min (s)",
                                        "median (s)", "× parse"))
    with tempfile.TemporaryDirectory() as work:
        for name, split in (("one", []), ("many", ["100"])):
            source = os.path.join(work, name + ".cpp")
            with open(source, "w") as out:
                subprocess.run([sys.executable, generator, str(args.blocks)] +
                               split, stdout=out, check=True)
            flags = ["-std=c++20", "-I" + INPUTS]
            runs = {
                "parse": ["clang++-22", "-fsyntax-only"] + flags + [source],
                "clang-tidy, a trivial check": [
                    "clang-tidy-22", "--quiet",
                    "--checks=-*,misc-unused-alias-decls", source, "--"
                ] + flags,
                "acm-tidy, all checks":
                [acm, "--quiet", "--no-cache", source, "--"] + flags,
            }
            times = {run: [] for run in runs}
            for _ in range(args.runs):
                for run, command in runs.items():
                    times[run].append(cpu_seconds(command))
            for run, seconds in times.items():
                ratios = [t / p for t, p in zip(seconds, times["parse"])]
                print("%-6s %-28s %9.3f %11.3f %12.3f" %
                      (name, run, min(seconds), statistics.median(seconds),
                       statistics.median(ratios)))


if __name__ == "__main__":
    main()
