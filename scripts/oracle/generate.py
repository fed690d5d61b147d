"""Random coroutine bodies over the protocol.

Every condition is an opaque call (`cond()`, `val()`), so every path of the
printed program is feasible and the oracle may follow all of them. The
programs are valid C++20 by construction:

- objects are declared only at the top of a compound block (never in a
  `switch` case), so no jump crosses an initialisation;
- a `goto` always jumps forward to a label of a block that encloses it,
  placed after the statement that holds the goto;
- `break` only inside a loop or a `switch`, `continue` only inside a loop;
- a `catch (...)` handler holds no `co_await`, `co_yield` or declaration,
  and nothing jumps into a `try` block or a handler;
- a body with no coroutine keyword gets a `co_await cleanup();`
  (see program.Printer), so every function is a coroutine.

Function number `index` of seed `seed` depends on nothing else, so a
function can be regenerated alone (run.py --only).
"""
import random

from program import Block, Case, Function, Stmt, walk, KINDS, PREFIX

TASK_OBJECT_KINDS = [("resource", 5), ("stream", 3), ("cm", 2), ("stack", 2), ("pool", 2)]
# At most this many resources of enters per function.
MAX_BOUND_RESOURCES = 2


def pick(rng, weighted):
    total = sum(w for _, w in weighted if w > 0)
    x = rng.uniform(0, total)
    for item, w in weighted:
        if w <= 0:
            continue
        x -= w
        if x <= 0:
            return item
    return weighted[-1][0]


