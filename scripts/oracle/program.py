"""The generated programs: a small statement tree, printed as C++.

A file is a fixed prelude (PRELUDE) followed by functions. A function is
either a task (`rt::task<> fN()`) over protocol objects or a
generator-based manager (`rt::async_cm<int> gN()`). Printing assigns every
node the line it starts on (`line`) and every block the line of its
closing brace (`close_line`); the oracle and the comparison use those
lines, so a program must be printed before it is analysed.

Objects (`KINDS`): `Resource r0;` (a manager), `Stream s0;` (a closeable,
born entered), `auto m0 = make_cm();` (a single-use manager, made by a
generator-based manager), `ExitStack k0;` (an exit stack) and `Pool p0;`
(a manager whose enter hands out a connection); and the resources of
enters, bound at the top of a block: `Connection &c0 = co_await
p0.aenter();` (a resource of p0) and `Resource &e0 = co_await
k0.enter_async_context(r1);` (a resource of k0; r1's exit goes to k0).

Statement kinds (`Stmt.kind`):

  decl      an object's declaration, or a resource's (`owner` names the
            object entered, `arg` the Resource handed to a stack); only at
            the top of a compound block, never in a switch case
  enter     `co_await r0.aenter();`            (Resource, Pool, single-use cm)
  exit      `co_await r0.aexit();` / `co_await s0.aclose();`
  use       `r0.use();` / `s0.write(1);` / `c0.send(1);` / `e0.use();`
  push      `k0.push_async_callback([] {});`
  adopt     `co_await k0.enter_async_context(r0);`  (obj k0, arg r0)
  yield     `co_yield 1;`
  tryyield  `try { co_yield 1; } catch (...) { ep = std::current_exception(); }`
  await     `co_await cleanup();`
  if        `if (cond()) {...} else {...}`      (then, els: Block or None)
  while     `while (cond()) {...}`              (body)
  for       `for (; cond();) {...}`             (body)
  switch    `switch (val()) { case 0: ... }`    (cases: [Case])
  block     `{...}`                             (body)
  try       `try {...} catch (...) {...}`       (body, handler; the handler
            holds no co_await, co_yield or declaration)
  throw     `throw 1;`
  break, continue, return (`co_return;`)
  goto      `goto L0;`  (always forward, to a label of an enclosing block)
  label     `L0:;`
"""
import copy

# Object kinds: how they are declared and which member calls they take.
KINDS = {
    # kind: (declaration format, enter, exit, use, born entered, single use)
    "resource": ("Resource {};", "aenter", "aexit", "use()", False, False),
    "stream": ("Stream {};", None, "aclose", "write(1)", True, False),
    "cm": ("auto {} = make_cm();", "aenter", "aexit", None, False, True),
    "stack": ("ExitStack {};", None, "aclose", None, False, False),
    "pool": ("Pool {};", "aenter", "aexit", None, False, False),
    # Resources of enters: `owner` is the object entered.
    "conn": ("Connection &{} = co_await {owner}.aenter();", None, None, "send(1)",
             False, False),
    "entered": ("Resource &{} = co_await {owner}.enter_async_context({arg});", None, None,
                "use()", False, False),
}
PREFIX = {"resource": "r", "stream": "s", "cm": "m", "stack": "k", "pool": "p",
          "conn": "c", "entered": "e"}
# The kinds whose declaration binds a resource of an enter.
RESOURCE_KINDS = ("conn", "entered")

PRELUDE = """\
#include "acm-task.h"
bool cond();
int val();
rt::task<> cleanup();
rt::async_cm<int> make_cm() {
  co_yield 1;
}
"""

COROUTINE_KINDS = ("enter", "exit", "adopt", "yield", "tryyield", "await", "return")


class Block:
    def __init__(self, stmts=None):
        self.stmts = stmts if stmts is not None else []
        self.close_line = None

    def decls(self):
        return [s for s in self.stmts if s.kind == "decl"]


class Case:
    def __init__(self, label, stmts=None):
        self.label = label          # 0, 1 or "default"
        self.stmts = stmts if stmts is not None else []
        self.line = None


