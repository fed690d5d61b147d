#!/usr/bin/env python3
"""A deliberately broken acm-tidy, for testing the oracle's harness.

Runs the acm-tidy named by $ACM_ORACLE_TIDY with the given arguments
(run.py passes --format=json) and drops every finding whose message
matches the regular expression $ACM_ORACLE_DROP, as a bug that misses
them would. test/tool/oracle.test uses it to check that run.py finds the
disagreements, shrinks them and saves reproducers that say what is wrong.
"""
import json
import os
import re
import subprocess
import sys

p = subprocess.run([os.environ["ACM_ORACLE_TIDY"]] + sys.argv[1:],
                   stdout=subprocess.PIPE, text=True)
drop = re.compile(os.environ["ACM_ORACLE_DROP"])
if p.stdout.strip():
    findings = [f for f in json.loads(p.stdout) if not drop.search(f["message"])]
    json.dump(findings, sys.stdout, indent=2)
sys.exit(p.returncode)
