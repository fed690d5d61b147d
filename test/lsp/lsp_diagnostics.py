#!/usr/bin/env python3
"""Drives a clangd over LSP, as an editor does, and prints its diagnostics.

Usage:
  lsp_diagnostics.py --clangd PATH [--clangd-arg ARG]... [--source-prefix P]
                     [--timeout SECONDS] FILE

Opens FILE (its directory may hold compile_flags.txt, compile_commands.json
and .clangd; clangd finds them itself), waits for the diagnostics clangd
publishes for version 1 of it, and prints them sorted, one per line:
  <file>:<line>:<col>: <severity>: <message> [<code>]
followed by each related-information entry (clangd's notes) indented:
  <file>:<line>:<col>: note: <message>
With --links, each diagnostic's line ends with the address of its
documentation (codeDescription.href), if it has one. With --server-info, the first line is the server's name and version from
its answer to initialize: "server: <name> <version>". With --other-files, the diagnostics clangd published before for other
files (such as the .clangd it read) follow, each line prefixed by
"other: ". With --source-prefix, only diagnostics whose source starts with it are
printed (clangd uses "clang-tidy" for tidy checks, "clang" for the compiler).
Set LSP_DEBUG=1 to see clangd's stderr (add --clangd-arg=--log=verbose for
the whole protocol trace).

Exit status 0 on success, 2 if clangd cannot be run, exits early, does not
publish diagnostics in time or exits with a non-zero status at shutdown.
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


class ServerError(Exception):
    """clangd could not be talked to: it exited, broke the protocol or was
    too slow."""


class Server:
    """A language server subprocess speaking JSON-RPC with Content-Length
    framing. A reader thread queues every incoming message; None marks the
    end of the stream."""

    def __init__(self, argv):
        stderr = None if os.environ.get("LSP_DEBUG") else subprocess.DEVNULL
        try:
            self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE,
                                         stderr=stderr)
        except OSError as error:
            raise ServerError("cannot run %s: %s" % (argv[0], error))
        self.next_id = 1
        self.messages = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        try:
            while True:
                message = self._read_message()
                with self.cond:
                    self.messages.append(message)
                    self.cond.notify_all()
                if message is None:
                    return
        except (ValueError, KeyError) as error:
            # A malformed frame: report it as the end of the stream.
            sys.stderr.write("lsp_diagnostics: bad message from clangd: %s\n"
                             % error)
            with self.cond:
                self.messages.append(None)
                self.cond.notify_all()

    def _read_message(self):
        """Returns the next decoded message, or None at end of stream."""
        stream = self.proc.stdout
        headers = {}
        while True:
            line = stream.readline()
            if not line:
                return None
            line = line.decode("ascii").strip()
            if not line:
                break
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        length = int(headers["content-length"])
        body = stream.read(length)
        if len(body) < length:
            return None
        return json.loads(body)

    def send(self, message):
        message["jsonrpc"] = "2.0"
        data = json.dumps(message).encode("utf-8")
        try:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data))
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except OSError as error:  # BrokenPipeError: clangd is gone.
            raise ServerError("cannot write to clangd: %s" % error)

    def request(self, method, params=None):
        """Sends a request and returns its id."""
        ident = self.next_id
        self.next_id += 1
        message = {"id": ident, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return ident

    def notify(self, method, params=None):
        message = {"method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def _answer(self, request):
        """Answers a server->client request with an empty result so that
        clangd never waits on us."""
        result = None
        if request["method"] == "workspace/configuration":
            # One (null) value per item asked for.
            items = request.get("params", {}).get("items", [])
            result = [None] * len(items)
        self.send({"id": request["id"], "result": result})

    def wait_for(self, predicate, deadline):
        """Returns the first message satisfying predicate, answering the
        server's requests on the way; drops the messages it skips."""
        while True:
            with self.cond:
                while not self.messages:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise ServerError("timed out waiting for clangd")
                    self.cond.wait(remaining)
                message = self.messages.pop(0)
            if message is None:
                raise ServerError("clangd closed its output (exit status %s)"
                                  % self._exit_status())
            if "method" in message and "id" in message:
                self._answer(message)
            elif predicate(message):
                return message

    def wait_for_response(self, ident, deadline):
        response = self.wait_for(
            lambda m: "method" not in m and m.get("id") == ident, deadline)
        if "error" in response:
            raise ServerError("request %d failed: %s" %
                              (ident, response["error"]))
        return response.get("result")

    def _exit_status(self):
        try:
            return self.proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            return "unknown: still running"

    def stop(self):
        """Kills clangd if it still runs, and reaps it."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def path_to_uri(path):
    return "file://" + urllib.request.pathname2url(path)


def uri_to_path(uri):
    return urllib.request.url2pathname(urllib.parse.urlparse(uri).path)


def location(uri, position):
    return "%s:%d:%d" % (os.path.basename(uri_to_path(uri)),
                         position["line"] + 1, position["character"] + 1)


def format_diagnostic(uri, diagnostic, links=False):
    """Returns the printed lines of one diagnostic, its notes included."""
    code = diagnostic.get("code")
    href = diagnostic.get("codeDescription", {}).get("href")
    lines = ["%s: %s: %s%s%s" % (
        location(uri, diagnostic["range"]["start"]),
        SEVERITY.get(diagnostic.get("severity", 1), "error"),
        diagnostic["message"], "" if code is None else " [%s]" % code,
        " <%s>" % href if links and href else "")]
    # Notes keep the order clangd gives them (the order clang emitted them).
    for related in diagnostic.get("relatedInformation", []):
        lines.append("  %s: note: %s" % (
            location(related["location"]["uri"],
                     related["location"]["range"]["start"]),
            related["message"]))
    return lines


def collect_diagnostics(server, path, timeout, others, server_info):
    """Runs the editor side of the session up to the first diagnostics of
    version 1 of path, and returns them. Appends (uri, diagnostic) to others
    for those published for other files on the way, and the server's name
    and version to server_info."""
    deadline = time.monotonic() + timeout
    init = server.request("initialize", {
        "processId": os.getpid(),
        "rootUri": path_to_uri(os.path.dirname(path)),
        "capabilities": {"textDocument": {"publishDiagnostics": {
            "relatedInformation": True,
            "codeDescriptionSupport": True}}},
    })
    result = server.wait_for_response(init, deadline) or {}
    info = result.get("serverInfo", {})
    server_info.append("%s %s" % (info.get("name"), info.get("version")))
    server.notify("initialized", {})

    with open(path, encoding="utf-8") as f:
        text = f.read()
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": path_to_uri(path), "languageId": "cpp", "version": 1,
        "text": text}})

    # clangd also publishes for other URIs (e.g. the .clangd file it read),
    # and may re-encode ours, so compare paths rather than URI strings.
    def is_ours(message):
        if message.get("method") != "textDocument/publishDiagnostics":
            return False
        params = message["params"]
        if uri_to_path(params["uri"]) != path:
            others.extend((params["uri"], d) for d in params["diagnostics"])
            return False
        return params.get("version", 1) == 1

    published = server.wait_for(is_ours, deadline)
    return published["params"]["diagnostics"]


def shut_down(server):
    """shutdown, then exit, as an editor closing does; kills clangd if it
    does not cooperate within 10 seconds. Returns clangd's exit status, or
    None when it had to be killed."""
    status = None
    try:
        deadline = time.monotonic() + 10
        server.wait_for_response(server.request("shutdown"), deadline)
        server.notify("exit")
        status = server.proc.wait(timeout=max(0, deadline - time.monotonic()))
    except (ServerError, subprocess.TimeoutExpired):
        pass
    server.stop()
    return status


def main():
    parser = argparse.ArgumentParser(
        description="Print the diagnostics clangd publishes for FILE.")
    parser.add_argument("--clangd", required=True, help="clangd binary")
    parser.add_argument("--clangd-arg", action="append", default=[],
                        metavar="ARG", help="extra clangd argument")
    parser.add_argument("--source-prefix", default="", metavar="PREFIX",
                        help="print only diagnostics whose source starts "
                             "with PREFIX")
    parser.add_argument("--links", action="store_true",
                        help="print each diagnostic's documentation address")
    parser.add_argument("--server-info", action="store_true",
                        help="first print the server's name and version")
    parser.add_argument("--other-files", action="store_true",
                        help="also print the diagnostics published for "
                             "other files")
    parser.add_argument("--timeout", type=float, default=120,
                        metavar="SECONDS")
    parser.add_argument("file")
    args = parser.parse_args()

    path = os.path.abspath(args.file)
    argv = [args.clangd] + args.clangd_arg
    if not any(arg.startswith(("--log", "-log")) for arg in args.clangd_arg):
        argv.append("--log=error")

    server = None
    try:
        server = Server(argv)
        others = []
        server_info = []
        diagnostics = collect_diagnostics(server, path, args.timeout, others,
                                          server_info)
    except (ServerError, OSError) as error:
        sys.stderr.write("lsp_diagnostics: no diagnostics for %s: %s\n" %
                         (args.file, error))
        if server:
            server.stop()
        return 2

    uri = path_to_uri(path)
    diagnostics = [d for d in diagnostics
                   if d.get("source", "").startswith(args.source_prefix)]
    diagnostics.sort(key=lambda d: (d["range"]["start"]["line"],
                                    d["range"]["start"]["character"],
                                    d["message"]))
    if args.server_info:
        print("server: " + server_info[0])
    for diagnostic in diagnostics:
        for line in format_diagnostic(uri, diagnostic, args.links):
            print(line)
    if args.other_files:
        for other_uri, diagnostic in others:
            for line in format_diagnostic(other_uri, diagnostic):
                print("other: " + line)
    sys.stdout.flush()

    # A clean shutdown exits 0; anything else after the diagnostics, such as
    # a sanitizer's report at exit, is a failure.
    status = shut_down(server)
    if status:
        sys.stderr.write("lsp_diagnostics: clangd exited with status %d\n" %
                         status)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