class Stmt:
    def __init__(self, kind, **fields):
        self.kind = kind
        self.obj = fields.get("obj")          # object name (decl and ops)
        self.okind = fields.get("okind")      # object kind (decl)
        self.owner = fields.get("owner")      # a resource's object entered (decl)
        self.arg = fields.get("arg")          # the Resource handed to a stack
        self.then = fields.get("then")
        self.els = fields.get("els")
        self.body = fields.get("body")
        self.handler = fields.get("handler")
        self.cases = fields.get("cases")
        self.label = fields.get("label")
        self.line = None
        self.in_try = False                   # inside the try block of a try

    def children(self):
        """The statement lists directly inside this statement."""
        if self.kind == "if":
            return [self.then] + ([self.els] if self.els is not None else [])
        if self.kind in ("while", "for", "block"):
            return [self.body]
        if self.kind == "try":
            return [self.body, self.handler]
        if self.kind == "switch":
            return list(self.cases)
        return []


    def names(self):
        """The objects this statement names."""
        return {n for n in (self.obj, self.owner, self.arg) if n is not None}


class Function:
    def __init__(self, name, kind, body):
        self.name = name
        self.kind = kind                # "task" or "gen"
        self.body = body                # Block
        self.objects = {}               # name -> kind, in declaration order
        self.line = None

    def clone(self):
        return copy.deepcopy(self)


def walk(block):
    """Every statement under a Block or Case, in source order."""
    for s in block.stmts:
        yield s
        for child in s.children():
            yield from walk(child)


def has_coroutine_keyword(fn):
    return any(s.kind in COROUTINE_KINDS or (s.kind == "decl" and s.okind in RESOURCE_KINDS)
               for s in walk(fn.body))


def has_yield(fn):
    return any(s.kind in ("yield", "tryyield") for s in walk(fn.body))


def mark_try_blocks(block, in_try=False):
    """Sets `in_try` on every statement inside the `try` block of a try
    (its handler is outside): a `co_yield` there is protected."""
    for s in block.stmts:
        s.in_try = in_try
        if s.kind == "try":
            mark_try_blocks(s.body, True)
            mark_try_blocks(s.handler, in_try)
        elif s.kind == "switch":
            for case in s.cases:
                mark_try_blocks(case, in_try)
        else:
            for child in s.children():
                mark_try_blocks(child, in_try)


def refresh_objects(fn):
    fn.objects = {s.obj: s.okind for s in walk(fn.body) if s.kind == "decl"}


