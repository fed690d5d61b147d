#!/usr/bin/env python3
"""Times acm-tidy against run-clang-tidy with the plugin on a generated tree.

    bench/project.py [--build DIR] [--files N] [--coroutines M] [--runs R]
                     [--jobs J] [--wait-idle SECONDS] [--keep DIR] [--cache]

Generates a multi-file C++20 project with bench/gen_project.py (N
translation units, default 48) and its compile_commands.json, then runs,
alternating, R times each (default 5, after one untimed warm-up run each):

  acm-tidy -p <tree>/build -j J --no-cache
  run-clang-tidy-22 -p <tree>/build -load <plugin> -checks='-*,acm-*' -j J -quiet

Both must report the same findings (warnings and notes), and those must be
the bugs the generator planted; otherwise the exit status is 1. Prints the
wall-clock and CPU times of each tool and the median ratio of paired runs
(on a shared machine, --wait-idle starts each pair on idle cores, and the
pairs share whatever load remains). Builds nothing but
the tree: acm-tidy and the plugin come from the build directory, clang-tidy-22
and run-clang-tidy-22 from Debian's clang-tidy-22 package.

With --cache, times acm-tidy's result cache instead, R times each (the tree
gets a header per module, which only that module's files include):

  cold     acm-tidy -p <tree>/build -j J, the cache directory removed first
  warm     the same, nothing changed
  cpp      one .cpp file edited (a comment added)
  header   one module's header edited: only that module's files include it

Each run must check exactly the files the change concerns (the hits and
misses --statistics counts), and report the findings of the cold run.
"""
import argparse
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIAG = re.compile(r"^(\S+?):(\d+):(\d+): (warning|error|note): (.*)$")


def find_run_clang_tidy():
    for candidate in [shutil.which("run-clang-tidy-22"),
                      "/usr/lib/llvm-22/bin/run-clang-tidy"]:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    sys.exit("error: run-clang-tidy-22 not found "
             "(apt-get install clang-tidy-22)")


def findings(text, tree):
    """The diagnostics in a tool's output, with paths relative to the tree."""
    found = []
    for line in text.splitlines():
        match = DIAG.match(line)
        if not match:
            continue
        path, line_no, column, level, message = match.groups()
        if os.path.isabs(path):
            path = os.path.relpath(path, tree)
        found.append("%s:%s:%s: %s: %s" % (path, line_no, column, level,
                                           message))
    return sorted(found)


