#!/usr/bin/env python3
"""Reduces acm-tidy, clang-tidy or lsp_diagnostics.py output to comparable
lines: "<line>:<col>: <severity>: <message> [<check>]", notes included,
sorted, with the file's directory dropped. clangd capitalises the first
letter of messages and appends " (fix available)" to those with a fix-it;
both are undone here. Only acm-* findings and their notes are kept, less
clang's own "expanded from macro" notes, which clangd folds into the
diagnostic instead of publishing them.
"""
import re
import sys

DIAG = re.compile(r"^\s*(?:.*/)?([^/:]+):(\d+):(\d+): (warning|error|note): "
                  r"(.*?)(?: \[([\w,.-]+)\])?$")

findings = []
current = None
for line in sys.stdin:
    m = DIAG.match(line.rstrip("\n"))
    if not m:
        continue
    _, row, col, severity, message, check = m.groups()
    message = message[:1].lower() + message[1:]
    if message.endswith(" (fix available)"):
        message = message[:-len(" (fix available)")]
    if severity == "note":
        if current is not None and \
                not message.startswith("FIX-IT applied".lower()) and \
                not message.startswith("expanded from macro"):
            current[1].append("%s:%s: note: %s" % (row, col, message))
        continue
    current = None
    if check and check.startswith("acm-"):
        current = ("%s:%s: %s: %s [%s]" % (row, col, severity, message,
                                           check), [])
        findings.append(current)
for head, notes in sorted(findings):
    print(head)
    for note in notes:
        print("  " + note)
