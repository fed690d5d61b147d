"""The protocol's state machine and acm-tidy's documented reporting policy.

Both path walkers (oracle.py, which merges equal states, and paths.py,
which enumerates paths one by one) feed their events to these rules.

The state of one object is one of

  DEAD        not declared yet, or its scope ended
  N           a Resource or single-use manager, not entered
  ("E", e)    entered, by the enter awaited on line e (a Stream: declared
              on line e; it is born entered)
  ("X", x)    exited, by the exit (or close) awaited on line x

and the transitions (docs/protocol.md, docs/checks/use-after-exit.md):

  declaration   -> N, or ("E", line) for a Stream
  enter at e    -> ("E", e); from ("X", x) on a single-use manager the
                   re-entry is a finding of exit x
  exit at x     -> ("X", x); from ("X", x0) a double exit, a finding of x0
                   (the exit that came first); an exit of a Resource never
                   entered counts as an exit too
  use at u      -> unchanged; from ("X", x0) a use after exit, of x0
  death at d    -> DEAD; from ("E", e) a missing exit, of enter e

Each finding has a key and a line; for every key only the earliest line
(in source order) over all paths is reported:

  acm-missing-exit-await   key (object, enter line)  line: the death
  acm-use-after-exit       key (object, exit line) for each of use,
                           double exit, single-use re-entry (three
                           separate keys)           line: the event

A generator-based manager (a `rt::async_cm<int>` coroutine with a
`co_yield`) also carries `yielded` (0/1) and `pending`, the unprotected
`co_yield`s passed since the last `co_await`:

  co_yield at y      a finding at y if yielded (multiple-yield);
                     yielded := 1; pending += y unless inside try/catch(...)
  co_await (any)     every pending yield is a finding (unprotected-yield);
                     pending := {}
  end / co_return    with yielded == 0 a finding at the function's line
                     (missing-yield)
"""

DEAD = 0
N = "N"

MISSING = "acm-missing-exit-await"
UAE = "acm-use-after-exit"
MULTI = "acm-generator-multiple-yield"
MISSING_YIELD = "acm-generator-missing-yield"
UNPROT = "acm-generator-unprotected-yield"
CHECKS = [MISSING, UAE, MULTI, MISSING_YIELD, UNPROT]


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
        return ("E", line) if self.kinds[name] == "stream" else N

    def enter(self, name, st, line):
        if isinstance(st, tuple) and st[0] == "X" and self.kinds[name] == "cm":
            self.add((UAE, "reenter", name, st[1]), line,
                     "'%s' is a single-use manager and is entered again after its exit" % name)
        return ("E", line)

    def exit(self, name, st, line):
        if isinstance(st, tuple) and st[0] == "X":
            self.add((UAE, "double", name, st[1]), line,
                     "exit of '%s' is awaited again after it was exited" % name)
        return ("X", line)

    def use(self, name, st, line):
        if isinstance(st, tuple) and st[0] == "X":
            self.add((UAE, "use", name, st[1]), line,
                     "'%s' is used after its exit was awaited" % name)
        return st

    def die(self, name, st, line, where):
        if isinstance(st, tuple) and st[0] == "E":
            what = "close" if self.kinds[name] == "stream" else "exit"
            self.add((MISSING, name, st[1]), line,
                     "%s of '%s' is not awaited before %s" % (what, name, where))
        return DEAD

    # -- generator events
    def yield_(self, yielded, line):
        if yielded:
            self.add((MULTI, line), line,
                     "'co_yield' can run again after an earlier 'co_yield'")

    def await_(self, pending):
        for y in pending:
            self.add((UNPROT, y), y,
                     "asynchronous cleanup after this 'co_yield' is skipped when "
                     "the caller's body throws")

    def end(self, yielded, generator):
        if generator and not yielded:
            self.add((MISSING_YIELD,), self.fn.line,
                     "generator-based manager '%s' can finish without 'co_yield'" % self.fn.name)


def where_of(kind):
    return {"return": "'co_return'", "break": "'break'", "continue": "'continue'",
            "goto": "'goto'"}[kind]
