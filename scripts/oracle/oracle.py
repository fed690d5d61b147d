"""The path oracle: the findings acm-tidy must report for a function.

It follows every path of the function through its statement tree, each
loop run 0, 1, 2 and 3 times (`unroll`), and feeds the events of each path
to the state machine and reporting rules of rules.py. Paths that reach a
statement in the same state are merged there (a set of states per program
point), which changes nothing in the result: every finding is a function
of the program point and the state reaching it, and the earliest line per
key is a minimum over those pairs. paths.py walks the same paths one by
one without merging; `run.py --self-check` compares the two.

Why 3 iterations are enough. Every fact a finding depends on is one
object's state, or the generator's `yielded` flag, or one `co_yield`'s
"pending" flag (rules.py), and the control flow never depends on a fact
(every condition is an opaque call). So each fact can be followed on its
own, and on each fact every statement acts either as the identity or as a
constant: an enter sets ("E", line), an exit ("X", line), a declaration N
(or ("E", line)), a death DEAD, a co_yield sets yielded := 1 and its own
pending flag, a co_await clears every pending flag; a use, a test or
another object's operation changes nothing. A sequence of statements (one
path through a loop body) therefore acts as the identity or as the
constant of its last writer. Writing H(k) for the facts at the loop head
after k iterations and C for the constants of the body's paths,
H(1) = H(0) | C and H(k) = H(0) | C for every k >= 1. Every (point, fact)
pair inside the body is reached in the first 2 runs of the body (the
second starts from H(1), which is already every fact the head will ever
see), and every fact after the loop within 1 run; nested loops apply the
same argument level by level. 3 runs leave one iteration of margin (and
reach the "later iteration" second occurrence of a `co_yield`, a use or
an exit in a loop on a path of its own). `run.py --unroll=5` gives the
same findings, which the documentation records as an experiment.
"""
from collections import defaultdict

from program import has_yield
from rules import DEAD, Findings, where_of


class Out:
    __slots__ = ("fall", "brk", "cont", "gotos")

    def __init__(self, fall=None):
        self.fall = fall if fall is not None else set()
        self.brk = set()        # (line, state)
        self.cont = set()       # (line, state)
        self.gotos = set()      # (label, line, state)

    def absorb_jumps(self, o):
        self.brk |= o.brk
        self.cont |= o.cont
        self.gotos |= o.gotos


