#!/usr/bin/env python3
"""deb_needed.py --readelf=PATH DEB ROOT: every shared library that an ELF
file of the package DEB (extracted in ROOT) links directly is on this
machine's library path, and the package it comes from is one that DEB's
Depends names, so installing the .deb brings every library its binaries
need. Prints "<file>: <library> from <package>" for each; exits 1 with the
problems otherwise.

Reads the machine's dpkg database; changes nothing."""
import argparse
import os
import re
import subprocess
import sys


def depends(deb):
    field = subprocess.run(["dpkg-deb", "--field", deb, "Depends"],
                           check=True, capture_output=True,
                           text=True).stdout
    names = set()
    for alternative in re.split(r"[,|]", field):
        name = re.sub(r"\(.*?\)", "", alternative).strip()
        if name:
            names.add(name)
    return names


def library_path():
    """The loader's cache: soname -> path."""
    ldconfig = "/sbin/ldconfig" if os.path.exists("/sbin/ldconfig") \
        else "ldconfig"
    out = subprocess.run([ldconfig, "-p"], check=True, capture_output=True,
                         text=True).stdout
    # The 64-bit entry where there are 32-bit ones too.
    abi = "x86-64" if os.uname().machine == "x86_64" else ""
    paths = {}
    for line in out.splitlines():
        match = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if match and abi in match.group(2):
            paths.setdefault(match.group(1), match.group(3))
    return paths


def spellings(path):
    """path and its real path, with and without /usr (merged /usr)."""
    for p in (path, os.path.realpath(path)):
        yield p
        yield p[len("/usr"):] if p.startswith("/usr/") else "/usr" + p


def owners(paths):
    """path -> the package that installed it, from one dpkg-query run (each
    run reads every package's file list)."""
    asked = sorted({s for p in paths for s in spellings(p)})
    out = subprocess.run(["dpkg-query", "-S"] + asked, capture_output=True,
                         text=True).stdout
    found = {}
    for line in out.splitlines():
        match = re.match(r"([^:,\s]+)(?::[\w-]+)?: (/.*)$", line)
        if match:
            found[match.group(2)] = match.group(1)
    return {p: next((found[s] for s in spellings(p) if s in found), None)
            for p in paths}


def elf_files(root):
    for directory, _, files in os.walk(root):
        for name in sorted(files):
            path = os.path.join(directory, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            with open(path, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    yield path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--readelf", required=True)
    parser.add_argument("deb")
    parser.add_argument("root")
    args = parser.parse_args()

    wanted = depends(args.deb)
    paths = library_path()
    needed = []
    for path in sorted(elf_files(args.root)):
        dynamic = subprocess.run([args.readelf, "--dynamic", path],
                                 check=True, capture_output=True,
                                 text=True).stdout
        for library in re.findall(r"\(NEEDED\)\s+Shared library: \[(.*)\]",
                                  dynamic):
            needed.append((os.path.relpath(path, args.root), library))
    package_of = owners([paths[lib] for _, lib in needed if lib in paths])
    problems = []
    for shown, library in needed:
        if library not in paths:
            problems.append("%s: %s is not on the library path" %
                            (shown, library))
            continue
        package = package_of[paths[library]]
        if package is None:
            problems.append("%s: %s (%s) belongs to no package" %
                            (shown, library, paths[library]))
        elif package not in wanted:
            problems.append("%s: %s comes from %s, which Depends does not "
                            "name" % (shown, library, package))
        else:
            print("%s: %s from %s" % (shown, library, package))
    for problem in problems:
        print("error: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
