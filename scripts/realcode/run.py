#!/usr/bin/env python3
"""Runs acm-tidy over real coroutine code, fetched at run time.

Takes the repositories of manifest.json (each pinned to one commit), fetches
them into --work-dir (from GitHub, or from local mirrors with --mirrors),
installs the Debian packages their headers need, generates the headers their
build systems would, and then:

1. Precision: compiles every selected file with clang (-fsyntax-only),
   lists the ones that do not compile, and runs acm-tidy over the others
   through a generated compile_commands.json. Every finding on this
   unmodified code is printed: each is either a false positive or a real
   bug, for a person to read.
2. Recall (--mutants): at each place where the code awaits the exit of an
   object (`co_await scope.joinAsync();`, `co_await out.close();`, ...),
   makes a mutant without that one statement (and one where only the
   `co_await` is dropped) and runs acm-tidy on it: a new
   acm-missing-exit-await finding means the deleted exit was caught.

Writes the results to <work-dir>/summary.json. Exit status: 0 when acm-tidy
ran on every file that clang compiles (findings or not), 1 when acm-tidy
crashed or failed on such a file (or on a mutant), 2 on a setup error (a
repository that cannot be fetched, a missing tool).

  scripts/realcode/run.py [--work-dir DIR] [--mirrors DIR] [--acm-tidy PATH]
                          [--repos a,b] [--files GLOBS] [--mutants] [-j N]
                          [--no-install]
"""
import argparse
import concurrent.futures
import fnmatch
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

COROUTINE = r"\bco_(await|yield|return)\b"
# Exit ops of the built-in profiles (docs/profiles.md) and of the structural
# names: where one is awaited as a statement, a mutant deletes it.
DEFAULT_EXIT_OPS = [
    "joinAsync", "cancelAndJoinAsync", "cleanup", "join", "complete",
    "close", "stop", "on_empty", "when_empty", "await_exit", "aexit",
    "async_exit", "aclose", "async_close",
]


class SetupError(Exception):
    pass


def log(msg=""):
    print(msg, flush=True)


def run(argv, cwd=None, stdin=None, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, timeout=None):
    """Runs argv; returns (status, stderr text, CPU seconds of the child).

    The status is negative for a signal, as subprocess reports it."""
    start = time.monotonic()
    with subprocess.Popen(argv, cwd=cwd, stdin=stdin, stdout=stdout,
                          stderr=stderr) as proc:
        err = b""
        if stderr == subprocess.PIPE:
            # Read stderr before waiting, so a chatty child never blocks.
            err = proc.stderr.read()
        try:
            deadline = None if timeout is None else start + timeout
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if deadline is not None and time.monotonic() > deadline:
                    proc.kill()
                    pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.02)
        except ChildProcessError:
            proc.wait()
            return proc.returncode, err.decode("utf-8", "replace"), 0.0
        proc.returncode = (-os.WTERMSIG(status) if os.WIFSIGNALED(status)
                           else os.WEXITSTATUS(status))
        cpu = usage.ru_utime + usage.ru_stime
        return proc.returncode, err.decode("utf-8", "replace"), cpu


def check_call(argv, cwd=None, what=None):
    status, err, _ = run(argv, cwd=cwd)
    if status != 0:
        raise SetupError("%s failed (status %d): %s\n%s" % (
            what or argv[0], status, " ".join(argv), err.strip()))


# ---------------------------------------------------------------- fetching

def mirror_name(repo):
    if repo.get("mirror"):
        return repo["mirror"]
    m = re.search(r"([^/:]+)/([^/]+?)(\.git)?/*$", repo["url"])
    if not m:
        raise SetupError("%s: cannot derive a mirror name from %s" % (
            repo["name"], repo["url"]))
    return m.group(1) + "+" + m.group(2)


def find_mirror(mirrors, repo):
    base = os.path.join(mirrors, mirror_name(repo))
    for cand in (os.path.join(base, "repo"), base):
        if os.path.isdir(cand):
            status, _, _ = run(["git", "-C", cand, "rev-parse", "--git-dir"])
            if status == 0:
                return cand
    raise SetupError("%s: no git mirror at %s" % (repo["name"], base))


