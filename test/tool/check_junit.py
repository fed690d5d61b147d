#!/usr/bin/env python3
"""check_junit.py FILE: parses a JUnit XML report with xml.etree, checks the
structure that CI systems read (testsuites > testsuite > testcase, with
failure/error children that have a message and a type, and counts that
match), and prints it one test case a line:

  suite acm-tidy tests=N failures=F errors=E
  case NAME: pass | failure TYPE: MESSAGE | error TYPE: MESSAGE ...

Exits 1 on a structure problem.
"""
import sys
import xml.etree.ElementTree as ET


def fail(message):
    sys.stderr.write("check_junit: %s\n" % message)
    sys.exit(1)


def main():
    root = ET.parse(sys.argv[1]).getroot()
    if root.tag != "testsuites":
        fail("the root is <%s>, not <testsuites>" % root.tag)
    suites = list(root)
    if not suites or any(s.tag != "testsuite" for s in suites):
        fail("<testsuites> holds something other than <testsuite>")
    for suite in suites:
        cases = list(suite)
        if any(c.tag != "testcase" for c in cases):
            fail("<testsuite> holds something other than <testcase>")
        failures = errors = 0
        lines = []
        for case in cases:
            if not case.get("name") or not case.get("classname"):
                fail("a test case without a name or classname")
            problems = list(case)
            kinds = {p.tag for p in problems}
            if kinds - {"failure", "error"}:
                fail("a test case holds %s" % sorted(kinds))
            for p in problems:
                if not p.get("message") or not p.get("type") or not p.text:
                    fail("a <%s> without a message, type or text" % p.tag)
            errors += "error" in kinds
            failures += kinds == {"failure"}
            if not problems:
                lines.append("case %s: pass" % case.get("name"))
            else:
                lines.append("case %s: %s" % (case.get("name"), " | ".join(
                    "%s %s: %s" % (p.tag, p.get("type"), p.get("message"))
                    for p in problems)))
        for element in (suite, root):
            counts = (element.get("tests"), element.get("failures"),
                      element.get("errors"))
            if counts != (str(len(cases)), str(failures), str(errors)):
                fail("<%s> counts %s, but holds %d test cases, %d failed, "
                     "%d with errors" % (element.tag, counts, len(cases),
                                         failures, errors))
        print("suite %s tests=%d failures=%d errors=%d" %
              (suite.get("name"), len(cases), failures, errors))
        for line in lines:
            print(line)


if __name__ == "__main__":
    main()