class Printer:
    def __init__(self, first_line):
        self.lines = []
        self.first_line = first_line

    def emit(self, depth, text):
        self.lines.append("  " * depth + text if text else "")
        return self.first_line + len(self.lines) - 1

    def function(self, fn):
        refresh_objects(fn)
        mark_try_blocks(fn.body)
        ret = "rt::task<>" if fn.kind == "task" else "rt::async_cm<int>"
        fn.line = self.emit(0, "%s %s() {" % (ret, fn.name))
        # A body without co_await, co_yield or co_return is not a coroutine
        # and would not be analysed: give it an await that means nothing.
        fn.needs_await = not has_coroutine_keyword(fn)
        if fn.kind == "gen" and has_yield(fn):
            self.emit(1, "std::exception_ptr ep;")
        if fn.needs_await:
            self.emit(1, "co_await cleanup();")
        self.stmts(fn.body.stmts, 1, fn)
        fn.body.close_line = self.emit(0, "}")

    def stmts(self, stmts, depth, fn):
        for s in stmts:
            self.stmt(s, depth, fn)

    def stmt(self, s, depth, fn):
        k = s.kind
        kinds = fn.objects
        if k == "decl":
            fmt = KINDS[s.okind][0]
            s.line = self.emit(depth, fmt.format(s.obj, owner=s.owner, arg=s.arg))
        elif k == "enter":
            s.line = self.emit(depth, "co_await %s.%s();" % (s.obj, KINDS[kinds[s.obj]][1]))
        elif k == "exit":
            s.line = self.emit(depth, "co_await %s.%s();" % (s.obj, KINDS[kinds[s.obj]][2]))
        elif k == "use":
            s.line = self.emit(depth, "%s.%s;" % (s.obj, KINDS[kinds[s.obj]][3]))
        elif k == "push":
            s.line = self.emit(depth, "%s.push_async_callback([] {});" % s.obj)
        elif k == "adopt":
            s.line = self.emit(depth, "co_await %s.enter_async_context(%s);" % (s.obj, s.arg))
        elif k == "yield":
            s.line = s.yield_line = self.emit(depth, "co_yield 1;")
        elif k == "tryyield":
            s.line = self.emit(depth, "try {")
            s.yield_line = self.emit(depth + 1, "co_yield 1;")
            self.emit(depth, "} catch (...) {")
            self.emit(depth + 1, "ep = std::current_exception();")
            self.emit(depth, "}")
        elif k == "await":
            s.line = self.emit(depth, "co_await cleanup();")
        elif k == "if":
            s.line = self.emit(depth, "if (cond()) {")
            self.stmts(s.then.stmts, depth + 1, fn)
            if s.els is not None:
                s.then.close_line = self.emit(depth, "} else {")
                self.stmts(s.els.stmts, depth + 1, fn)
                s.els.close_line = self.emit(depth, "}")
            else:
                s.then.close_line = self.emit(depth, "}")
        elif k in ("while", "for"):
            head = "while (cond()) {" if k == "while" else "for (; cond();) {"
            s.line = self.emit(depth, head)
            self.stmts(s.body.stmts, depth + 1, fn)
            s.body.close_line = self.emit(depth, "}")
        elif k == "block":
            s.line = self.emit(depth, "{")
            self.stmts(s.body.stmts, depth + 1, fn)
            s.body.close_line = self.emit(depth, "}")
        elif k == "try":
            s.line = self.emit(depth, "try {")
            self.stmts(s.body.stmts, depth + 1, fn)
            s.body.close_line = self.emit(depth, "} catch (...) {")
            self.stmts(s.handler.stmts, depth + 1, fn)
            s.handler.close_line = self.emit(depth, "}")
        elif k == "throw":
            s.line = self.emit(depth, "throw 1;")
        elif k == "switch":
            s.line = self.emit(depth, "switch (val()) {")
            for c in s.cases:
                label = "default:" if c.label == "default" else "case %d:" % c.label
                # An empty last case would be a label at the end of a
                # compound statement (a C++23 extension).
                c.line = self.emit(depth, label + (";" if not c.stmts else ""))
                self.stmts(c.stmts, depth + 1, fn)
            self.emit(depth, "}")
        elif k == "break":
            s.line = self.emit(depth, "break;")
        elif k == "continue":
            s.line = self.emit(depth, "continue;")
        elif k == "return":
            s.line = self.emit(depth, "co_return;")
        elif k == "goto":
            s.line = self.emit(depth, "goto %s;" % s.label)
        elif k == "label":
            s.line = self.emit(max(depth - 1, 0), "%s:;" % s.label)
        else:
            raise ValueError(k)


def render(functions, header=""):
    """The C++ text of a file holding these functions; sets every line."""
    text = header + PRELUDE
    first = text.count("\n") + 1
    p = Printer(first)
    for fn in functions:
        p.function(fn)
    return text + "\n".join(p.lines) + "\n"


def canonicalize(fn):
    """Renames objects (per kind, in declaration order) and labels (in
    order of appearance) from 0, so that equal shapes print equally."""
    names = {}
    counts = {}
    labels = {}
    for s in walk(fn.body):
        if s.kind == "decl":
            n = counts.get(s.okind, 0)
            counts[s.okind] = n + 1
            names[s.obj] = "%s%d" % (PREFIX[s.okind], n)
        elif s.kind == "label":
            labels[s.label] = "L%d" % len(labels)
    for s in walk(fn.body):
        for field in ("obj", "owner", "arg"):
            if getattr(s, field) is not None:
                setattr(s, field, names[getattr(s, field)])
        if s.label is not None:
            s.label = labels[s.label]
    refresh_objects(fn)
    return fn