class Oracle:
    def __init__(self, fn, unroll=3):
        self.fn = fn
        self.unroll = unroll
        self.names = list(fn.objects)
        self.index = {n: i for i, n in enumerate(self.names)}
        self.generator = fn.kind == "gen" and has_yield(fn)
        self.f = Findings(fn)
        self.nobj = len(self.names)

    # A state is (object states..., yielded, pending yields).
    def run(self):
        init = tuple([DEAD] * self.nobj) + (0, frozenset())
        out = self.block(self.fn.body, {init}, "the end of the coroutine")
        for st in out.fall:
            self.finish(st)
        assert not out.brk and not out.cont and not out.gotos
        return self.f.result()

    def finish(self, st):
        self.f.end(st[self.nobj], self.generator)

    # -- helpers on states ---------------------------------------------
    def with_obj(self, st, i, value):
        return st[:i] + (value,) + st[i + 1:]

    def kill(self, st, names, line, where):
        for n in names:
            i = self.index[n]
            if st[i] != DEAD:
                st = self.with_obj(st, i, self.f.die(n, st[i], line, where))
        return st

    def await_(self, st):
        pending = st[self.nobj + 1]
        if pending:
            self.f.await_(pending)
            st = st[:self.nobj + 1] + (frozenset(),)
        return st

    # -- statements ----------------------------------------------------
    def block(self, blk, states, where_close):
        decls = [s.obj for s in blk.decls()]
        labels = {s.label for s in blk.stmts if s.kind == "label"}
        out = self.seq(blk.stmts, states, labels)
        res = Out({self.kill(st, decls, blk.close_line, where_close) for st in out.fall})
        if decls:
            res.brk = {(l, self.kill(st, decls, l, "'break'")) for l, st in out.brk}
            res.cont = {(l, self.kill(st, decls, l, "'continue'")) for l, st in out.cont}
            res.gotos = {(lab, l, self.kill(st, decls, l, "'goto'")) for lab, l, st in out.gotos}
        else:
            res.absorb_jumps(out)
        return res

    def seq(self, stmts, states, labels=()):
        cur = set(states)
        pending = defaultdict(set)
        res = Out()
        for s in stmts:
            if s.kind == "label":
                cur |= pending.pop(s.label, set())
                continue
            o = self.stmt(s, cur)
            cur = o.fall
            res.brk |= o.brk
            res.cont |= o.cont
            for lab, l, st in o.gotos:
                if lab in labels:
                    pending[lab].add(st)
                else:
                    res.gotos.add((lab, l, st))
        assert not pending, "goto to a label that is not after it"
        res.fall = cur
        return res

    def stmt(self, s, states):
        k = s.kind
        f = self.f
        if not states:
            return Out()
        if k in ("decl", "enter", "exit", "use"):
            i = self.index[s.obj]
            res = set()
            for st in states:
                o = st[i]
                if k == "decl":
                    new = f.declare(s.obj, s.line)
                elif k == "enter":
                    new = f.enter(s.obj, o, s.line)
                elif k == "exit":
                    new = f.exit(s.obj, o, s.line)
                else:
                    new = f.use(s.obj, o, s.line)
                st = self.with_obj(st, i, new)
                if k in ("enter", "exit"):
                    st = self.await_(st)
                res.add(st)
            return Out(res)
        if k in ("yield", "tryyield"):
            res = set()
            y = self.nobj
            for st in states:
                f.yield_(st[y], s.yield_line)
                pending = st[y + 1] | {s.yield_line} if k == "yield" else st[y + 1]
                res.add(st[:y] + (1, pending))
            return Out(res)
        if k == "await":
            return Out({self.await_(st) for st in states})
        if k == "if":
            o1 = self.block(s.then, states, "the end of its scope")
            o2 = self.block(s.els, states, "the end of its scope") if s.els is not None else Out(set(states))
            res = Out(o1.fall | o2.fall)
            res.absorb_jumps(o1)
            res.absorb_jumps(o2)
            return res
        if k in ("while", "for"):
            return self.loop(s, states)
        if k == "block":
            return self.block(s.body, states, "the end of its scope")
        if k == "switch":
            return self.switch(s, states)
        if k in ("break", "continue"):
            res = Out()
            getattr(res, "brk" if k == "break" else "cont").update((s.line, st) for st in states)
            return res
        if k == "goto":
            res = Out()
            res.gotos = {(s.label, s.line, st) for st in states}
            return res
        if k == "return":
            for st in states:
                st = self.kill(st, self.names, s.line, where_of("return"))
                self.finish(st)
            return Out()
        raise ValueError(k)

    def loop(self, s, states):
        exits = set(states)         # the condition is false at once
        seen = set(states)
        head = set(states)
        res = Out()
        for _ in range(self.unroll):
            if not head:
                break
            o = self.block(s.body, head, "the end of its scope")
            exits |= {st for _, st in o.brk}
            res.gotos |= o.gotos
            nxt = o.fall | {st for _, st in o.cont}
            exits |= nxt
            # A state already seen at the head was already run through
            # the body with at least as many iterations left.
            head = nxt - seen
            seen |= nxt
        res.fall = exits
        return res

    def switch(self, s, states):
        res = Out()
        exits = set()
        cur = set()
        for case in s.cases:
            cur = cur | set(states)
            o = self.seq(case.stmts, cur)
            cur = o.fall
            exits |= {st for _, st in o.brk}
            res.cont |= o.cont
            res.gotos |= o.gotos
        exits |= cur
        if not any(c.label == "default" for c in s.cases):
            exits |= set(states)
        res.fall = exits
        return res


def expected(fn, unroll=3):
    """(check, line) -> message: what acm-tidy must report for `fn`."""
    return Oracle(fn, unroll).run()
