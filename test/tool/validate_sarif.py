#!/usr/bin/env python3
"""Validates SARIF logs with Microsoft's SARIF Multitool (the official
validator; npm package @microsoft/sarif-multitool, installed into .deps/ by
scripts/install-deps.sh).

Usage: validate_sarif.py --multitool=PATH --work=DIR FILE...

Runs `validate` with the SARIF rules and GitHub code scanning's ingestion
rules on every FILE and fails (exit 1) on any error or warning. It also
fails, loudly, when the validator is missing or cannot run, and when it does
not flag a deliberately broken log: a validator that checks nothing must
not make the test pass.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

def broken_log(result):
    return {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {"driver": {"name": "broken", "version": "1",
                                "informationUri": "https://example.com"}},
            "results": [result],
        }],
    }


# Logs each validator family must reject: one breaks the schema (a result
# without 'message'), the other only GitHub code scanning's rules (a result
# without 'locations'); the validator skips its other rules on a log that
# breaks the schema.
BROKEN = {
    "JSON": broken_log({"ruleId": "R1", "locations": [{"physicalLocation": {
        "artifactLocation": {"uri": "a.cpp"}, "region": {"startLine": 1}}}]}),
    "GH": broken_log({"ruleId": "R2", "message": {"text": "Somewhere."}}),
}


def fail(message):
    sys.stderr.write("validate_sarif: FAILED: %s\n" % message)
    sys.exit(1)


def find_program(given):
    """The validator's executable. The npm wrapper (bin.js) runs it through a
    shell, which would split the ';' in --rule-kind; use the program
    itself."""
    candidates = [given, os.environ.get("ACM_SARIF_MULTITOOL", ""),
                  shutil.which("sarif-multitool") or ""]
    for path in candidates:
        if not path:
            continue
        path = os.path.realpath(path)
        if os.path.basename(path) == "Sarif.Multitool" and \
                os.access(path, os.X_OK):
            return path
        # .../node_modules/@microsoft/sarif-multitool/bin.js
        package = os.path.dirname(path)
        native = os.path.join(os.path.dirname(package),
                              "sarif-multitool-linux", "Sarif.Multitool")
        if os.access(native, os.X_OK):
            return native
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--multitool", default="")
    parser.add_argument("--work", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    program = find_program(args.multitool)
    if not program:
        fail("the SARIF Multitool is not installed, so the SARIF output "
             "cannot be validated. Run scripts/install-deps.sh (it installs "
             "@microsoft/sarif-multitool into .deps/), or set "
             "ACM_SARIF_MULTITOOL to its Sarif.Multitool program.")

    os.makedirs(args.work, exist_ok=True)
    broken = {}
    for family, log in BROKEN.items():
        broken[family] = os.path.join(args.work,
                                      "broken-for-%s.sarif" % family)
        with open(broken[family], "w") as f:
            json.dump(log, f)
    targets = [os.path.abspath(f) for f in args.files] + \
        sorted(broken.values())
    report = os.path.join(args.work, "validation.sarif")
    env = dict(os.environ)
    # Without ICU installed, .NET refuses to start unless told not to use it.
    env["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1"
    env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1"
    # The targets come first: a list-valued option (--rule-kind, --log)
    # would take the words after it as more values.
    cmd = [program, "validate"] + targets + [
        "--output", report, "--log", "ForceOverwrite",
        "--rule-kind", "Sarif;Gh"]
    try:
        run = subprocess.run(cmd, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, env=env,
                             timeout=300)
    except OSError as error:
        fail("cannot run the SARIF Multitool %s: %s" % (program, error))
    if run.returncode != 0 or not os.path.exists(report):
        fail("the SARIF Multitool did not run (exit %d):\n%s" %
             (run.returncode, run.stdout))

    with open(report) as f:
        results = json.load(f)["runs"][0].get("results", [])
    problems = {}
    for result in results:
        if result.get("level", "warning") not in ("error", "warning"):
            continue
        uri = ""
        for location in result.get("locations", []):
            uri = location.get("physicalLocation", {}).get(
                "artifactLocation", {}).get("uri", "")
        name = os.path.basename(uri)
        problems.setdefault(name, []).append("%s %s: %s" % (
            result.get("level"), result.get("ruleId"),
            result.get("message", {}).get("text", "")))

    # Both rule families must have run.
    for family, path in broken.items():
        flagged = problems.get(os.path.basename(path), [])
        if not any(" %s" % family in problem for problem in flagged):
            fail("the SARIF Multitool did not report the %s error of a "
                 "deliberately broken log, so it is not validating:\n%s" %
                 (family, run.stdout))
    bad = False
    for path in args.files:
        found = problems.get(os.path.basename(path), [])
        for problem in found:
            sys.stderr.write("%s: %s\n" % (path, problem))
        bad = bad or bool(found)
        if not found:
            print("valid: %s" % path)
    if bad:
        fail("the SARIF Multitool found problems (above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
