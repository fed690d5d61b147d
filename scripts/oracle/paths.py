"""The oracle's paths one by one, for checking oracle.py.

Enumerates every path of a function -- each loop entered run 0..unroll
times -- as a list of events, written in continuation-passing style so
that break, continue, goto and co_return leave exactly the scopes they
leave, then runs each path through rules.py on its own. The result must
equal oracle.expected(), which merges equal states; `run.py --self-check`
compares them on every generated function with at most `limit` paths.
"""
from program import has_yield
from rules import CAUGHT, DEAD, NOT_YET, OBJECT_STMTS, YIELDED, Findings, Machine, where_of


class TooManyPaths(Exception):
    pass


class Paths:
    def __init__(self, fn, unroll=3, limit=20000):
        self.fn = fn
        self.unroll = unroll
        self.limit = limit
        self.count = 0

    def all(self):
        def end(p):
            yield p + (("end", self.fn.body.close_line),)

        def ret(p, line):
            yield p + (("return", line),)

        def thrown(p, line):
            # Out of the coroutine: the path ends, and reports nothing more.
            yield p + (("thrown", line),)

        ctx = {"brk": None, "cont": None, "ret": ret, "goto": {}, "throw": thrown}
        for path in self.block(self.fn.body, (), end, ctx, "the end of the coroutine"):
            self.count += 1
            if self.count > self.limit:
                raise TooManyPaths()
            yield path

    def block(self, blk, prefix, k, ctx, where_close):
        decls = [s.obj for s in blk.decls()]

        def deaths(line, where):
            return tuple(("die", n, line, where) for n in decls)

        def close(p):
            return k(p + deaths(blk.close_line, where_close))

        inner = dict(ctx)
        if decls:
            outer = ctx
            if outer["brk"]:
                inner["brk"] = lambda p, line: outer["brk"](p + deaths(line, "'break'"), line)
            if outer["cont"]:
                inner["cont"] = lambda p, line: outer["cont"](p + deaths(line, "'continue'"), line)
            inner["goto"] = {lab: (lambda g: lambda p, line: g(p + deaths(line, "'goto'"), line))(g)
                             for lab, g in outer["goto"].items()}
            # Unwinding: the objects die, unreported.
            inner["throw"] = lambda p, line: outer["throw"](p + deaths(line, None), line)
        else:
            inner["goto"] = dict(ctx["goto"])
        for i, s in enumerate(blk.stmts):
            if s.kind == "label":
                inner["goto"][s.label] = (
                    lambda i: lambda p, line: self.seq(blk.stmts, i + 1, p, close, inner))(i)
        return self.seq(blk.stmts, 0, prefix, close, inner)

    def seq(self, stmts, i, prefix, k, ctx):
        if i == len(stmts):
            yield from k(prefix)
            return
        s = stmts[i]
        kind = s.kind

        def nxt(p):
            return self.seq(stmts, i + 1, p, k, ctx)

        if kind in OBJECT_STMTS:
            yield from nxt(prefix + (("op", s),))
        elif kind == "yield":
            yield from nxt(prefix + (("yield", s.yield_line, s.in_try),))
        elif kind == "tryyield":
            yield from nxt(prefix + (("yield", s.yield_line, True),))
        elif kind == "try":
            tctx = dict(ctx)
            tctx["throw"] = lambda p, line: self.block(
                s.handler, p + (("catch",),), nxt, ctx, "the end of its scope")
            yield from self.block(s.body, prefix, nxt, tctx, "the end of its scope")
        elif kind == "throw":
            yield from ctx["throw"](prefix, s.line)
        elif kind == "await":
            yield from nxt(prefix + (("await",),))
        elif kind == "label":
            yield from nxt(prefix)
        elif kind == "if":
            yield from self.block(s.then, prefix, nxt, ctx, "the end of its scope")
            if s.els is not None:
                yield from self.block(s.els, prefix, nxt, ctx, "the end of its scope")
            else:
                yield from nxt(prefix)
        elif kind == "block":
            yield from self.block(s.body, prefix, nxt, ctx, "the end of its scope")
        elif kind in ("while", "for"):
            yield from self.loop(s, prefix, 0, nxt, ctx)
        elif kind == "switch":
            sctx = dict(ctx)
            sctx["brk"] = lambda p, line: nxt(p)
            for c, case in enumerate(s.cases):
                flat = [t for later in s.cases[c:] for t in later.stmts]
                yield from self.seq(flat, 0, prefix, nxt, sctx)
            if not any(c.label == "default" for c in s.cases):
                yield from nxt(prefix)
        elif kind == "break":
            yield from ctx["brk"](prefix, s.line)
        elif kind == "continue":
            yield from ctx["cont"](prefix, s.line)
        elif kind == "goto":
            yield from ctx["goto"][s.label](prefix, s.line)
        elif kind == "return":
            yield from ctx["ret"](prefix, s.line)
        else:
            raise ValueError(kind)

    def loop(self, s, prefix, n, k, ctx):
        yield from k(prefix)
        if n < self.unroll:
            lctx = dict(ctx)
            lctx["brk"] = lambda p, line: k(p)
            again = lambda p: self.loop(s, p, n + 1, k, ctx)
            lctx["cont"] = lambda p, line: again(p)
            yield from self.block(s.body, prefix, again, lctx, "the end of its scope")


def simulate(fn, path, f):
    """Runs one path's events through the rules into `f` (a Findings)."""
    machine = Machine(fn, f)
    objs = [DEAD] * len(machine.names)
    yielded = NOT_YET
    pending = set()
    generator = fn.kind == "gen" and has_yield(fn)
    for ev in path:
        kind = ev[0]
        awaits = kind == "await"
        if kind == "op":
            awaits = machine.apply(ev[1], objs)
        elif kind == "die":
            machine.die(objs, [ev[1]], ev[2], ev[3])
        elif kind == "yield":
            f.yield_(yielded, ev[1])
            yielded = YIELDED
            if not ev[2]:
                pending.add(ev[1])
        elif kind == "catch":
            if yielded == NOT_YET:
                yielded = CAUGHT
        elif kind == "return" or kind == "end":
            where = where_of("return") if kind == "return" else "the end of the coroutine"
            if kind == "return":
                machine.die(objs, machine.names, ev[1], where)
            f.end(yielded, generator)
        if awaits and pending:
            f.await_(pending)
            pending = set()


def expected_by_paths(fn, unroll=3, limit=20000):
    """As oracle.expected(), path by path; raises TooManyPaths past `limit`."""
    f = Findings(fn)
    walker = Paths(fn, unroll, limit)
    for path in walker.all():
        simulate(fn, path, f)
    return f.result(), walker.count
