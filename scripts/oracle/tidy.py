"""Running acm-tidy on generated files and reading its findings."""
import json
import os
import subprocess
from collections import defaultdict

from rules import CHECKS


class ToolError(Exception):
    pass


def run(acm_tidy, files, inputs, jobs=None):
    """{file: {function: {(check, line): message}}} for the acm checks.

    Raises ToolError when acm-tidy crashes or a file does not compile (a
    bug of the generator)."""
    cmd = [acm_tidy, "--format=json", "--checks=-*,acm-*"]
    if jobs:
        cmd.append("-j%d" % jobs)
    cmd += list(files) + ["--", "-std=c++20", "-I" + inputs]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 1):
        raise ToolError("acm-tidy exited with status %d\n%s%s" % (
            p.returncode, p.stdout[-4000:], p.stderr[-4000:]))
    try:
        findings = json.loads(p.stdout) if p.stdout.strip() else []
    except ValueError:
        raise ToolError("acm-tidy printed no JSON:\n" + p.stdout[-4000:])
    out = {os.path.realpath(f): defaultdict(dict) for f in files}
    for d in findings:
        if d["check"] not in CHECKS:
            raise ToolError("unexpected diagnostic: %s:%s: %s [%s]" % (
                d["file"], d["line"], d["message"], d["check"]))
        per_file = out.setdefault(os.path.realpath(d["file"]), defaultdict(dict))
        per_file[d.get("function", "?")].setdefault((d["check"], d["line"]), d["message"])
    return out
