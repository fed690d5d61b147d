#!/usr/bin/env python3
"""Writes a C++20 file with one coroutine of N protocol blocks.

Each block enters a manager, branches, loops and exits it on every path, so
the analysis has real work and nothing to report. Used by bench/run.sh to
show that analysis time grows linearly with function size.
"""
import sys

n = int(sys.argv[1])
out = [
    '#include "acm-task.h"',
    "rt::task<> huge(int k) {",
]
for i in range(n):
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