class Generator:
    def __init__(self, rng, kind):
        self.rng = rng
        self.kind = kind
        self.counts = {k: 0 for k in PREFIX}
        self.labels = 0
        if kind == "task":
            self.max_objects = rng.randint(1, 3)
        else:
            self.max_objects = rng.choice([0, 0, 0, 1, 2])
        self.objects = 0
        self.bound = 0

    # -- objects -----------------------------------------------------------
    def new_name(self, okind):
        name = "%s%d" % (PREFIX[okind], self.counts[okind])
        self.counts[okind] += 1
        return name

    def new_decl(self):
        okind = pick(self.rng, TASK_OBJECT_KINDS)
        self.objects += 1
        return Stmt("decl", obj=self.new_name(okind), okind=okind)

    def new_binding(self, scope):
        """A resource of an enter of an object in `scope`, or None."""
        pools = [n for n, k in scope if k == "pool"]
        stacks = [n for n, k in scope if k == "stack"]
        resources = [n for n, k in scope if k == "resource"]
        choices = [("conn", 1 if pools else 0), ("entered", 1 if stacks and resources else 0)]
        if not any(w for _, w in choices):
            return None
        okind = pick(self.rng, choices)
        self.bound += 1
        if okind == "conn":
            return Stmt("decl", obj=self.new_name(okind), okind=okind,
                        owner=self.rng.choice(pools))
        return Stmt("decl", obj=self.new_name(okind), okind=okind,
                    owner=self.rng.choice(stacks), arg=self.rng.choice(resources))

    def op(self, scope):
        name, okind = self.rng.choice(scope)
        if okind == "resource":
            kind = pick(self.rng, [("enter", 4), ("exit", 4), ("use", 3)])
        elif okind == "stream":
            kind = pick(self.rng, [("exit", 3), ("use", 3)])
        elif okind in ("cm", "pool"):
            kind = pick(self.rng, [("enter", 4), ("exit", 4)])
        elif okind == "stack":
            resources = [n for n, k in scope if k == "resource"]
            kind = pick(self.rng, [("push", 3), ("exit", 3), ("adopt", 2 if resources else 0)])
            if kind == "adopt":
                return Stmt(kind, obj=name, arg=self.rng.choice(resources))
        else:
            kind = "use"            # a resource of an enter
        return Stmt(kind, obj=name)

    # -- statements --------------------------------------------------------
    def block(self, depth, scope, in_loop, in_switch, top=False, in_try=False):
        rng = self.rng
        stmts = []
        scope = list(scope)
        remaining = self.max_objects - self.objects
        if remaining > 0:
            if top:
                n = rng.randint(1, remaining) if self.kind == "task" else rng.randint(0, remaining)
            else:
                n = 1 if rng.random() < 0.3 else 0
            for _ in range(n):
                d = self.new_decl()
                stmts.append(d)
                scope.append((d.obj, d.okind))
        if self.bound < MAX_BOUND_RESOURCES and rng.random() < (0.3 if top else 0.4):
            d = self.new_binding(scope)
            if d is not None:
                stmts.append(d)
                scope.append((d.obj, d.okind))
        length = rng.randint(3, 9) if top else rng.randint(0, max(1, 4 - depth))
        for _ in range(length):
            stmts.append(self.stmt(depth, scope, in_loop, in_switch, in_try))
        block = Block(stmts)
        if rng.random() < (0.3 if top else 0.15):
            self.add_goto(block)
        return block

    def handler(self, depth, scope, in_loop, in_switch):
        """The body of a `catch (...)`: no co_await, co_yield or
        declaration; uses and jumps."""
        rng = self.rng
        usable = [(n, k) for n, k in scope if KINDS[k][3] is not None]
        stmts = []
        for _ in range(rng.randint(0, 2)):
            choice = pick(rng, [("use", 3 if usable else 0),
                                ("break", 1 if (in_loop or in_switch) else 0),
                                ("continue", 1 if in_loop else 0),
                                ("return", 1),
                                ("if", 1 if depth < 4 else 0)])
            if choice == "use":
                stmts.append(Stmt("use", obj=rng.choice(usable)[0]))
            elif choice == "if":
                then = self.handler(depth + 1, scope, in_loop, in_switch)
                stmts.append(Stmt("if", then=then, els=None))
            else:
                stmts.append(Stmt(choice))
        return Block(stmts)

    def stmt(self, depth, scope, in_loop, in_switch, in_try=False):
        rng = self.rng
        nested = 1 if depth < 3 else 0
        weights = [
            ("op", 10 if scope else 0),
            ("if", 3 * nested),
            ("while", 1 * nested),
            ("for", 1 * nested),
            ("switch", 1 * nested),
            ("block", 1 * nested),
            ("try", 1 * nested),
            ("throw", 0.8 if in_try else 0.2),
            ("break", 1 if (in_loop or in_switch) else 0),
            ("continue", 1 if in_loop else 0),
            ("return", 0.7),
        ]
        if self.kind == "gen":
            weights += [("yield", 5), ("tryyield", 2), ("await", 3)]
        choice = pick(rng, weights)
        if choice == "op":
            return self.op(scope)
        if choice == "if":
            then = self.block(depth + 1, scope, in_loop, in_switch, in_try=in_try)
            els = (self.block(depth + 1, scope, in_loop, in_switch, in_try=in_try)
                   if rng.random() < 0.5 else None)
            return Stmt("if", then=then, els=els)
        if choice in ("while", "for"):
            return Stmt(choice, body=self.block(depth + 1, scope, True, False, in_try=in_try))
        if choice == "block":
            return Stmt("block", body=self.block(depth + 1, scope, in_loop, in_switch,
                                                 in_try=in_try))
        if choice == "try":
            body = self.block(depth + 1, scope, in_loop, in_switch, in_try=True)
            return Stmt("try", body=body,
                        handler=self.handler(depth + 1, scope, in_loop, in_switch))
        if choice == "switch":
            labels = [l for l in (0, 1, "default") if rng.random() < 0.7] or ["default"]
            cases = []
            for label in labels:
                stmts = [self.stmt(depth + 1, scope, in_loop, True, in_try)
                         for _ in range(rng.randint(0, 2))]
                if rng.random() < 0.6:
                    stmts.append(Stmt("break"))
                cases.append(Case(label, stmts))
            return Stmt("switch", cases=cases)
        return Stmt(choice)

    def add_goto(self, block):
        """A label in `block` and a goto to it from a statement before it."""
        rng = self.rng
        first = len(block.decls())
        if len(block.stmts) - first < 1:
            return
        pos = rng.randint(first + 1, len(block.stmts))
        # Statement lists before the label, where a goto may go: the
        # block's own (after its declarations) and every list nested in
        # the statements before the label.
        targets = [(block, first, pos)]
        for s in block.stmts[first:pos]:
            for child in s.children():
                targets.append((child, None, None))
                for t in walk(child):
                    for grandchild in t.children():
                        targets.append((grandchild, None, None))
        # Prefer a nested list: a goto right in the block only skips code.
        nested = targets[1:]
        lst, lo, hi = rng.choice(nested) if nested and rng.random() < 0.8 else targets[0]
        label = "L%d" % self.labels
        self.labels += 1
        block.stmts.insert(pos, Stmt("label", label=label))
        if lo is None:
            lo = len([s for s in lst.stmts if s.kind == "decl"])
            hi = len(lst.stmts)
        lst.stmts.insert(rng.randint(lo, hi), Stmt("goto", label=label))


def function(seed, index):
    """Function number `index` of batch `seed`."""
    rng = random.Random("%d:%d" % (seed, index))
    kind = "gen" if rng.random() < 0.25 else "task"
    g = Generator(rng, kind)
    body = g.block(0, [], False, False, top=True)
    name = ("f%d" if kind == "task" else "g%d") % index
    return Function(name, kind, body)
