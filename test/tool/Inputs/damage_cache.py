#!/usr/bin/env python3
"""damage_cache.py [--only=KIND] CACHE_DIR: damages the result cache entries
in CACHE_DIR (the files named by 32 hex digits).

Without --only, each entry gets another kind of damage in turn; with it,
every entry gets KIND:
  flip       one byte of the payload changed
  truncate   cut in the middle
  empty      no bytes at all
  garbage    bytes that are no entry
  swap       another entry's bytes (an entry of another key)
  version    a format version from the future, checksum intact
  directory  replaced by a directory
"""
import os
import re
import shutil
import sys

KINDS = ["flip", "truncate", "garbage", "empty", "swap", "version"]


def damage(path, kind, other):
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if kind == "flip":
        data[len(data) // 2] ^= 0x40
    elif kind == "truncate":
        data = data[:len(data) // 2]
    elif kind == "empty":
        data = bytearray()
    elif kind == "garbage":
        data = bytearray(b"ACMCACHE" + bytes(range(256)) * 4)
    elif kind == "swap":
        with open(other, "rb") as f:
            data = bytearray(f.read())
    elif kind == "version":
        data[8] = (data[8] + 1) % 256
    elif kind == "directory":
        os.remove(path)
        os.mkdir(path)
        return
    with open(path, "wb") as f:
        f.write(data)


def main():
    args = sys.argv[1:]
    only = None
    if args and args[0].startswith("--only="):
        only = args.pop(0)[len("--only="):]
    directory = args[0]
    entries = sorted(os.path.join(directory, name)
                     for name in os.listdir(directory)
                     if re.fullmatch(r"[0-9a-f]{32}", name))
    if len(entries) < 2:
        sys.exit("error: fewer than two entries in %s" % directory)
    originals = {}
    for path in entries:
        with open(path, "rb") as f:
            originals[path] = f.read()
    for i, path in enumerate(entries):
        other = entries[(i + 1) % len(entries)]
        # Swap in the other entry's bytes as they were before any damage.
        saved = other + ".orig"
        with open(saved, "wb") as f:
            f.write(originals[other])
        damage(path, only or KINDS[i % len(KINDS)], saved)
        os.remove(saved)


if __name__ == "__main__":
    main()
