#!/usr/bin/env python3
"""Checks that deleting any one member exit of a correct file is reported.

Usage: owner_mutations.py --acm-tidy=PATH --ready=EXPR FILE -- FLAGS...

Each line of FILE marked "// EXIT(member)" exits that member. For each such
line, one mutant is made: a line that is just "co_await <exit>;" is
emptied; otherwise the member's op call on the line ("member.op()" or
"member->op()") is replaced by EXPR, a ready result of the library. Every
mutant must compile and get a warning naming the member that the file as
written does not get. Prints one line per mutant; exits 1 if any mutant is
not reported.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

MARK = re.compile(r"//\s*EXIT\((\w+)\)")


def run(acm_tidy, path, flags):
    result = subprocess.run([acm_tidy, "--quiet", "--checks=-*,acm-*", path,
                             "--"] + flags,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    return result.returncode, result.stdout


def mutate(line, member, ready):
    code = MARK.sub("", line)
    if re.fullmatch(r"\s*co_await\s+[^;]*;\s*", code):
        return "\n"
    call = re.compile(r"\b%s\s*(\.|->)\s*\w+\(\)" % re.escape(member))
    mutated, count = call.subn(ready, code, count=1)
    if not count:
        sys.exit("no exit of '%s' to replace in: %s" % (member, line))
    return mutated


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--acm-tidy", required=True)
    parser.add_argument("--ready", required=True)
    parser.add_argument("file")
    parser.add_argument("flags", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    flags = [f for f in args.flags if f != "--"]
    lines = open(args.file).read().split("\n")
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, os.path.basename(args.file))
        with open(path, "w") as out:
            out.write("\n".join(lines))
        status, output = run(args.acm_tidy, path, flags)
        if "error:" in output:
            sys.stdout.write(output)
            sys.exit("the file does not compile as written")
        known = set(re.findall(r"^.*warning: .*$", output, re.M))
        missed = 0
        mutants = 0
        for number, line in enumerate(lines, 1):
            match = MARK.search(line)
            if not match:
                continue
            member = match.group(1)
            mutant = list(lines)
            mutant[number - 1] = mutate(line, member, args.ready).rstrip("\n")
            with open(path, "w") as out:
                out.write("\n".join(mutant))
            status, output = run(args.acm_tidy, path, flags)
            mutants += 1
            named = [w for w in re.findall(r"^.*warning: .*$", output, re.M)
                     if w not in known and "'%s'" % member in w]
            compiled = "error:" not in output
            if named and compiled:
                print("line %d (%s): reported" % (number, member))
            else:
                missed += 1
                print("line %d (%s): NOT REPORTED%s" %
                      (number, member, "" if compiled else " (does not compile)"))
                sys.stdout.write(output)
        print("%d mutants, %d not reported" % (mutants, missed))
        return 1 if missed or not mutants else 0


if __name__ == "__main__":
    sys.exit(main())
