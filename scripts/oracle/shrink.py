"""Shrinking a disagreement to a minimal reproducer.

A candidate is the function with one edit applied: a statement deleted, an
object deleted with every statement that names it (and the resources of
its enters with theirs), an `else` dropped, a `switch` case deleted, or an
`if`, loop, block or `try` replaced by one of its bodies (a `try` by its
`try` block) (spliced in place when it declares nothing and holds no label, as a
plain block otherwise; a loop is unwrapped only when no break or continue
of its own is inside).
Every edit keeps the program valid C++: a label is deleted only once no
goto names it.

Each round renders every candidate of every disagreement still being
shrunk into files, runs acm-tidy once over all of them, and keeps for each
disagreement the smallest candidate on which the disagreement persists:
the same check, on the same side (acm-tidy missing a finding, or adding
one). It stops when no candidate keeps it.
"""
import os

import compare
import oracle
import program
import tidy
from program import Stmt, walk


def size(fn):
    n = 0
    for s in walk(fn.body):
        n += 1
        if s.kind == "switch":
            n += len(s.cases)
    return n


def lists(fn):
    """(path, statement list holder) for every list in the function."""
    out = []

    def visit(holder, path):
        out.append((path, holder))
        for i, s in enumerate(holder.stmts):
            for c, child in enumerate(s.children()):
                visit(child, path + ((i, c),))

    visit(fn.body, ())
    return out


def holder_at(fn, path):
    h = fn.body
    for i, c in path:
        h = h.stmts[i].children()[c]
    return h


def has_own_jump(block):
    """A break or continue inside `block` that leaves the loop around it."""
    def visit(stmts, in_loop, in_switch):
        for s in stmts:
            if s.kind == "continue" and not in_loop:
                return True
            if s.kind == "break" and not in_loop and not in_switch:
                return True
            if s.kind in ("while", "for"):
                if visit(s.body.stmts, True, in_switch):
                    return True
            elif s.kind == "switch":
                for c in s.cases:
                    if visit(c.stmts, in_loop, True):
                        return True
            else:
                for child in s.children():
                    if visit(child.stmts, in_loop, in_switch):
                        return True
        return False
    return visit(block.stmts, False, False)


def candidates(fn):
    out = []
    gotos = {s.label for s in walk(fn.body) if s.kind == "goto"}

    def edited(path, edit):
        new = fn.clone()
        edit(holder_at(new, path))
        program.refresh_objects(new)
        out.append(new)

    # Whole objects first: they make the largest cuts. An object goes with
    # the resources of its enters.
    owned = {}
    for s in walk(fn.body):
        if s.kind == "decl" and s.owner is not None:
            owned.setdefault(s.owner, []).append(s.obj)
            owned.setdefault(s.arg, []).append(s.obj)

    def with_resources(name):
        names = {name}
        for r in owned.get(name, []):
            names |= with_resources(r)
        return names

    for name in list(fn.objects):
        gone = with_resources(name)
        new = fn.clone()
        for _, h in lists(new):
            h.stmts[:] = [s for s in h.stmts if not (s.names() & gone)]
        program.refresh_objects(new)
        out.append(new)
    for path, h in lists(fn):
        for i, s in enumerate(h.stmts):
            if s.kind == "decl" or (s.kind == "label" and s.label in gotos):
                continue
            edited(path, lambda h, i=i: h.stmts.pop(i))
            if s.kind == "if" and s.els is not None:
                edited(path, lambda h, i=i: setattr(h.stmts[i], "els", None))
            if s.kind == "switch":
                for c in range(len(s.cases)):
                    edited(path, lambda h, i=i, c=c: h.stmts[i].cases.pop(c))
            bodies = []
            if s.kind == "if":
                bodies = [s.then] + ([s.els] if s.els is not None else [])
            elif s.kind in ("block", "try"):
                bodies = [s.body]
            elif s.kind in ("while", "for") and not has_own_jump(s.body):
                bodies = [s.body]
            for b, body in enumerate(bodies):
                def unwrap(h, i=i, b=b, kind=s.kind):
                    st = h.stmts[i]
                    blk = [st.then, st.els][b] if kind == "if" else st.body
                    if blk.decls() or any(t.kind == "label" for t in blk.stmts):
                        h.stmts[i] = Stmt("block", body=blk)
                    else:
                        h.stmts[i:i + 1] = blk.stmts
                keeps_block = body.decls() or any(t.kind == "label" for t in body.stmts)
                if not (s.kind == "block" and keeps_block):
                    edited(path, unwrap)
    return out


class Job:
    """One disagreement being shrunk."""

    def __init__(self, fn, kind, origin):
        self.fn = fn
        self.kind = kind            # (check, "missing" | "extra")
        self.origin = origin        # text for the reproducer's header
        self.start_size = size(fn)
        self.rounds = 0
        self.shrunk = True

    def keeps(self, diff):
        return self.kind in diff.kinds()


def shrink_all(jobs, acm_tidy, inputs, work_dir, jobs_n=None, unroll=3,
               per_file=40, max_rounds=200, log=None):
    """Shrinks every job in place (job.fn becomes minimal)."""
    active = list(jobs)
    os.makedirs(work_dir, exist_ok=True)
    round_no = 0
    while active and round_no < max_rounds:
        round_no += 1
        batch = []          # (job, candidate)
        for j, job in enumerate(active):
            for c, cand in enumerate(candidates(job.fn)):
                cand.name = "%s_s%d_%d" % (job.fn.name.split("_s")[0], j, c)
                # A missing finding persists only if the oracle still
                # expects one of that check: filter before running acm-tidy.
                if job.kind[1] == "missing":
                    exp = oracle.expected(cand, unroll)
                    if not any(k[0] == job.kind[0] for k in exp):
                        continue
                batch.append((job, cand))
        if not batch:
            break
        files = {}
        for n in range(0, len(batch), per_file):
            chunk = batch[n:n + per_file]
            path = os.path.realpath(os.path.join(work_dir, "shrink-%d-%d.cpp" % (round_no, n // per_file)))
            with open(path, "w") as f:
                f.write(program.render([cand for _, cand in chunk]))
            files[path] = chunk
        found = tidy.run(acm_tidy, list(files), inputs, jobs_n)
        best = {}
        for path, chunk in files.items():
            for job, cand in chunk:
                actual = found.get(path, {}).get(cand.name, {})
                diff = compare.Diff(cand, oracle.expected(cand, unroll), actual)
                if job.keeps(diff):
                    if id(job) not in best or size(cand) < size(best[id(job)]):
                        best[id(job)] = cand
        still = []
        for job in active:
            cand = best.get(id(job))
            if cand is not None:
                cand.name = job.fn.name
                job.fn = cand
                job.rounds += 1
                still.append(job)
        if log:
            log("shrink round %d: %d candidates, %d of %d disagreements shrank"
                % (round_no, len(batch), len(still), len(active)))
        active = still
        for path in files:
            os.remove(path)
    return jobs
