#!/usr/bin/env python3
"""doc_links.py FILE.md: every relative link of a Markdown file leads to a
file or directory that exists. Prints each link target once, then a count;
exits 1 naming the targets that are missing."""
import os
import re
import sys


def main():
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    targets = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        target = target.split("#")[0]
        if target not in targets:
            targets.append(target)
    missing = [t for t in targets if not os.path.exists(
        os.path.join(os.path.dirname(path), t))]
    for target in targets:
        print(target)
    for target in missing:
        print("error: %s: no such file: %s" % (path, target), file=sys.stderr)
    if missing:
        return 1
    print("%d links, all to files that exist" % len(targets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
