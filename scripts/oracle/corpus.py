#!/usr/bin/env python3
"""Writes the oracle's generated coroutines to files, without checking them.

    scripts/oracle/corpus.py --seed=N --count=K [--per-file=F] DIR

Writes DIR/seedN-I.cpp, F functions each (25 by default), as run.py --keep
does; they include "acm-task.h" from test/checkers/Inputs. Profile-guided
optimisation trains on them (scripts/pgo-train.sh): ordinary protocol code
in volume, where the tests' inputs are many small corner cases.
"""
import argparse
import os

import generate
import program


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, required=True, help="functions to write")
    ap.add_argument("--per-file", type=int, default=25, help="functions per file")
    ap.add_argument("dir")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    functions = [generate.function(args.seed, i) for i in range(args.count)]
    for n in range(0, len(functions), args.per_file):
        path = os.path.join(args.dir, "seed%d-%d.cpp" % (args.seed, n // args.per_file))
        with open(path, "w") as f:
            f.write(program.render(functions[n:n + args.per_file]))


if __name__ == "__main__":
    main()
