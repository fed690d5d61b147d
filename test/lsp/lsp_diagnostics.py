#!/usr/bin/env python3
"""Drives a clangd over LSP, as an editor does, and prints its diagnostics.

Usage:
  lsp_diagnostics.py --clangd PATH [--clangd-arg ARG]... [--source-prefix P]
                     [--timeout SECONDS] FILE

Opens FILE (its directory may hold compile_flags.txt and .clangd), waits for
the diagnostics clangd publishes for it, and prints them sorted, one per line:
  <file>:<line>:<col>: <severity>: <message> [<code>]
followed by each related-information entry (clangd's notes) indented:
  <file>:<line>:<col>: note: <message>
Exit status 0 on success, 2 on a protocol failure or timeout.
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

SEVERITY = {1: "error", 2: "warning", 3: "note", 4: "note"}


class Server:
    def __init__(self, argv):
        stderr = None if os.environ.get("LSP_DEBUG") else subprocess.DEVNULL
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=stderr)
        self.next_id = 1
        self.messages = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    with self.cond:
                        self.messages.append(None)
                        self.cond.notify_all()
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                key, _, value = line.partition(":")
                headers[key.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            with self.cond:
                self.messages.append(json.loads(body))
                self.cond.notify_all()

    def send(self, message):
        data = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def request(self, method, params):
        ident = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": ident, "method": method,
                   "params": params})
        return ident

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, predicate, deadline):
        """Returns the first message satisfying predicate, answering the
        server's own requests on the way so it never blocks."""
        seen = 0
        while True:
            with self.cond:
                while seen >= len(self.messages):
                    remaining = deadline - time.time()
                    if remaining <= 0:
                        raise TimeoutError()
                    self.cond.wait(remaining)
                message = self.messages[seen]
                seen += 1
            if message is None:
                raise EOFError("clangd exited")
            if "method" in message and "id" in message:
                self.send({"jsonrpc": "2.0", "id": message["id"],
                           "result": None})
                continue
            if predicate(message):
                with self.cond:
                    del self.messages[:seen]
                return message


def location(uri, position):
    path = urllib.request.url2pathname(urllib.parse.urlparse(uri).path)
    return "%s:%d:%d" % (os.path.basename(path), position["line"] + 1,
                         position["character"] + 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--clangd-arg", action="append", default=[])
    parser.add_argument("--source-prefix", default="")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("file")
    args = parser.parse_args()

    path = os.path.abspath(args.file)
    uri = "file://" + urllib.request.pathname2url(path)
    argv = [args.clangd] + args.clangd_arg
    if not any(a.startswith("--log") for a in args.clangd_arg):
        argv.append("--log=error")
    server = Server(argv)
    deadline = time.time() + args.timeout
    try:
        init = server.request("initialize", {
            "processId": os.getpid(),
            "rootUri": "file://" + urllib.request.pathname2url(
                os.path.dirname(path)),
            "capabilities": {"textDocument": {"publishDiagnostics": {
                "relatedInformation": True,
                "codeDescriptionSupport": True}}},
        })
        server.wait_for(lambda m: m.get("id") == init, deadline)
        server.notify("initialized", {})
        with open(path, encoding="utf-8") as f:
            text = f.read()
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
        published = server.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and m["params"].get("version", 1) == 1, deadline)
    except (TimeoutError, EOFError) as error:
        sys.stderr.write("lsp_diagnostics: no diagnostics from clangd: %s\n" %
                         (error or "timed out"))
        server.proc.kill()
        return 2

    diagnostics = [d for d in published["params"]["diagnostics"]
                   if d.get("source", "").startswith(args.source_prefix)]
    diagnostics.sort(key=lambda d: (d["range"]["start"]["line"],
                                    d["range"]["start"]["character"],
                                    d["message"]))
    for d in diagnostics:
        code = " [%s]" % d["code"] if "code" in d else ""
        print("%s: %s: %s%s" % (location(uri, d["range"]["start"]),
                                SEVERITY.get(d.get("severity", 1), "error"),
                                d["message"], code))
        for related in d.get("relatedInformation", []):
            print("  %s: note: %s" % (
                location(related["location"]["uri"],
                         related["location"]["range"]["start"]),
                related["message"]))
    sys.stdout.flush()

    try:
        shutdown = server.request("shutdown", None)
        server.wait_for(lambda m: m.get("id") == shutdown,
                        time.time() + 10)
        server.notify("exit", None)
        server.proc.wait(timeout=10)
    except (TimeoutError, EOFError, subprocess.TimeoutExpired):
        server.proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
