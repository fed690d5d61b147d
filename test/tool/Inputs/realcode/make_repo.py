#!/usr/bin/env python3
"""make_repo.py OUT INPUTS: a tiny upstream repository for realcode.test.

Commits repo/ (next to this script) into OUT/upstream, clones it bare into
OUT/mirrors/acme+coro/repo, and writes OUT/manifest.json, which pins the
commit and fetches it from OUT/upstream; INPUTS holds acm-task.h."""
import json
import os
import shutil
import subprocess
import sys

out, inputs = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
here = os.path.dirname(os.path.abspath(__file__))
upstream = os.path.join(out, "upstream")
shutil.copytree(os.path.join(here, "repo"), upstream)
env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
           GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com",
           GIT_AUTHOR_DATE="2026-01-01T00:00:00Z",
           GIT_COMMITTER_DATE="2026-01-01T00:00:00Z")
for argv in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "coro"]):
    subprocess.run(["git", "-C", upstream] + argv, env=env, check=True)
commit = subprocess.run(["git", "-C", upstream, "rev-parse", "HEAD"],
                        stdout=subprocess.PIPE, check=True).stdout.decode().strip()
subprocess.run(["git", "clone", "-q", "--bare", upstream,
                os.path.join(out, "mirrors", "acme+coro", "repo")], check=True)
manifest = {"repositories": [{
    "name": "coro", "url": upstream, "mirror": "acme+coro", "commit": commit,
    "std": "c++20", "files": ["src/*.cpp"], "skip": ["src/skipped*.cpp"],
    "include": [inputs], "packages": [],
    "generate": [{"kind": "text", "out": "gen.h", "lines": ["#pragma once"]}],
}], "not_covered": [{"name": "other", "url": "-", "commit": "-",
                     "reason": "needs what this machine lacks"}]}
with open(os.path.join(out, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)
