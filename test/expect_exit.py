#!/usr/bin/env python3
"""expect_exit.py CODE [--stdout FILE] -- CMD...: run CMD, require exit CODE.

Output goes to FILE (stdout and stderr together) when given, else through.
"""
import subprocess
import sys


def main():
    args = sys.argv[1:]
    expected = int(args.pop(0))
    out = None
    if args and args[0] == "--output":
        out = open(args[1], "w")
        args = args[2:]
    if args and args[0] == "--":
        args = args[1:]
    code = subprocess.call(args, stdout=out, stderr=subprocess.STDOUT if out
                           else None)
    if code != expected:
        sys.stderr.write("expected exit %d, got %d: %s\n" %
                         (expected, code, " ".join(args)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
