#!/usr/bin/env python3
"""in_terminal.py CMD...: runs CMD with stdin, stdout and stderr on a
pseudo-terminal and prints what it wrote there, with carriage returns and
the ANSI "erase line" sequence shown as <CR> and <EL> so FileCheck can see
them. Exits with CMD's status."""
import os
import pty
import subprocess
import sys


def main():
    master, slave = pty.openpty()
    process = subprocess.Popen(sys.argv[1:], stdin=slave,
                               stdout=slave, stderr=slave)
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        output += chunk
    status = process.wait()
    text = output.decode("utf-8", "replace").replace("\r\n", "\n")
    text = text.replace("\x1b[K", "<EL>").replace("\r", "<CR>")
    sys.stdout.write(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
