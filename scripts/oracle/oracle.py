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
own, and on each fact every statement acts as a map of one of two shapes:
the identity on some states and a constant on the others, or the identity
(a use, a test, another object's operation). An enter sets ("E", line)
from any state, an exit ("X", line) (an ExitStack's: from any state but
OFF), a push keeps an entered stack and enters the others, a co_yield sets
yielded := YIELDED, a handler turns NOT_YET into CAUGHT, a co_await clears
every pending flag. A path through a loop body is a composition of such
maps, and the longest chain of different values one fact can go through
under them is two steps (NOT_YET -> CAUGHT -> YIELDED; entered -> exited
-> entered by a push; a resource LIVE -> exited). Writing H(k) for the
facts at the loop head after k iterations, H(2) is therefore every fact the
head will ever see; every (point, fact) pair inside the body is reached in
the first 3 runs of the body (the third starts from H(2)), and every fact
after the loop within 2. Nested loops apply the same argument level by
level. `run.py --self-check` also compares 3 iterations with 5 on every
function.
"""
from collections import defaultdict

from rules import MISSING, UAE

from program import has_yield
from rules import CAUGHT, DEAD, NOT_YET, OBJECT_STMTS, YIELDED, Findings, Machine, where_of


# acm-tidy remembers at most this many enter sites and exit sites of one
# object at one point (MaxExitSites in lib/Analysis/Support/AnalysisBounds.h,
# docs/checks/use-after-exit.md): beyond them the later ones in source order
# are forgotten, and so are their findings. A function whose paths bring
# more to one point is beyond that bound, and not compared on the check
# the sites belong to.
MAX_SITES = 4


class Expected(dict):
    """(check, line) -> message, and `beyond`: the checks on which the
    function is beyond a documented bound of acm-tidy's analysis."""

    def __init__(self, findings, beyond=()):
        super().__init__(findings)
        self.beyond = set(beyond)


class Out:
    """The states leaving a statement: by falling through, and by each
    kind of jump."""
    __slots__ = ("fall", "brk", "cont", "gotos", "thrown")

    def __init__(self, fall=None):
        self.fall = fall if fall is not None else set()
        self.brk = set()        # (line, state)
        self.cont = set()       # (line, state)
        self.gotos = set()      # (label, line, state)
        self.thrown = set()     # state, at a `throw`

    def absorb_jumps(self, o):
        self.brk |= o.brk
        self.cont |= o.cont
        self.gotos |= o.gotos
        self.thrown |= o.thrown


class Oracle:
    def __init__(self, fn, unroll=3):
        self.fn = fn
        self.unroll = unroll
        self.names = list(fn.objects)
        self.index = {n: i for i, n in enumerate(self.names)}
        self.generator = fn.kind == "gen" and has_yield(fn)
        self.f = Findings(fn)
        self.machine = Machine(fn, self.f)
        self.nobj = len(self.names)
        # (point, object, "E" or "X") -> the enter or exit lines of the
        # states that reach the point, over all iterations.
        self.sites = defaultdict(set)

    # A state is (object states..., yielded, pending yields).
    def run(self):
        init = tuple([DEAD] * self.nobj) + (NOT_YET, frozenset())
        out = self.block(self.fn.body, {init}, "the end of the coroutine")
        for st in out.fall:
            self.finish(st)
        # A `throw` outside every try leaves the coroutine: nothing to report.
        assert not out.brk and not out.cont and not out.gotos
        beyond = {MISSING if kind == "E" else UAE
                  for (_, _, kind), lines in self.sites.items() if len(lines) > MAX_SITES}
        return Expected(self.f.result(), beyond)

    def note_sites(self, point, states):
        """Records the enter and exit sites of each object at `point`."""
        for st in states:
            for i in range(self.nobj):
                o = st[i]
                if isinstance(o, tuple):
                    self.sites[(point, i, o[0])].add(o[1])

    def finish(self, st):
        self.f.end(st[self.nobj], self.generator)

    # -- helpers on states ---------------------------------------------
    def kill(self, st, names, line, where):
        """`where` is None for a death by an exception (not reported)."""
        objs = list(st[:self.nobj])
        self.machine.die(objs, names, line, where)
        return tuple(objs) + st[self.nobj:]

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
        self.note_sites(id(blk), out.fall)
        res = Out({self.kill(st, decls, blk.close_line, where_close) for st in out.fall})
        if decls:
            res.brk = {(l, self.kill(st, decls, l, "'break'")) for l, st in out.brk}
            res.cont = {(l, self.kill(st, decls, l, "'continue'")) for l, st in out.cont}
            res.gotos = {(lab, l, self.kill(st, decls, l, "'goto'")) for lab, l, st in out.gotos}
            res.thrown = {self.kill(st, decls, None, None) for st in out.thrown}
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
            res.thrown |= o.thrown
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
        self.note_sites(id(s), states)
        if k in OBJECT_STMTS:
            res = set()
            for st in states:
                objs = list(st[:self.nobj])
                awaits = self.machine.apply(s, objs)
                st = tuple(objs) + st[self.nobj:]
                if awaits:
                    st = self.await_(st)
                res.add(st)
            return Out(res)
        if k in ("yield", "tryyield"):
            res = set()
            y = self.nobj
            for st in states:
                f.yield_(st[y], s.yield_line)
                protected = k == "tryyield" or s.in_try
                pending = st[y + 1] if protected else st[y + 1] | {s.yield_line}
                res.add(st[:y] + (YIELDED, pending))
            return Out(res)
        if k == "await":
            return Out({self.await_(st) for st in states})
        if k == "if":
            o1 = self.block(s.then, states, "the end of its scope")
            o2 = (self.block(s.els, states, "the end of its scope") if s.els is not None
                  else Out(set(states)))
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
        if k == "throw":
            res = Out()
            res.thrown = set(states)
            return res
        if k == "try":
            return self.try_(s, states)
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
            res.thrown |= o.thrown
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
            res.thrown |= o.thrown
        exits |= cur
        if not any(c.label == "default" for c in s.cases):
            exits |= set(states)
        res.fall = exits
        return res


    def try_(self, s, states):
        """`try {body} catch (...) {handler}`: a `throw` in the body (its
        objects die unreported) enters the handler."""
        body = self.block(s.body, states, "the end of its scope")
        y = self.nobj
        caught = {st[:y] + (CAUGHT if st[y] == NOT_YET else st[y], st[y + 1])
                  for st in body.thrown}
        handler = self.block(s.handler, caught, "the end of its scope")
        res = Out(body.fall | handler.fall)
        res.brk, res.cont, res.gotos = body.brk, body.cont, body.gotos
        res.absorb_jumps(handler)
        return res


def expected(fn, unroll=3):
    """(check, line) -> message: what acm-tidy must report for `fn`."""
    return Oracle(fn, unroll).run()
