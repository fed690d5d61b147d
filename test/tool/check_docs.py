#!/usr/bin/env python3
"""check_docs.py --acm-tidy=PATH DOC.md...: checks the CI snippets of the
guides against the tool.

- Every ```yaml block parses (blocks that use an anchor another block of the
  page defines are parsed together with that block).
- Every acm-tidy command, in ```sh blocks and in the run/script steps of the
  YAML, uses only options that `acm-tidy --help` lists, and --format values
  that exist.

Prints one line per command checked; exits 1 on any problem.
"""
import argparse
import re
import subprocess
import sys

import yaml

BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.M | re.S)
OPTION = re.compile(r"^(--?[a-z][a-z-]*)")
SCRIPT_KEYS = ("run", "script", "before_script")


def known_options(acm_tidy):
    text = subprocess.run([acm_tidy, "--help"], stdout=subprocess.PIPE,
                          text=True, check=True).stdout
    return set(re.findall(r"^\s+(--?[a-z][a-z-]*)", text, re.M))


def anchors(text):
    return set(re.findall(r"&([\w-]+)", text))


def aliases(text):
    return set(re.findall(r"\*([\w-]+)", text))


def scripts_in(node, in_script=False):
    """The shell code of GitHub's run: and GitLab's script: entries."""
    if isinstance(node, str):
        if in_script:
            yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from scripts_in(value, in_script or key in SCRIPT_KEYS)
    elif isinstance(node, list):
        for value in node:
            yield from scripts_in(value, in_script)


def acm_tidy_arguments(line):
    """The arguments of each acm-tidy command on a shell line, up to '--'."""
    for command in re.split(r"\||&&|;", line.split(" #")[0]):
        words = command.split()
        if words and words[0].split("/")[-1] == "acm-tidy":
            arguments = words[1:]
            if "--" in arguments:
                arguments = arguments[:arguments.index("--")]
            yield arguments


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--acm-tidy", required=True)
    parser.add_argument("docs", nargs="+")
    args = parser.parse_args()
    options = known_options(args.acm_tidy)
    problems = []
    commands = []
    for doc in args.docs:
        text = open(doc).read()
        blocks = BLOCK.findall(text)
        yaml_blocks = [body for kind, body in blocks if kind == "yaml"]
        for kind, body in blocks:
            if kind == "yaml":
                source = body
                # A block that uses another block's anchor: parse them
                # together.
                missing = aliases(body) - anchors(body)
                for other in yaml_blocks:
                    if missing & anchors(other):
                        source = other + "\n" + body
                        missing -= anchors(other)
                try:
                    parsed = yaml.safe_load(source)
                except yaml.YAMLError as error:
                    problems.append("%s: a yaml block does not parse: %s" %
                                    (doc, error))
                    continue
                commands += [(doc, line) for script in scripts_in(parsed)
                             for line in script.splitlines()]
            elif kind == "sh":
                commands += [(doc, line) for line in body.splitlines()]
    checked = 0
    for doc, line in commands:
        for arguments in acm_tidy_arguments(line):
            for argument in arguments:
                option = OPTION.match(argument)
                if option and option.group(1) not in options:
                    problems.append("%s: unknown option %s in: %s" %
                                    (doc, option.group(1), line.strip()))
                if argument.startswith("--format=") and argument[9:] not in (
                        "text", "sarif", "json", "github", "gitlab", "junit"):
                    problems.append("%s: unknown format in: %s" %
                                    (doc, line.strip()))
            checked += 1
            print("checked: acm-tidy %s" % " ".join(arguments))
    for problem in problems:
        sys.stderr.write(problem + "\n")
    if not checked:
        problems.append("no acm-tidy command found")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