def fetch(repo, src, mirrors):
    """Puts the pinned commit of repo into src; reuses a previous fetch."""
    stamp = os.path.join(src, ".acm-realcode-commit")
    commit = repo["commit"]
    if os.path.exists(stamp) and open(stamp).read().strip() == commit:
        return "reused"
    if os.path.exists(src):
        shutil.rmtree(src)
    os.makedirs(src)
    if mirrors:
        # git archive reads only the blobs it writes, so a partial mirror
        # that lacks some blob outside the needed paths still serves.
        mirror = find_mirror(mirrors, repo)
        spec = ["."] + [":(exclude)" + p for p in repo.get("exclude_paths", [])]
        archive = subprocess.Popen(
            ["git", "-C", mirror, "archive", "--format=tar", commit, "--"]
            + spec, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        untar = subprocess.run(["tar", "-x", "-C", src], stdin=archive.stdout,
                               stderr=subprocess.PIPE)
        archive.stdout.close()
        err = archive.stderr.read().decode("utf-8", "replace")
        if archive.wait() != 0 or untar.returncode != 0:
            raise SetupError("%s: cannot take commit %s from %s: %s%s" % (
                repo["name"], commit, mirror, err.strip(),
                untar.stderr.decode("utf-8", "replace").strip()))
        how = "from " + mirror
    else:
        check_call(["git", "init", "-q", src], what="git init")
        check_call(["git", "-C", src, "fetch", "-q", "--depth", "1",
                    repo["url"], commit], what="git fetch of " + repo["url"])
        check_call(["git", "-C", src, "checkout", "-q", "--detach",
                    "FETCH_HEAD"], what="git checkout")
        how = "from " + repo["url"]
    with open(stamp, "w") as f:
        f.write(commit + "\n")
    return how


# ---------------------------------------------------------------- packages

def installed(pkg):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except FileNotFoundError:
        return None
    return b"install ok installed" in out.stdout


def ensure_packages(pkgs, allow_install):
    """Installs missing Debian packages (as root) or says which are missing."""
    state = {p: installed(p) for p in pkgs}
    if any(v is None for v in state.values()):
        log("  (no dpkg here: cannot check the packages %s)" % " ".join(pkgs))
        return []
    missing = [p for p in pkgs if not state[p]]
    if not missing:
        return []
    cmd = ["apt-get", "install", "-y", "--no-install-recommends"] + missing
    if not allow_install or os.geteuid() != 0:
        log("  missing Debian packages; install them with:\n    %s" %
            " ".join(cmd))
        return missing
    log("  installing %s" % " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for attempt in range(2):
        if subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL).returncode == 0:
            return []
        if attempt == 0:
            subprocess.run(["apt-get", "update", "-q"], env=env,
                           stdout=subprocess.DEVNULL)
    log("  apt-get could not install %s" % " ".join(missing))
    return [p for p in missing if not installed(p)]


# ---------------------------------------------------------------- generation

def expand(value, src, gen):
    return value.replace("@src", src).replace("@gen", gen).replace(
        "@root", ROOT)


def generate(repo, src, gen):
    """Writes the headers a repository's build would generate."""
    if os.path.exists(gen):
        shutil.rmtree(gen)
    os.makedirs(gen)
    for step in repo.get("generate", []):
        kind = step["kind"]
        out = os.path.join(gen, step["out"]) if "out" in step else None
        if out:
            os.makedirs(os.path.dirname(out), exist_ok=True)
        if kind == "text":
            with open(out, "w") as f:
                f.write("\n".join(step["lines"]) + "\n")
        elif kind == "cmake-config":
            # As CMake's configure_file: #cmakedefine01 NAME becomes
            # "#define NAME 1" or "0", #cmakedefine NAME V "#define NAME V"
            # or a comment, by whether NAME is in "defined".
            on = set(step.get("defined", []))
            lines = []
            for line in open(os.path.join(src, step["template"])):
                m = re.match(r"#cmakedefine01\s+(\w+)", line)
                if m:
                    lines.append("#define %s %d\n" % (m[1], m[1] in on))
                    continue
                m = re.match(r"#cmakedefine\s+(\w+)(.*)", line)
                if m:
                    lines.append("#define %s%s\n" % (m[1], m[2])
                                 if m[1] in on else "/* #undef %s */\n" % m[1])
                    continue
                lines.append(line)
            with open(out, "w") as f:
                f.write("".join(lines))
        elif kind == "command":
            argv = [expand(a, src, gen) for a in step["argv"]]
            check_call(argv, cwd=src, what="generating %s" % step.get(
                "out", argv[0]))
        else:
            raise SetupError("%s: unknown generation step %r" % (
                repo["name"], kind))


# ---------------------------------------------------------------- files

def select_files(repo, src):
    pattern = re.compile(repo.get("require", COROUTINE))
    found = set()
    for g in repo["files"]:
        for path in glob.glob(os.path.join(src, g), recursive=True):
            # A mutant left by an interrupted run is not the repository's.
            if os.path.isfile(path) and ".acm-mutant-" not in path:
                found.add(os.path.relpath(path, src))
    skipped = []
    files = []
    for rel in sorted(found):
        if any(fnmatch.fnmatch(rel, s) for s in repo.get("skip", [])):
            skipped.append(rel)
            continue
        with open(os.path.join(src, rel), errors="replace") as f:
            if pattern.search(f.read()):
                files.append(rel)
    return files, skipped


def compile_args(repo, src, gen, clang):
    args = [clang, "-std=" + repo.get("std", "c++20")]
    for inc in repo.get("include", []):
        inc = expand(inc, src, gen)
        args.append("-I" + (inc if os.path.isabs(inc) else os.path.join(src, inc)))
    args += ["-D" + d for d in repo.get("defines", [])]
    args += [expand(a, src, gen) for a in repo.get("flags", [])]
    return args


def first_error(text):
    for line in text.splitlines():
        if "error:" in line:
            return line.strip()
    return text.strip().splitlines()[0] if text.strip() else "(no message)"


def parallel(fn, items, jobs):
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(fn, items))


