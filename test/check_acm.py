#!/usr/bin/env python3
"""Runs one check test file through acm-tidy and the clang-tidy plugin.

Usage: check_acm.py [tool paths] [--tool=acm-tidy|plugin|all]
                    [--config=YAML] [--check-suffix=S]
                    <input.cpp> <checks> <temp-prefix>
                    [-- <extra compiler args>]

Both front ends must produce output that matches the same expectations in the
input file, as clang-tidy's own check_clang_tidy.py does:
  CHECK-MESSAGES: warnings and errors; any other warning or error fails.
  CHECK-NOTES:    warnings, errors and notes; any other one fails.
  CHECK-FIXES:    the file after --fix.
A file with none of these must produce no diagnostic at all. acm-tidy's exit
status must be 1 when there are warnings and 0 otherwise. With
--check-suffix=S the expectations are CHECK-NOTES-S and so on, so that one
file can state what each of several configurations reports.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

DIAG = re.compile(r"^.*:\d+:\d+: (warning|error|note): .*$")
CHECK_COMMENT = re.compile(r"//\s*CHECK-(MESSAGES|NOTES|FIXES)\b.*$")


def run(cmd, **kwargs):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kwargs)


def filecheck(args, check_file, prefix, text, implicit):
    cmd = [args.filecheck, check_file, "--check-prefix=" + prefix,
           "--match-full-lines=false", "--dump-input=never"]
    for pattern in implicit:
        cmd.append("--implicit-check-not=" + pattern)
    result = run(cmd, input=text)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        return False
    return True


def prefixed(args, prefix):
    return prefix + ("-" + args.check_suffix if args.check_suffix else "")


def check_one(args, tool, source_text, prefixes, extra):
    work = "%s.%s.cpp" % (args.temp, tool)
    # Keep line numbers but drop the expectations themselves, so a fix-it
    # check cannot match the CHECK line that describes it.
    stripped = "\n".join(CHECK_COMMENT.sub("", line)
                         for line in source_text.split("\n"))
    with open(work, "w") as f:
        f.write(stripped)

    checks = "-*," + args.checks
    common = [work, "--checks=" + checks]
    if args.config:
        common.append("--config=" + args.config)
    if "CHECK-FIXES" in prefixes:
        common.append("--fix")
    compile_args = ["--", "-std=c++20", "-I" + args.inputs] + extra
    if tool == "acm-tidy":
        cmd = [args.acm_tidy, "--quiet"] + common + compile_args
    else:
        cmd = [args.clang_tidy, "--load=" + args.plugin, "--quiet"] + common \
            + compile_args
    result = run(cmd, cwd=os.path.dirname(os.path.abspath(work)))
    # clang-tidy reports applied fixes as notes of its own; they are not
    # findings.
    lines = [l for l in result.stdout.splitlines()
             if DIAG.match(l) and not l.endswith(
                 "note: FIX-IT applied suggested code changes")]
    output = "\n".join(lines) + "\n"
    sys.stdout.write("==== %s ====\n%s" % (tool, output))

    ok = True
    warnings = [l for l in lines if re.search(r": (warning|error): ", l)]
    if "CHECK-NOTES" in prefixes:
        ok &= filecheck(args, args.input, prefixed(args, "CHECK-NOTES"), output,
                        ["{{warning|error|note}}:"])
    if "CHECK-MESSAGES" in prefixes:
        messages = "\n".join(warnings) + "\n"
        ok &= filecheck(args, args.input, prefixed(args, "CHECK-MESSAGES"),
                        messages,
                        ["{{warning|error}}:"])
    if not ({"CHECK-NOTES", "CHECK-MESSAGES"} & prefixes) and lines:
        sys.stderr.write("%s: expected no diagnostics, got:\n%s" %
                         (tool, output))
        ok = False
    if "CHECK-FIXES" in prefixes:
        with open(work) as f:
            fixed = f.read()
        ok &= filecheck(args, args.input, prefixed(args, "CHECK-FIXES"), fixed,
                        [])
    if tool == "acm-tidy":
        has_error = any(": error: " in l for l in lines)
        expected = 2 if has_error else (1 if warnings else 0)
        if result.returncode != expected:
            sys.stderr.write("acm-tidy exited %d, expected %d\n%s" %
                             (result.returncode, expected, result.stderr))
            ok = False
    elif result.returncode not in (0, 1) or "error: " in result.stderr \
            and "Error while processing" not in result.stderr:
        sys.stderr.write("clang-tidy failed (%d):\n%s" %
                         (result.returncode, result.stderr))
        ok = False
    if not ok:
        sys.stderr.write("FAILED through %s: %s\n" % (tool, " ".join(cmd)))
    return ok


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    parser = argparse.ArgumentParser()
    parser.add_argument("--acm-tidy", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--tool", default="all",
                        choices=["all", "acm-tidy", "plugin"])
    parser.add_argument("--config", default="")
    parser.add_argument("--check-suffix", default="")
    parser.add_argument("input")
    parser.add_argument("checks")
    parser.add_argument("temp")
    args = parser.parse_args(argv)
    args.inputs = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                               "checkers", "Inputs")

    with open(args.input) as f:
        source_text = f.read()
    suffix = "-" + args.check_suffix if args.check_suffix else ""
    prefixes = set(re.findall(r"CHECK-(MESSAGES|NOTES|FIXES)%s:" %
                              re.escape(suffix), source_text))
    prefixes = {"CHECK-" + p for p in prefixes}
    tools = ["acm-tidy", "plugin"] if args.tool == "all" else [args.tool]
    os.makedirs(os.path.dirname(os.path.abspath(args.temp)), exist_ok=True)
    ok = all([check_one(args, tool, source_text, prefixes, extra)
              for tool in tools])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
