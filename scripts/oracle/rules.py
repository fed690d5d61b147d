"""The protocol's state machine and acm-tidy's documented reporting policy.

Both path walkers (oracle.py, which merges equal states, and paths.py,
which enumerates paths one by one) feed their events to these rules.

The state of one object is one of

  DEAD        not declared yet, or its scope ended
  N           a Resource, Pool, ExitStack or single-use manager, not entered
  ("E", e)    entered, by the enter awaited on line e (a Stream: declared
              on line e; it is born entered; an ExitStack: the first push
              since it was last closed)
  ("X", x)    exited, by the exit (or close) awaited on line x
  OFF         a Resource handed to an exit stack (`enter_async_context`):
              the stack owes its exit; nothing is reported of it until it
              is entered again, which makes it the body's again

and the state of a resource of an enter (`Connection &c0 = co_await
p0.aenter();`, `Resource &e0 = co_await k0.enter_async_context(r1);`) is
LIVE, or ("X", x) once an exit of its object is awaited on line x (any
later exit of the object moves it to that exit), or DEAD.

The transitions (docs/protocol.md, docs/checks/use-after-exit.md):

  declaration   -> N, or ("E", line) for a Stream
  enter at e    -> ("E", e); from ("X", x) on a single-use manager the
                   re-entry is a finding of exit x, and the state stays
                   ("X", x): entering it again fails
  push at p     -> unchanged if entered, else ("E", p)
  adopt at a    (`co_await k.enter_async_context(r)`) a push of k at a,
                   and r -> OFF
  exit at x     -> ("X", x); from ("X", x0) a double exit, a finding of x0
                   (the exit that came first); an exit of an object never
                   entered counts as an exit too; every resource of the
                   object that is not DEAD -> ("X", x)
  use at u      -> unchanged; from ("X", x0) a use after exit, of x0
  death at d    -> DEAD; from ("E", e) a missing exit, of enter e; a
                   death by an exception (`throw`) reports nothing

Each finding has a key and a line; for every key only the earliest line
(in source order) over all paths is reported:

  acm-missing-exit-await   key (object, enter line)  line: the death
  acm-use-after-exit       key (object, exit line) for each of use,
                           double exit, single-use re-entry (three
                           separate keys)           line: the event

A generator-based manager (a `rt::async_cm<int>` coroutine with a
`co_yield`) also carries `yielded` (NOT_YET, YIELDED, or CAUGHT: a path
that reached a `catch (...)` handler without a yield) and `pending`, the
unprotected `co_yield`s passed since the last `co_await`:

  co_yield at y      a finding at y if YIELDED (multiple-yield);
                     yielded := YIELDED; pending += y unless inside the
                     `try` block of a try/catch(...)
  co_await (any)     every pending yield is a finding (unprotected-yield);
                     pending := {}
  handler entered    NOT_YET -> CAUGHT (the path threw: not a path that
                     finishes without a yield)
  end / co_return    with NOT_YET a finding at the function's line
                     (missing-yield); a path that ends in a `throw` is not
                     such a path
"""
from program import RESOURCE_KINDS, walk

DEAD = 0
N = "N"
OFF = "OFF"
LIVE = "LIVE"

NOT_YET, YIELDED, CAUGHT = 0, 1, 2

MISSING = "acm-missing-exit-await"
UAE = "acm-use-after-exit"
MULTI = "acm-generator-multiple-yield"
MISSING_YIELD = "acm-generator-missing-yield"
UNPROT = "acm-generator-unprotected-yield"
CHECKS = [MISSING, UAE, MULTI, MISSING_YIELD, UNPROT]

OBJECT_STMTS = ("decl", "enter", "exit", "use", "push", "adopt")


class Finding:
    def __init__(self, check, line, message):
        self.check = check
        self.line = line
        self.message = message

    def key(self):
        return (self.check, self.line)