def write_database(path, entries):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(entries, f, indent=1)


# ---------------------------------------------------------------- acm-tidy

def tidy_argv(args, build_dir, files, output, jobs, src):
    # No result cache: the CPU time is compared with clang's parse.
    return [args.acm_tidy, "-p", build_dir, "--checks=acm-*", "--no-cache",
            "--config-file=" + args.tidy_config, "-j", str(jobs),
            "--format=json", "--output=" + output, "--source-root=" + src,
            "--quiet"] + files


def read_findings(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return []


def is_crash(status):
    return status not in (0, 1, 2)


def run_tidy(args, build_dir, files, out_path, jobs, src):
    """One acm-tidy run; returns (status, findings, stderr, cpu seconds).

    Findings name the files inside src relative to it."""
    if os.path.exists(out_path):
        os.remove(out_path)
    status, err, cpu = run(tidy_argv(args, build_dir, files, out_path, jobs,
                                     src), cwd=src,
                           timeout=args.timeout * max(1, len(files)))
    return status, read_findings(out_path), err, cpu


def tidy_each(args, build_dir, files, out_dir, src):
    """acm-tidy on each file alone: who crashed, who failed to compile."""
    os.makedirs(out_dir, exist_ok=True)

    def one(item):
        i, path = item
        out = os.path.join(out_dir, "one-%d.json" % i)
        status, findings, err, _ = run_tidy(args, build_dir, [path], out, 1,
                                            src)
        return path, status, findings, err
    return parallel(one, list(enumerate(files)), args.jobs)


def finding_key(f):
    return (f.get("file"), f.get("line"), f.get("column"), f.get("check"),
            f.get("message"))


def describe(f, src):
    path = f.get("file", "?")
    if src and path.startswith(src + os.sep):
        path = os.path.relpath(path, src)
    text = "%s:%s:%s: %s: %s [%s]" % (path, f.get("line"), f.get("column"),
                                      f.get("level"), f.get("message"),
                                      f.get("check"))
    if f.get("function"):
        text += " (in %s)" % f["function"]
    for n in f.get("notes", []):
        npath = n.get("file", "?")
        if src and npath.startswith(src + os.sep):
            npath = os.path.relpath(npath, src)
        text += "\n      %s:%s:%s: note: %s" % (npath, n.get("line"),
                                               n.get("column"), n.get("message"))
    return text


# ---------------------------------------------------------------- mutants

def strip_comments(text):
    """The text with comments and string literals blanked, same offsets."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            for k in range(i, j):
                out[k] = " "
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                if out[k] != "\n":
                    out[k] = " "
            i = j
        elif c == '"' and not re.match(r"R$", text[max(0, i - 1):i]):
            j = i + 1
            while j < n and text[j] not in '"\n':
                j += 2 if text[j] == "\\" else 1
            for k in range(i + 1, min(j, n)):
                out[k] = " "
            i = j + 1
        elif c == "'" and not (i and (text[i - 1].isalnum())):
            # A character literal (not a digit separator).
            j = i + 1
            while j < n and text[j] not in "'\n":
                j += 2 if text[j] == "\\" else 1
            for k in range(i + 1, min(j, n)):
                out[k] = " "
            i = j + 1
        else:
            i += 1
    return "".join(out)


def statement_end(code, start):
    """Offset just past the ';' that ends the statement starting at start."""
    depth = 0
    for i in range(start, len(code)):
        c = code[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth < 0:
                return None
        elif c == ";" and depth == 0:
            return i + 1
    return None


def find_exit_sites(text, exit_ops):
    """Statements `co_await <object>.<exit op>(...);`.

    Returns (offset of co_await, end offset, line, object, op)."""
    code = strip_comments(text)
    ops = "|".join(re.escape(o) for o in exit_ops)
    pat = re.compile(
        r"\bco_await\s+(?P<obj>(?:std::move\(\s*[\w.\->\[\]]+\s*\))"
        r"|[A-Za-z_][\w]*(?:(?:\.|->)[A-Za-z_]\w*|\[[^\]]*\])*)"
        r"\s*(?:\.|->)\s*(?P<op>" + ops + r")\s*\(")
    sites = []
    for m in pat.finditer(code):
        before = code[:m.start()].rstrip()
        # Only a whole statement: what precedes ends a statement or opens
        # a block (a label, a case, an else, a condition's ')' also do).
        if not (before == "" or before[-1] in ";{}:" or before.endswith(")")
                or re.search(r"\belse$", before)):
            continue
        if before.endswith(")") and not re.search(
                r"\b(if|while|for)\s*\(.*\)$", before.splitlines()[-1]
                if before.splitlines() else ""):
            continue
        end = statement_end(code, m.start())
        if end is None:
            continue
        obj = m.group("obj")
        mm = re.match(r"std::move\(\s*(.*?)\s*\)$", obj)
        if mm:
            obj = mm.group(1)
        line = text.count("\n", 0, m.start()) + 1
        sites.append((m.start(), end, line, obj, m.group("op")))
    return sites


def blank(text, start, end, keep=";"):
    """Replaces text[start:end] by keep, keeping every newline."""
    middle = text[start:end]
    repl = keep + "".join("\n" for c in middle if c == "\n")
    return text[:start] + repl + text[end:]


def make_mutants(text, sites, drop_await):
    for start, end, line, obj, op in sites:
        yield ("delete", line, obj, op, blank(text, start, end))
        if drop_await:
            yield ("drop-co_await", line, obj, op,
                   text[:start] + " " * len("co_await") + text[start + 8:])


def coroutines(args, build_dir, path, out, src):
    """acm-tidy's view of each coroutine in a file (--acm-debug-flow):
    [(first line, name, names of the objects it tracks)], in line order."""
    status, err, _ = run([args.acm_tidy, "-p", build_dir, "--checks=acm-*",
                          "--config-file=" + args.tidy_config,
                          "--acm-debug-flow", "-j", "1", "--quiet",
                          "--output=" + out, path], cwd=src,
                         timeout=args.timeout)
    found = []
    for line in err.splitlines():
        m = re.match(r"acm-debug-flow: '(.*)' at (.*):(\d+):\d+$", line)
        if m:
            mine = os.path.realpath(m.group(2)) == os.path.realpath(path)
            found.append([int(m.group(3)), m.group(1), set(), mine])
            continue
        m = re.match(r"\s+tracked '([^']+)'", line)
        if m and found:
            found[-1][2].add(m.group(1))
    return sorted((l, n, t) for l, n, t, mine in found if mine)


def around(coros, line):
    """The coroutine a line is in: the last one that starts before it."""
    best = None
    for start, name, tracked in coros:
        if start <= line:
            best = (start, name, tracked)
    return best


def run_mutants(args, repo, src, build_dir, checked, findings_by_file,
                base_args, result):
    exit_ops = repo.get("exit_ops", DEFAULT_EXIT_OPS)
    mut_dir = os.path.join(args.work_dir, repo["name"], "mutants")
    if os.path.exists(mut_dir):
        shutil.rmtree(mut_dir)
    os.makedirs(mut_dir)
    mutants = []
    for rel in checked:
        path = os.path.join(src, rel)
        text = open(path, encoding="utf-8", errors="surrogateescape").read()
        sites = find_exit_sites(text, exit_ops)
        for kind, line, obj, op, mtext in make_mutants(text, sites,
                                                        not args.no_drop):
            stem, ext = os.path.splitext(path)
            mpath = "%s.acm-mutant-%d%s" % (stem, len(mutants), ext)
            with open(mpath, "w", encoding="utf-8",
                      errors="surrogateescape") as f:
                f.write(mtext)
            mutants.append({"file": rel, "line": line, "object": obj,
                            "op": op, "kind": kind, "path": mpath})
    result["mutants"] = {"sites": len({(m["file"], m["line"]) for m in mutants}),
                         "total": len(mutants)}
    if not mutants:
        log("  mutants: no exit-await statement found")
        return False
    try:
        db_dir = os.path.join(mut_dir, "build")
        write_database(os.path.join(db_dir, "compile_commands.json"), [
            {"directory": src, "file": m["path"],
             # A function that loses its last co_await is no coroutine:
             # falling off its end is then an error, not a mutant.
             "arguments": base_args + ["-Werror=return-type", "-c", m["path"]]}
            for m in mutants])
        paths = [m["path"] for m in mutants]
        status, findings, err, _ = run_tidy(
            args, db_dir, paths, os.path.join(mut_dir, "findings.json"),
            args.jobs, src)
        crashed = False
        per_file = {}
        for f in findings:
            per_file.setdefault(f.get("file"), []).append(f)
        rels = {os.path.relpath(p, src) for p in paths}
        # Status 2 with every error inside a mutant: those mutants do not
        # compile, and the run's findings still tell about the others.
        attributed = status in (0, 1) or status == 2 and all(
            f.get("file") in rels for f in findings
            if f.get("level") == "error")
        if attributed:
            outcomes = {p: (status, per_file.get(os.path.relpath(p, src), []),
                            "") for p in paths}
        else:
            outcomes = {p: (s, fs, e) for p, s, fs, e in
                        tidy_each(args, db_dir, paths,
                                  os.path.join(mut_dir, "each"), src)}
        for m in mutants:
            s, fs, e = outcomes[m["path"]]
            orig = findings_by_file.get(m["file"], [])
            # Lines are kept, so the original's findings compare by key.
            old = {finding_key(dict(f, file=None)) for f in orig}
            new = [f for f in fs if f.get("file") == os.path.relpath(m["path"], src)
                   and finding_key(dict(f, file=None)) not in old]
            if is_crash(s):
                m["outcome"] = "crash"
                m["detail"] = e.strip()[-2000:]
                crashed = True
            elif any(f.get("level") == "error" for f in fs):
                m["outcome"] = "does not compile"
                m["detail"] = next(f["message"] for f in fs
                                   if f.get("level") == "error")
            elif any(f.get("check") == "acm-missing-exit-await" for f in new):
                m["outcome"] = "caught"
                m["detail"] = next(f["message"] for f in new
                                   if f.get("check") == "acm-missing-exit-await")
            else:
                m["outcome"] = "missed"
                m["detail"] = "; ".join("%s [%s]" % (f["message"], f["check"])
                                        for f in new) or "no new finding"
    finally:
        for m in mutants:
            if os.path.exists(m["path"]):
                os.remove(m["path"])
    # For what was not caught: is the object one acm-tidy tracks in the
    # coroutine around the site, and does it report the object already?
    missed_files = sorted({m["file"] for m in mutants if m["outcome"] == "missed"})
    coros = {rel: coroutines(args, build_dir, os.path.join(src, rel),
                             os.path.join(mut_dir, "debug.json"), src)
             for rel in missed_files}
    for m in mutants:
        m.pop("path")
        if m["outcome"] != "missed":
            continue
        where = around(coros[m["file"]], m["line"])
        m["coroutine"] = where[1] if where else None
        m["tracked"] = bool(where) and m["object"] in where[2]
        start = where[0] if where else 0
        for f in findings_by_file.get(m["file"], []):
            entered = [n["line"] for n in f.get("notes", [])
                       if n.get("file") == m["file"]]
            if (f.get("check") == "acm-missing-exit-await"
                    and f.get("object") == m["object"]
                    and any(start <= l <= m["line"] for l in entered)):
                m["outcome"] = "already reported"
                m["detail"] = "the unmodified code has: %s (line %s)" % (
                    f["message"], f["line"])
    compiled = [m for m in mutants if m["outcome"] in ("caught", "missed")]
    for kind in ("delete", "drop-co_await"):
        ms = [m for m in compiled if m["kind"] == kind]
        if ms:
            log("  mutants (%s): %d/%d caught" % (
                kind, sum(m["outcome"] == "caught" for m in ms), len(ms)))
    for m in mutants:
        if m["outcome"] == "already reported":
            log("    already reported: %s:%d %s of %s.%s(): %s" % (
                m["file"], m["line"], m["kind"], m["object"], m["op"],
                m["detail"]))
    bad = [m for m in mutants if m["outcome"] in ("crash", "does not compile")]
    if bad:
        log("  mutants that do not compile or crashed: %d" % len(bad))
        for m in bad:
            log("    %s:%d %s of %s.%s(): %s: %s" % (
                m["file"], m["line"], m["kind"], m["object"], m["op"],
                m["outcome"], m["detail"][:200]))
    for m in mutants:
        if m["outcome"] == "missed":
            log("    missed: %s:%d %s of %s.%s() in %s (%s; %s)" % (
                m["file"], m["line"], m["kind"], m["object"], m["op"],
                m["coroutine"] or "?", m["detail"],
                "'%s' is tracked there" % m["object"] if m["tracked"]
                else "acm-tidy tracks no '%s' there" % m["object"]))
    result["mutants"].update({
        "compiled": len(compiled),
        "caught": sum(m["outcome"] == "caught" for m in mutants),
        "already_reported": sum(m["outcome"] == "already reported"
                                for m in mutants),
        "not_compiled": len(bad),
        "list": mutants})
    return crashed


# ---------------------------------------------------------------- one repo

def check_repo(args, repo):
    name = repo["name"]
    result = {"name": name, "url": repo["url"], "commit": repo["commit"]}
    log("== %s %s at %s" % (name, repo["url"], repo["commit"][:12]))
    base = os.path.join(args.work_dir, name)
    src = os.path.join(base, "src")
    gen = os.path.join(base, "gen")
    build_dir = os.path.join(base, "build")
    how = fetch(repo, src, args.mirrors)
    log("  fetched %s" % how)
    result["missing_packages"] = ensure_packages(repo.get("packages", []),
                                                 not args.no_install)
    generate(repo, src, gen)
    files, skipped = select_files(repo, src)
    base_args = compile_args(repo, src, gen, args.clang)
    if args.files:
        files = [f for f in files
                 if any(fnmatch.fnmatch(f, g) for g in args.files.split(","))]
    if args.max_files:
        files = files[:args.max_files]
    log("  %d files with coroutine code (%d skipped by the manifest)" % (
        len(files), len(skipped)))

    def compile_one(rel):
        path = os.path.join(src, rel)
        status, err, cpu = run(base_args + ["-fsyntax-only", path], cwd=src,
                               timeout=args.timeout)
        return rel, status, err, cpu
    compiled = parallel(compile_one, files, args.jobs)
    ok = [rel for rel, status, _, _ in compiled if status == 0]
    bad = [(rel, first_error(err)) for rel, status, err, _ in compiled
           if status != 0]
    clang_cpu = sum(cpu for rel, status, _, cpu in compiled if status == 0)
    log("  clang: %d compile, %d do not" % (len(ok), len(bad)))
    for rel, msg in bad:
        log("    does not compile: %s: %s" % (rel, msg))
    result.update({"files": len(files), "skipped_by_manifest": skipped,
                   "compiled": len(ok),
                   "not_compiled": [{"file": r, "error": m} for r, m in bad]})
    if not ok:
        result.update({"checked": 0, "findings": [], "tidy_failures": []})
        return result, False
    write_database(os.path.join(build_dir, "compile_commands.json"), [
        {"directory": src, "file": os.path.join(src, rel),
         "arguments": base_args + ["-c", os.path.join(src, rel)]}
        for rel in ok])
    paths = [os.path.join(src, rel) for rel in ok]
    start = time.monotonic()
    status, findings, err, tidy_cpu = run_tidy(
        args, build_dir, paths, os.path.join(base, "findings.json"), args.jobs,
        src)
    wall = time.monotonic() - start
    failures = []
    if status not in (0, 1):
        # Find out which files acm-tidy could not check, one by one.
        findings = []
        for path, s, fs, e in tidy_each(args, build_dir, paths,
                                        os.path.join(base, "each"), src):
            errors = [f for f in fs if f.get("level") == "error"]
            if is_crash(s) or s == 2 or errors:
                failures.append({
                    "file": os.path.relpath(path, src), "status": s,
                    "errors": [describe(f, src) for f in errors][:10],
                    "stderr": e.strip()[-2000:] if is_crash(s) else ""})
            findings += [f for f in fs if f.get("level") != "error"]
    uniq = {}
    for f in findings:
        uniq.setdefault(finding_key(f), f)
    findings = [uniq[k] for k in sorted(uniq, key=lambda k: tuple(
        "" if v is None else str(v).zfill(8) if isinstance(v, int) else v
        for v in k))]
    ratio = tidy_cpu / clang_cpu if clang_cpu else 0.0
    log("  acm-tidy: %d files, status %d, %d findings; CPU %.1f s "
        "(clang -fsyntax-only: %.1f s, ratio %.2f), wall %.1f s" % (
            len(ok), status, len(findings), tidy_cpu, clang_cpu, ratio, wall))
    for fail in failures:
        log("    acm-tidy FAILED on %s (status %d)%s" % (
            fail["file"], fail["status"],
            "".join("\n      " + e for e in fail["errors"])
            + ("\n      " + fail["stderr"].replace("\n", "\n      ")
               if fail["stderr"] else "")))
    for f in findings:
        log("    finding: " + describe(f, src))
    result.update({
        "checked": len(ok) - len(failures), "tidy_status": status,
        "tidy_failures": failures, "clang_cpu_seconds": round(clang_cpu, 2),
        "tidy_cpu_seconds": round(tidy_cpu, 2), "tidy_wall_seconds": round(wall, 2),
        "findings": [dict(f, text=describe(f, src)) for f in findings]})
    crashed = bool(failures)
    if args.mutants:
        by_file = {}
        for f in findings:
            by_file.setdefault(f.get("file"), []).append(f)
        failed = {x["file"] for x in failures}
        checked = [rel for rel in ok if rel not in failed]
        crashed |= run_mutants(args, repo, src, build_dir, checked, by_file,
                               base_args, result)
    return result, crashed


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work-dir", default="/tmp/acm-realcode",
                    help="where the repositories are fetched and the results "
                    "written (default: %(default)s)")
    ap.add_argument("--mirrors", help="take the repositories from local git "
                    "mirrors, DIR/<owner>+<name>[/repo], instead of the "
                    "network")
    ap.add_argument("--acm-tidy", default=os.path.join(ROOT, "build", "bin",
                                                       "acm-tidy"),
                    help="acm-tidy binary (default: build/bin/acm-tidy)")
    ap.add_argument("--clang", default="clang++-22",
                    help="the compiler that decides what compiles")
    ap.add_argument("--manifest", default=os.path.join(HERE, "manifest.json"))
    ap.add_argument("--repos", help="comma-separated names (default: all)")
    ap.add_argument("--mutants", action="store_true",
                    help="also delete each exit-await statement in turn")
    ap.add_argument("--no-drop", action="store_true",
                    help="with --mutants, do not also make the mutants that "
                    "only drop the co_await")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--no-install", action="store_true",
                    help="print the apt-get command for missing Debian "
                    "packages instead of running it")
    ap.add_argument("--files", help="comma-separated globs: check only the "
                    "selected files that match one (test/foo*.cpp)")
    ap.add_argument("--max-files", type=int, default=0,
                    help="check at most this many files per repository")
    ap.add_argument("--timeout", type=int, default=900,
                    help="seconds per file for clang and acm-tidy")
    ap.add_argument("--summary", help="JSON summary (default: "
                    "<work-dir>/summary.json)")
    args = ap.parse_args()

    with open(args.manifest) as f:
        manifest = json.load(f)
    repos = manifest["repositories"]
    names = [r["name"] for r in repos] + [
        r["name"] for r in manifest.get("not_covered", [])]
    if args.repos:
        wanted = [n.strip() for n in args.repos.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            log("unknown repositories: %s (known: %s)" % (
                ", ".join(unknown), ", ".join(names)))
            return 2
        repos = [r for r in repos if r["name"] in wanted]
    for tool in (args.acm_tidy, args.clang):
        if not shutil.which(tool):
            log("not found: %s" % tool)
            return 2
    args.acm_tidy = os.path.abspath(shutil.which(args.acm_tidy))
    args.work_dir = os.path.abspath(args.work_dir)
    if args.mirrors:
        args.mirrors = os.path.abspath(args.mirrors)
    os.makedirs(args.work_dir, exist_ok=True)
    # The repositories' own .clang-tidy files configure other checks; read
    # none of them, so every run has the same configuration.
    args.tidy_config = os.path.join(args.work_dir, "acm-realcode.clang-tidy")
    with open(args.tidy_config, "w") as f:
        f.write("Checks: '-*,acm-*'\n")

    results, failed, setup_errors = [], False, []
    for repo in repos:
        try:
            result, crashed = check_repo(args, repo)
        except SetupError as e:
            log("  setup error: %s" % e)
            setup_errors.append({"name": repo["name"], "error": str(e)})
            continue
        results.append(result)
        failed |= crashed
    not_covered = manifest.get("not_covered", [])
    if not_covered and not args.repos:
        log("== not covered")
        for r in not_covered:
            log("  %s: %s" % (r["name"], r["reason"]))

    log("== summary")
    for r in results:
        line = "  %s: %d files, %d compile, %d checked, %d findings" % (
            r["name"], r["files"], r["compiled"], r.get("checked", 0),
            len(r.get("findings", [])))
        if r.get("tidy_failures"):
            line += ", acm-tidy failed on %d" % len(r["tidy_failures"])
        if "tidy_cpu_seconds" in r and r.get("clang_cpu_seconds"):
            line += ", CPU %.2fx clang's" % (r["tidy_cpu_seconds"] /
                                              r["clang_cpu_seconds"])
        m = r.get("mutants")
        if m and "compiled" in m:
            line += ", mutants caught %d/%d" % (m["caught"], m["compiled"])
        log(line)
    for e in setup_errors:
        log("  %s: setup error" % e["name"])
    summary = args.summary or os.path.join(args.work_dir, "summary.json")
    with open(summary, "w") as f:
        json.dump({"acm_tidy": args.acm_tidy, "clang": args.clang,
                   "repositories": results, "setup_errors": setup_errors,
                   "not_covered": not_covered}, f, indent=1)
    log("summary written to %s" % summary)
    if failed:
        log("acm-tidy crashed or failed on code that clang compiles")
        return 1
    return 2 if setup_errors else 0


if __name__ == "__main__":
    sys.exit(main())
