#!/usr/bin/env python3
"""Differential testing of acm-tidy against an exact path oracle.

Generates random coroutine bodies over the enter/exit protocol (tasks over
Resource, Stream and single-use managers; generator-based managers that
co_yield), states with an oracle that follows every path of each one the
findings acm-tidy must report under its documented policy, runs acm-tidy
on them and compares, per function, the sets of (check, line).

  scripts/oracle/run.py --acm-tidy=PATH --seed=N --count=K [--save-dir=DIR]

Exits with status 0 when every function agrees, 1 on any disagreement
(each one shrunk to a minimal reproducer in --save-dir, if given), 2 when
acm-tidy fails or a generated file does not compile. See "Exactness: the
path oracle" in docs/testing.md.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True      # no __pycache__ in the source tree
ROOT = os.path.dirname(os.path.dirname(HERE))

import compare    # noqa: E402
import generate   # noqa: E402
import oracle     # noqa: E402
import paths      # noqa: E402
import program    # noqa: E402
import shrink     # noqa: E402
import tidy       # noqa: E402


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def self_check(functions, unroll, limit):
    """The merging oracle against the path-by-path one, and `unroll`
    against unroll + 2. Returns the number of mismatches."""
    bad = 0
    checked = 0
    for fn in functions:
        exp = oracle.expected(fn, unroll)
        more = oracle.expected(fn, unroll + 2)
        if more != exp:
            bad += 1
            print("self-check: %s: unroll %d and %d differ: %s / %s"
                  % (fn.name, unroll, unroll + 2, sorted(exp), sorted(more)))
        try:
            by_paths, _ = paths.expected_by_paths(fn, unroll, limit)
        except paths.TooManyPaths:
            continue
        checked += 1
        if by_paths != exp:
            bad += 1
            print("self-check: %s: merged states and single paths differ: %s / %s"
                  % (fn.name, sorted(exp), sorted(by_paths)))
    print("self-check: %d functions, %d also path by path (at most %d paths), %d mismatches"
          % (len(functions), checked, limit, bad))
    return bad


def compile_all(cxx, files, inputs):
    ok = True
    for path in files:
        p = subprocess.run([cxx, "-std=c++20", "-fsyntax-only", "-I" + inputs, path],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if p.returncode != 0:
            print("error: %s does not compile:\n%s" % (path, p.stdout))
            ok = False
    return ok


def header(origins, kind, diff):
    check, side = kind
    what = ("acm-tidy does not report a finding the oracle expects" if side == "missing"
            else "acm-tidy reports a finding the oracle does not expect")
    lines = ["// Disagreement on %s: %s." % (check, what),
             "// %s." % origins,
             "// Expected (oracle):"]
    for (c, l), m in sorted(diff.expected.items(), key=lambda kv: kv[0][1]):
        lines.append("//   line %d: [%s] %s" % (l, c, m))
    if not diff.expected:
        lines.append("//   (none)")
    lines.append("// Actual (acm-tidy):")
    for (c, l), m in sorted(diff.actual.items(), key=lambda kv: kv[0][1]):
        lines.append("//   line %d: [%s] %s" % (l, c, m))
    if not diff.actual:
        lines.append("//   (none)")
    lines.append("// Run: acm-tidy FILE -- -std=c++20 -I test/checkers/Inputs")
    return lines


STATED = re.compile(r"^//   line (\d+): \[([\w-]+)\]", re.M)


def save(jobs, args, work):
    """Writes the shrunk jobs as reproducers, one per distinct program and
    kind, whose headers state both sides' findings at the lines of the
    saved file. Returns the paths written."""
    os.makedirs(args.save_dir, exist_ok=True)
    groups = {}
    for job in jobs:
        program.canonicalize(job.fn)
        key = (job.kind, program.render([job.fn]).replace(job.fn.name + "(", "F("))
        groups.setdefault(key, []).append(job)
    # The findings of each program on its own, without a header.
    bare = {}
    for n, group in enumerate(groups.values()):
        path = os.path.realpath(os.path.join(work, "bare-%d.cpp" % n))
        with open(path, "w") as f:
            f.write(program.render([group[0].fn]))
        bare[path] = group
    found = tidy.run(args.acm_tidy, list(bare), args.inputs, args.jobs)
    written = {}
    for path, group in bare.items():
        job = group[0]
        names = [j.origin for j in group]
        if len(names) > 8:
            names = names[:8] + ["%d more" % (len(names) - 8)]
        origins = "%s %s of scripts/oracle/run.py --seed=%d" % (
            "Shrunk from" if job.shrunk else "Not shrunk (--max-shrink):",
            ", ".join(names), args.seed)
        diff = compare.Diff(job.fn, oracle.expected(job.fn, args.unroll),
                            found[path].get(job.fn.name, {}))
        count = len(header(origins, job.kind, diff))
        # A header of `count` lines shifts every line by `count`.
        text = program.render([job.fn], "\n" * count)
        shifted = compare.Diff(job.fn, oracle.expected(job.fn, args.unroll),
                               {(c, l + count): m for (c, l), m in diff.actual.items()})
        head = header(origins, job.kind, shifted)
        assert len(head) == count
        text = "\n".join(head) + "\n" + text[count:]
        name = "seed%d-%s-%s-%s.cpp" % (args.seed, job.fn.name,
                                        job.kind[0].replace("acm-", ""), job.kind[1])
        out = os.path.join(args.save_dir, name)
        with open(out, "w") as f:
            f.write(text)
        written[out] = text
    # Each saved file must show what its header says.
    found = tidy.run(args.acm_tidy, list(written), args.inputs, args.jobs)
    for out, text in written.items():
        got = {k for per_fn in found.get(os.path.realpath(out), {}).values() for k in per_fn}
        stated = {(c, int(l)) for l, c in STATED.findall(text.split("// Actual (acm-tidy):")[1])}
        if got != stated:
            log("warning: %s: acm-tidy reports %s, not what its header states"
                % (out, sorted(got)))
    return sorted(written)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--acm-tidy", default=os.path.join(ROOT, "build", "bin", "acm-tidy"))
    ap.add_argument("--inputs", default=os.path.join(ROOT, "test", "checkers", "Inputs"),
                    help="directory of acm-task.h")
    ap.add_argument("--seed", type=int, default=None,
                    help="batch seed (default: a fresh one, printed)")
    ap.add_argument("--count", type=int, default=500, help="functions to generate")
    ap.add_argument("--only", type=int, action="append",
                    help="only function number N of the seed (repeatable)")
    ap.add_argument("--per-file", type=int, default=25, help="functions per file")
    ap.add_argument("-j", "--jobs", type=int, default=None, help="acm-tidy -j")
    ap.add_argument("--unroll", type=int, default=3, help="loop iterations the oracle follows")
    ap.add_argument("--compile", metavar="CXX",
                    help="also compile every generated file with CXX -fsyntax-only "
                         "(acm-tidy's own compile errors are always caught)")
    ap.add_argument("--save-dir", help="shrink every disagreement and save it here")
    ap.add_argument("--max-shrink", type=int, default=None, metavar="N",
                    help="shrink only the first N disagreements; save the others as "
                         "generated (default: shrink all)")
    ap.add_argument("--keep", help="keep the generated files in this directory")
    ap.add_argument("--self-check", action="store_true",
                    help="check the oracle instead of acm-tidy: merged states against "
                         "single paths, and --unroll against --unroll + 2")
    ap.add_argument("--path-limit", type=int, default=20000)
    ap.add_argument("--show", type=int, default=20,
                    help="disagreements to print in full (default 20)")
    args = ap.parse_args()
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1, 10 ** 9)
    started = time.time()

    indices = args.only if args.only else list(range(args.count))
    functions = [generate.function(args.seed, i) for i in indices]
    work = tempfile.mkdtemp(prefix="acm-oracle-")
    try:
        files = {}
        for n in range(0, len(functions), args.per_file):
            chunk = functions[n:n + args.per_file]
            d = args.keep or work
            os.makedirs(d, exist_ok=True)
            path = os.path.realpath(os.path.join(d, "seed%d-%d.cpp" % (args.seed, n // args.per_file)))
            with open(path, "w") as f:
                f.write(program.render(chunk))
            files[path] = chunk
        if args.compile and not compile_all(args.compile, list(files), args.inputs):
            return 2
        if args.self_check:
            return 2 if self_check(functions, args.unroll, args.path_limit) else 0
        try:
            found = tidy.run(args.acm_tidy, list(files), args.inputs, args.jobs)
        except tidy.ToolError as e:
            print("error: %s" % e)
            return 2

        tally = compare.Tally()
        diffs = []
        for path, chunk in files.items():
            for fn in chunk:
                diff = compare.Diff(fn, oracle.expected(fn, args.unroll),
                                    found[path].get(fn.name, {}))
                tally.add(diff, compare.applicable_checks(fn))
                if diff:
                    diffs.append((path, diff))
        tasks = sum(1 for fn in functions if fn.kind == "task")
        print("seed %d: %d functions (%d tasks, %d generator-based managers), %d disagree"
              % (args.seed, len(functions), tasks, len(functions) - tasks, len(diffs)))
        print(tally.report())
        kinds = {}
        for _, diff in diffs:
            for k in diff.kinds():
                kinds[k] = kinds.get(k, 0) + 1
        for (check, side), n in sorted(kinds.items()):
            print("  %-33s acm-tidy %s in %d functions"
                  % (check, "misses findings" if side == "missing" else "adds findings", n))
        for path, diff in diffs[:args.show]:
            print("%s: %s (function number %s of seed %d):"
                  % (os.path.basename(path), diff.fn.name, diff.fn.name[1:], args.seed))
            print(diff.describe())
        if len(diffs) > args.show:
            print("... and %d more" % (len(diffs) - args.show))

        if diffs and args.save_dir:
            jobs = []
            for _, diff in diffs:
                for kind in diff.kinds():
                    jobs.append(shrink.Job(diff.fn.clone(), kind, diff.fn.name))
            to_shrink = jobs[:args.max_shrink] if args.max_shrink is not None else jobs
            for job in jobs[len(to_shrink):]:
                job.shrunk = False
            log("shrinking %d disagreements" % len(to_shrink))
            try:
                shrink.shrink_all(to_shrink, args.acm_tidy, args.inputs,
                                  os.path.join(work, "shrink"), args.jobs, args.unroll, log=log)
                saved = save(jobs, args, work)
            except tidy.ToolError as e:
                print("error: %s" % e)
                return 2
            print("saved %d reproducers of %d disagreements in %s"
                  % (len(saved), len(jobs), args.save_dir))
        log("%.1f s" % (time.time() - started))
        return 1 if diffs else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
