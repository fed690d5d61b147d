#!/usr/bin/env python3
"""Checks that each room of lib/ includes only what its rule allows.

Usage: layering.py <lib-dir>

The rooms and their rules are those of docs/design.md. A project include
("Room/...") must name an allowed room; an external include must not be of
a forbidden library. Prints every violation and exits 1 if there is one.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')

# room -> (project rooms it may include, external prefixes it must not)
RULES = {
    # What the protocol is: clang's AST only.
    "Model": ({"Model"}, ("clang-tidy/", "clang/Analysis/", "clang/Frontend/",
                          "clang/Tooling/", "clang/Sema/")),
    # Protocol-agnostic machinery: clang's AST and CFG.
    "Analysis/Support": ({"Analysis/Support"},
                         ("clang-tidy/", "clang/Frontend/", "clang/Tooling/")),
    # The analyses: the model, Support, and the findings they report.
    "Analysis/Exit": ({"Model", "Analysis/Support", "Analysis/Exit",
                       "Analysis/Findings.h"},
                      ("clang-tidy/", "clang/Frontend/", "clang/Tooling/")),
    "Analysis/Generator": ({"Model", "Analysis/Support", "Analysis/Generator",
                            "Analysis/Findings.h"},
                           ("clang-tidy/", "clang/Frontend/",
                            "clang/Tooling/")),
    # Classes that own protocol objects: the exit analysis with members.
    "Analysis/Owner": ({"Model", "Analysis/Support", "Analysis/Exit",
                        "Analysis/Owner", "Analysis/Findings.h"},
                       ("clang-tidy/", "clang/Frontend/", "clang/Tooling/")),
    # The entry points and the findings: every analysis room, no clang-tidy.
    "Analysis": ({"Model", "Analysis"},
                 ("clang-tidy/", "clang/Frontend/", "clang/Tooling/")),
    # clang-tidy glue: anything of lib/.
    "Checks": ({"Model", "Analysis", "Checks"}, ()),
}


def room_of(relative):
    for room in sorted(RULES, key=len, reverse=True):
        if relative.startswith(room + "/"):
            return room
    return None


def allowed(include, rooms):
    return any(include == r or include.startswith(r + "/") for r in rooms)


def main():
    lib = sys.argv[1]
    problems = []
    checked = 0
    for dirpath, _, files in os.walk(lib):
        for name in sorted(files):
            if not name.endswith((".h", ".cpp")):
                continue
            path = os.path.join(dirpath, name)
            relative = os.path.relpath(path, lib).replace(os.sep, "/")
            room = room_of(relative)
            if room is None:
                problems.append("%s: in no room" % relative)
                continue
            rooms, forbidden = RULES[room]
            checked += 1
            for number, line in enumerate(open(path), 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                include = match.group(1)
                project = include.split("/")[0] in ("Model", "Analysis",
                                                    "Checks")
                if project and not allowed(include, rooms):
                    problems.append("%s:%d: room %s may not include %s" %
                                    (relative, number, room, include))
                if include.startswith(forbidden) and forbidden:
                    problems.append("%s:%d: room %s may not include %s" %
                                    (relative, number, room, include))
    for problem in problems:
        print(problem)
    print("%d files checked, %d problems" % (checked, len(problems)))
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
