#!/usr/bin/env python3
"""doc_step.py DOC.md NAME [OLD=NEW...]: prints the shell code of the CI
step named NAME in DOC's yaml blocks (a GitHub Actions step's `run:`, or a
GitLab CI job's `script:` lines), with each OLD replaced by NEW, so that a
test runs the very step the guide shows. Exits 1 when there is no such
step."""
import re
import sys

import yaml

BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.M | re.S)


def steps(node):
    """(name, shell code) of every GitHub step and GitLab job in node."""
    if isinstance(node, dict):
        if isinstance(node.get("name"), str) and isinstance(node.get("run"),
                                                            str):
            yield node["name"], node["run"]
        for key, value in node.items():
            if isinstance(value, dict) and isinstance(value.get("script"),
                                                      list):
                yield key, "\n".join(value["script"]) + "\n"
            yield from steps(value)
    elif isinstance(node, list):
        for value in node:
            yield from steps(value)


def parse(block, blocks):
    """The yaml of block; a block that uses another block's anchors is parsed
    after that block (its own steps come last, so they win). None when it
    does not parse."""
    used = set(re.findall(r"\*([\w-]+)", block))
    defined = set(re.findall(r"&([\w-]+)", block))
    source = block
    for other in blocks:
        if (used - defined) & set(re.findall(r"&([\w-]+)", other)):
            source = other + "\n" + source
    try:
        return yaml.safe_load(source)
    except yaml.YAMLError:
        return None


def main():
    doc, name = sys.argv[1:3]
    replacements = [argument.split("=", 1) for argument in sys.argv[3:]]
    blocks = BLOCK.findall(open(doc).read())
    for block in blocks:
        parsed = parse(block, blocks)
        if parsed is None:
            continue
        for step_name, code in steps(parsed):
            if step_name == name:
                for old, new in replacements:
                    code = code.replace(old, new)
                sys.stdout.write(code)
                return 0
    sys.stderr.write("doc_step: no step named %r in %s\n" % (name, doc))
    return 1


if __name__ == "__main__":
    sys.exit(main())