def timed(cmd, cwd):
    """Runs cmd; returns (wall seconds, CPU seconds of it and its children,
    exit status, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.returncode, result.stdout, result.stderr


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def print_difference(left, right, only_left, only_right):
    """Prints the lines only one of two lists has, each with its label."""
    for line in sorted(set(left) - set(right)):
        print("  " + only_left + line)
    for line in sorted(set(right) - set(left)):
        print("  " + only_right + line)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"),
                        help="acm-tidy build directory (default: build)")
    parser.add_argument("--acm-tidy", help="default: BUILD/bin/acm-tidy")
    parser.add_argument("--plugin",
                        help="default: BUILD/lib/libacm-tidy-plugin.so")
    parser.add_argument("--clang-tidy", default="clang-tidy-22",
                        help="the clang-tidy run-clang-tidy runs "
                             "(default: clang-tidy-22)")
    parser.add_argument("--files", type=int, default=48,
                        help="translation units (default 48)")
    parser.add_argument("--coroutines", type=int, default=12,
                        help="coroutine patterns per file (default 12)")
    parser.add_argument("--bug-every", type=int, default=4,
                        help="plant bugs in every K-th file (default 4)")
    parser.add_argument("--bugs-per-file", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5,
                        help="timed runs of each tool (default 5; 0: only "
                             "compare the findings)")
    parser.add_argument("--jobs", type=int, default=2,
                        help="-j of both tools (default 2)")
    parser.add_argument("--wait-idle", type=int, default=0, metavar="SECONDS",
                        help="before each pair of timed runs, wait up to "
                             "SECONDS for the cores to be idle (for shared "
                             "machines; default 0: do not wait)")
    parser.add_argument("--keep", metavar="DIR",
                        help="generate the tree here and keep it")
    parser.add_argument("--cache", action="store_true",
                        help="time the result cache: cold, warm, one .cpp "
                             "and one header edited")
    args = parser.parse_args()

    args.acm_tidy = args.acm_tidy or os.path.join(args.build, "bin",
                                                  "acm-tidy")
    args.plugin = args.plugin or os.path.join(args.build, "lib",
                                              "libacm-tidy-plugin.so")
    for path in (args.acm_tidy, args.plugin):
        if not os.path.exists(path):
            sys.exit("error: %s not found; build the project first" % path)
    if not args.cache:
        args.run_clang_tidy = find_run_clang_tidy()
        if not shutil.which(args.clang_tidy):
            sys.exit("error: %s not found (apt-get install clang-tidy-22)" %
                     args.clang_tidy)

    if args.keep:
        tree = os.path.abspath(args.keep)
        if os.path.exists(tree):
            shutil.rmtree(tree)
        scratch = None
    else:
        scratch = tempfile.mkdtemp(prefix="acm-bench-")
        tree = os.path.join(scratch, "tree")
    try:
        subprocess.run([sys.executable,
                        os.path.join(ROOT, "bench", "gen_project.py"), tree,
                        "--files", str(args.files),
                        "--coroutines", str(args.coroutines),
                        "--bug-every", str(args.bug_every),
                        "--bugs-per-file", str(args.bugs_per_file)] +
                       (["--module-headers"] if args.cache else []),
                       check=True)
        return measure_cache(args, tree) if args.cache else measure(args,
                                                                    tree)
    finally:
        if scratch:
            shutil.rmtree(scratch)


def measure(args, tree):
    db = os.path.join(tree, "build")
    jobs = str(args.jobs)
    tools = [
        ("acm-tidy", [args.acm_tidy, "-p", db, "-j", jobs, "--no-cache"]),
        ("run-clang-tidy", [args.run_clang_tidy, "-p", db, "-load",
                            args.plugin, "-checks=-*,acm-*", "-j", jobs,
                            "-quiet"]),
    ]
    if args.clang_tidy != "clang-tidy-22":
        tools[1][1].append("-clang-tidy-binary=" + args.clang_tidy)
    with open(os.path.join(tree, "EXPECTED")) as f:
        expected = sorted(line.strip() for line in f if line.strip())
    sources = sum(1 for _, _, files in os.walk(os.path.join(tree, "src"))
                  for name in files if name.endswith(".cpp"))
    lines = 0
    for base, _, files in os.walk(tree):
        for name in files:
            if name.endswith((".cpp", ".hpp")):
                with open(os.path.join(base, name)) as f:
                    lines += sum(1 for _ in f)

    print("tree: %d translation unit%s, %d lines of project code, %d planted "
          "bugs" % (sources, "" if sources == 1 else "s", lines,
                    len(expected)))
    print("machine: %s, %d cores, Linux %s; load average %s" % (
        cpu_model(), os.cpu_count(), platform.release(),
        " ".join("%.2f" % x for x in os.getloadavg())))
    for name, cmd in tools:
        print("%-15s %s" % (name + ":", " ".join(
            "'%s'" % c if "*" in c else c for c in cmd)))
    sys.stdout.flush()

    # One untimed run each warms the file cache and yields the findings.
    reports = {}
    ok = True
    for name, cmd in tools:
        _, _, status, out, err = timed(cmd, tree)
        if status not in (0, 1) or "error:" in out:
            print("error: %s failed (exit %d):\n%s%s" % (name, status, out,
                                                         err[-2000:]))
            return 1
        reports[name] = findings(out, tree)

    acm, rct = reports["acm-tidy"], reports["run-clang-tidy"]
    if acm != rct:
        ok = False
        print("error: the tools disagree:")
        print_difference(acm, rct, "only acm-tidy:       ",
                         "only run-clang-tidy: ")
        if sorted(set(acm)) == sorted(set(rct)):
            print("  (same diagnostics, different counts: duplicates)")
    warnings = sorted({"%s:%s: %s" % (f.split(":")[0], f.split(":")[1],
                                      f.rsplit("[", 1)[1].rstrip("]"))
                       for f in acm if ": warning: " in f})
    if warnings != expected:
        ok = False
        print("error: the warnings are not the planted bugs:")
        print_difference(warnings, expected, "unexpected: ", "missed:     ")
    print("findings: %d warnings, %d notes; %s" % (
        sum(": warning: " in f for f in acm),
        sum(": note: " in f for f in acm),
        "identical in both tools, and exactly the planted bugs" if ok
        else "MISMATCH (see above)"))
    sys.stdout.flush()
    if args.runs <= 0:
        return 0 if ok else 1
    if os.getloadavg()[0] > 0.5:
        print("note: the machine is busy (load average %.2f): expect noisy "
              "wall-clock times; CPU times are steadier" % os.getloadavg()[0])

    # Alternate the tools so that load from other users of the machine
    # falls on both alike; with --wait-idle, start each pair on idle cores.
    walls = {name: [] for name, _ in tools}
    cpus = {name: [] for name, _ in tools}
    for run in range(args.runs):
        if args.wait_idle:
            waited = wait_until_idle(args.wait_idle)
            if waited is None:
                print("  (cores still busy after %d s; running anyway)" %
                      args.wait_idle)
        for name, cmd in tools:
            wall, cpu, _, _, _ = timed(cmd, tree)
            walls[name].append(wall)
            cpus[name].append(cpu)
            print("  run %d %-15s %6.2f s wall %6.2f s cpu" % (
                run + 1, name, wall, cpu))
            sys.stdout.flush()

    print()
    print("| tool (-j %s) | runs | min (s) | median (s) | mean ± sd (s) "
          "| CPU median (s) |" % jobs)
    print("|---|---:|---:|---:|---:|---:|")
    for name, _ in tools:
        w = walls[name]
        print("| %s | %d | %.2f | %.2f | %.2f ± %.2f | %.2f |" % (
            name, len(w), min(w), statistics.median(w), statistics.mean(w),
            statistics.stdev(w) if len(w) > 1 else 0.0,
            statistics.median(cpus[name])))
    # Each run of acm-tidy against the run of run-clang-tidy right after it:
    # the pairs share the machine's load, so their ratios scatter less than
    # the times themselves.
    ratios = [a / r for a, r in zip(walls["acm-tidy"],
                                    walls["run-clang-tidy"])]
    ratio = statistics.median(ratios)
    print()
    print("acm-tidy / run-clang-tidy, wall clock: %.2f (median of the %d "
          "paired runs; min %.2f / min %.2f = %.2f)" % (
              ratio, len(ratios), min(walls["acm-tidy"]),
              min(walls["run-clang-tidy"]),
              min(walls["acm-tidy"]) / min(walls["run-clang-tidy"])))
    print("acm-tidy is %s" % ("not slower" if ratio <= 1.0 else "SLOWER"))
    print("load average after: %s" % " ".join("%.2f" % x
                                                for x in os.getloadavg()))
    return 0 if ok else 1


CACHE_LINE = re.compile(r"^Result cache: (\d+) hits?, (\d+) miss(?:es)?")


def cache_counts(stderr):
    """(hits, misses) from acm-tidy --statistics."""
    for line in stderr.splitlines():
        match = CACHE_LINE.match(line)
        if match:
            return int(match.group(1)), int(match.group(2))
    return None


def measure_cache(args, tree):
    db = os.path.join(tree, "build")
    cache_dir = os.path.join(db, ".acm-tidy-cache")
    cmd = [args.acm_tidy, "-p", db, "-j", str(args.jobs), "--statistics"]
    sources = sorted(os.path.relpath(os.path.join(base, name), tree)
                     for base, _, files in os.walk(os.path.join(tree, "src"))
                     for name in files if name.endswith(".cpp"))
    edited_cpp = sources[0]
    module = edited_cpp.split(os.sep)[1]
    edited_header = os.path.join("include", module, "config.hpp")
    includers = sum(1 for s in sources if s.split(os.sep)[1] == module)
    print("tree: %d translation units; the edited .cpp: %s; the edited "
          "header: %s (included by %d)" % (len(sources), edited_cpp,
                                            edited_header, includers))
    print("machine: %s, %d cores, Linux %s; load average %s" % (
        cpu_model(), os.cpu_count(), platform.release(),
        " ".join("%.2f" % x for x in os.getloadavg())))
    print("command: %s" % " ".join(cmd))
    sys.stdout.flush()

    def append_comment(path, run):
        with open(os.path.join(tree, path), "a") as f:
            f.write("// Edited for run %d.\n" % run)

    def prepare(mode, run):
        if mode == "cold":
            shutil.rmtree(cache_dir, ignore_errors=True)
        elif mode == "cpp":
            append_comment(edited_cpp, run)
        elif mode == "header":
            append_comment(edited_header, run)

    expected_misses = {"cold": len(sources), "warm": 0, "cpp": 1,
                       "header": includers}
    modes = ["cold", "warm", "cpp", "header"]
    walls = {mode: [] for mode in modes}
    reference = None
    ok = True
    # One untimed round first: it fills the file cache and the result cache.
    for run in range(args.runs + 1):
        for mode in modes:
            if args.wait_idle and run and mode == "cold":
                wait_until_idle(args.wait_idle)
            prepare(mode, run)
            wall, cpu, status, out, err = timed(cmd, tree)
            if status not in (0, 1):
                print("error: acm-tidy failed (exit %d):\n%s" % (status,
                                                                  err[-2000:]))
                return 1
            found = findings(out, tree)
            if reference is None:
                reference = found
            counts = cache_counts(err)
            if found != reference or counts is None or \
                    counts[1] != expected_misses[mode]:
                ok = False
                print("error: %s run %d: %s; findings %s the cold run's" % (
                    mode, run, "hits and misses %s" % (counts,),
                    "same as" if found == reference else "DIFFERENT from"))
            if run == 0:
                continue
            walls[mode].append(wall)
            print("  run %d %-7s %6.2f s wall %6.2f s cpu  %d hits, %d "
                  "misses" % (run, mode, wall, cpu, counts[0], counts[1]))
            sys.stdout.flush()

    if args.runs <= 0:
        print("findings: %d, the same in every run; each run checked exactly "
              "the files its change concerns" % len(reference) if ok
              else "MISMATCH (see above)")
        return 0 if ok else 1
    cold = statistics.median(walls["cold"])
    print()
    print("| run (-j %d) | files checked | runs | median (s) | min (s) | "
          "× cold |" % args.jobs)
    print("|---|---:|---:|---:|---:|---:|")
    for mode in modes:
        w = walls[mode]
        print("| %s | %d of %d | %d | %.2f | %.2f | %.3f |" % (
            mode, expected_misses[mode], len(sources), len(w),
            statistics.median(w), min(w), statistics.median(w) / cold))
    print()
    print("findings: %d, the same in every run" % len(reference) if ok
          else "MISMATCH (see above)")
    return 0 if ok else 1


def idle_fraction(seconds):
    """The fraction of CPU time spent idle over the next few seconds."""
    def sample():
        with open("/proc/stat") as f:
            ticks = [int(x) for x in f.readline().split()[1:]]
        return ticks[3] + ticks[4], sum(ticks)  # idle + iowait, total
    idle0, total0 = sample()
    time.sleep(seconds)
    idle1, total1 = sample()
    return (idle1 - idle0) / max(1, total1 - total0)


def wait_until_idle(limit):
    """Waits until the cores have been at least 90% idle for 10 s in a row,
    at most limit seconds. Returns the seconds waited, or None on timeout."""
    start = time.monotonic()
    quiet = 0
    while time.monotonic() - start < limit:
        quiet = quiet + 2 if idle_fraction(2) > 0.9 else 0
        if quiet >= 10:
            return time.monotonic() - start
    return None


if __name__ == "__main__":
    sys.exit(main())