class Findings:
    """Findings of one function, earliest line per key."""

    def __init__(self, fn):
        self.fn = fn
        self.kinds = fn.objects            # name -> kind
        self.earliest = {}                 # key -> (line, message)

    def add(self, key, line, message):
        old = self.earliest.get(key)
        if old is None or (line, message) < old:
            self.earliest[key] = (line, message)

    def result(self):
        """The findings: (check, line) -> message, one entry per line."""
        out = {}
        for key, (line, message) in sorted(self.earliest.items(), key=lambda kv: kv[1]):
            out.setdefault((key[0], line), message)
        return out

    # -- object events; `st` is the object's state, the new one is returned
    def declare(self, name, line):
        kind = self.kinds[name]
        if kind == "stream":
            return ("E", line)
        return LIVE if kind in RESOURCE_KINDS else N

    def push(self, name, st, line):
        return st if isinstance(st, tuple) and st[0] == "E" else ("E", line)

    def enter(self, name, st, line):
        if isinstance(st, tuple) and st[0] == "X" and self.kinds[name] == "cm":
            self.add((UAE, "reenter", name, st[1]), line,
                     "'%s' is a single-use manager and is entered again after its exit" % name)
            return st
        return ("E", line)

    def exit(self, name, st, line):
        if st == OFF:
            return OFF
        if isinstance(st, tuple) and st[0] == "X":
            self.add((UAE, "double", name, st[1]), line,
                     "exit of '%s' is awaited again after it was exited" % name)
        return ("X", line)

    def use(self, name, st, line, owner=None):
        if isinstance(st, tuple) and st[0] == "X":
            what = ("'%s' is used after the exit of '%s' was awaited" % (name, owner)
                    if owner else "'%s' is used after its exit was awaited" % name)
            self.add((UAE, "use", name, st[1]), line, what)
        return st

    def die(self, name, st, line, where):
        """`where` is None for a death by an exception: not reported."""
        if isinstance(st, tuple) and st[0] == "E" and where is not None:
            kind = self.kinds[name]
            if kind == "stack":
                message = ("exit stack '%s' is not closed before %s; its pushed exits "
                           "never run" % (name, where))
            else:
                message = "%s of '%s' is not awaited before %s" % (
                    "close" if kind == "stream" else "exit", name, where)
            self.add((MISSING, name, st[1]), line, message)
        return DEAD

    # -- generator events
    def yield_(self, yielded, line):
        if yielded == YIELDED:
            self.add((MULTI, line), line,
                     "'co_yield' can run again after an earlier 'co_yield'")

    def await_(self, pending):
        for y in pending:
            self.add((UNPROT, y), y,
                     "asynchronous cleanup after this 'co_yield' is skipped when "
                     "the caller's body throws")

    def end(self, yielded, generator):
        if generator and yielded == NOT_YET:
            self.add((MISSING_YIELD,), self.fn.line,
                     "generator-based manager '%s' can finish without 'co_yield'" % self.fn.name)


class Machine:
    """One statement's effect on the objects of a function, shared by both
    walkers. Object states live in a list indexed like `fn.objects`."""

    def __init__(self, fn, findings):
        self.f = findings
        self.names = list(fn.objects)
        self.index = {n: i for i, n in enumerate(self.names)}
        self.owners = {}            # a resource's object -> the resources
        for s in walk(fn.body):
            if s.kind == "decl" and s.owner is not None:
                self.owners.setdefault(s.owner, []).append(s.obj)
        self.resource_owner = {s.obj: s.owner for s in walk(fn.body)
                               if s.kind == "decl" and s.owner is not None}

    def apply(self, s, objs):
        """Runs statement `s` (decl, enter, exit, use, push or adopt) on the
        object states `objs` (changed in place). Returns True if the
        statement awaits (it ends the pending co_yields)."""
        f, i, k = self.f, self.index[s.obj], s.kind
        if k == "decl":
            if s.okind == "conn":
                o = self.index[s.owner]
                objs[o] = f.enter(s.owner, objs[o], s.line)
            elif s.okind == "entered":
                self.adopt(s.owner, s.arg, s.line, objs)
            objs[i] = f.declare(s.obj, s.line)
            return s.okind in RESOURCE_KINDS
        if k == "enter":
            objs[i] = f.enter(s.obj, objs[i], s.line)
        elif k == "exit":
            objs[i] = f.exit(s.obj, objs[i], s.line)
            for r in self.owners.get(s.obj, ()):
                if objs[self.index[r]] != DEAD:
                    objs[self.index[r]] = ("X", s.line)
        elif k == "use":
            objs[i] = f.use(s.obj, objs[i], s.line, self.resource_owner.get(s.obj))
        elif k == "push":
            objs[i] = f.push(s.obj, objs[i], s.line)
            return False
        elif k == "adopt":
            self.adopt(s.obj, s.arg, s.line, objs)
        else:
            raise ValueError(k)
        return k != "use"

    def adopt(self, stack, resource, line, objs):
        k = self.index[stack]
        objs[k] = self.f.push(stack, objs[k], line)
        objs[self.index[resource]] = OFF

    def die(self, objs, names, line, where):
        for n in names:
            i = self.index[n]
            if objs[i] != DEAD:
                objs[i] = self.f.die(n, objs[i], line, where)


def where_of(kind):
    return {"return": "'co_return'", "break": "'break'", "continue": "'continue'",
            "goto": "'goto'"}[kind]
