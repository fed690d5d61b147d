#!/usr/bin/env python3
"""show_escapes.py: copies stdin to stdout with each ESC shown as <ESC>, so
that FileCheck can look for escape codes."""
import sys

sys.stdout.write(sys.stdin.read().replace("\x1b", "<ESC>"))
