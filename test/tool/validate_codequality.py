#!/usr/bin/env python3
"""validate_codequality.py FILE...: checks GitLab Code Quality reports
against the report format GitLab documents (CI/CD > Testing > Code Quality,
"Code Quality report format"):

- the report is a JSON array of objects;
- each has the string fields description, check_name, fingerprint and
  location.path, a severity of info, minor, major, critical or blocker, and
  its line as the integer location.lines.begin or
  location.positions.begin.line (at least 1);
- fingerprints are unique (GitLab shows one issue per fingerprint);
- location.path is relative (GitLab links it into the repository).

Prints "valid: FILE (N issues)" for each; exits 1 on any problem. It also
checks that it rejects a broken report, so a validator that checks nothing
cannot make a test pass.
"""
import json
import sys

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def problems(report):
    if not isinstance(report, list):
        return ["the report is not a JSON array"]
    found = []
    fingerprints = set()
    for index, issue in enumerate(report):
        where = "issue %d" % index
        if not isinstance(issue, dict):
            found.append(where + " is not an object")
            continue
        for key in ("description", "check_name", "fingerprint"):
            if not isinstance(issue.get(key), str) or not issue.get(key):
                found.append("%s: '%s' is not a non-empty string" %
                             (where, key))
        if issue.get("severity") not in SEVERITIES:
            found.append("%s: severity %r is not one of %s" %
                         (where, issue.get("severity"), sorted(SEVERITIES)))
        if issue.get("fingerprint") in fingerprints:
            found.append("%s: fingerprint %s is not unique" %
                         (where, issue.get("fingerprint")))
        fingerprints.add(issue.get("fingerprint"))
        location = issue.get("location")
        if not isinstance(location, dict):
            found.append(where + ": 'location' is not an object")
            continue
        path = location.get("path")
        if not isinstance(path, str) or not path:
            found.append(where + ": 'location.path' is not a string")
        elif path.startswith("/"):
            found.append(where + ": 'location.path' is absolute: " + path)
        line = None
        if isinstance(location.get("lines"), dict):
            line = location["lines"].get("begin")
        elif isinstance(location.get("positions"), dict) and \
                isinstance(location["positions"].get("begin"), dict):
            line = location["positions"]["begin"].get("line")
        if not isinstance(line, int) or isinstance(line, bool) or line < 1:
            found.append(where + ": no line (location.lines.begin or "
                         "location.positions.begin.line)")
    return found


BROKEN = [{"description": "x", "check_name": "c", "fingerprint": "f",
           "severity": "warning", "location": {"path": "/a.cpp",
                                                "lines": {"begin": "1"}}}]


def main():
    if len(problems(BROKEN)) != 3:
        sys.stderr.write("validate_codequality: FAILED: the validator does "
                         "not reject a broken report\n")
        return 1
    status = 0
    for name in sys.argv[1:]:
        with open(name) as f:
            report = json.load(f)
        found = problems(report)
        for problem in found:
            sys.stderr.write("%s: %s\n" % (name, problem))
        if found:
            status = 1
        else:
            print("valid: %s (%d issues)" % (name, len(report)))
    return status


if __name__ == "__main__":
    sys.exit(main())
