#!/usr/bin/env python3
"""Writes a C++20 file of N protocol blocks, in one coroutine or in F.

Each block enters a manager, branches, loops and exits it on every path, so
the analysis has real work and nothing to report. Used by bench/run.sh to
show that analysis time grows linearly with function size, and to compare
one huge coroutine with many ordinary ones of the same total size.

    gen_coroutines.py N [F]     (F coroutines, default 1)
"""
import sys

n = int(sys.argv[1])
functions = int(sys.argv[2]) if len(sys.argv) > 2 else 1
out = ['#include "acm-task.h"']
per_function = -(-n // functions)
for f in range(functions):
    name = "huge" if functions == 1 else "coroutine%d" % f
    out.append("rt::task<> %s(int k) {" % name)
    for i in range(f * per_function, min(n, (f + 1) * per_function)):
        out += [
            "  {",
            "    Resource r%d;" % i,
            "    co_await r%d.aenter();" % i,
            "    if (k == %d) {" % i,
            "      co_await r%d.aexit();" % i,
            "      co_return;",
            "    }",
            "    for (int j = 0; j < k; ++j)",
            "      r%d.use();" % i,
            "    co_await r%d.aexit();" % i,
            "  }",
        ]
    out.append("}")
print("\n".join(out))
