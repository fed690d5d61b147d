"""Comparing the oracle's findings with acm-tidy's, per function."""
from rules import CHECKS


class Diff:
    """The disagreement on one function: what each side has alone."""

    def __init__(self, fn, expected, actual):
        self.fn = fn
        self.expected = expected            # (check, line) -> message
        self.actual = actual
        self.missing = sorted(set(expected) - set(actual))    # acm-tidy lacks
        self.extra = sorted(set(actual) - set(expected))      # acm-tidy adds

    def __bool__(self):
        return bool(self.missing or self.extra)

    def kinds(self):
        """The kinds of disagreement: (check, "missing" | "extra")."""
        return sorted({(c, "missing") for c, _ in self.missing} |
                      {(c, "extra") for c, _ in self.extra})

    def describe(self):
        lines = []
        for c, l in self.missing:
            lines.append("  line %d: oracle expects [%s] %s; acm-tidy does not report it"
                         % (l, c, self.expected[(c, l)]))
        for c, l in self.extra:
            lines.append("  line %d: acm-tidy reports [%s] %s; the oracle does not expect it"
                         % (l, c, self.actual[(c, l)]))
        return "\n".join(lines)


class Tally:
    """Agreement per check: a function agrees on a check when both sides
    give the same set of lines for it."""

    def __init__(self):
        self.functions = 0
        self.per_check = {c: [0, 0, 0] for c in CHECKS}   # agree, disagree, findings expected

    def add(self, diff, applicable):
        self.functions += 1
        bad = {c for c, _ in diff.missing} | {c for c, _ in diff.extra}
        for c in CHECKS:
            if c not in applicable:
                continue
            self.per_check[c][1 if c in bad else 0] += 1
            self.per_check[c][2] += sum(1 for k in diff.expected if k[0] == c)

    def report(self):
        out = []
        for c in CHECKS:
            agree, disagree, expected = self.per_check[c]
            total = agree + disagree
            if total:
                out.append("  %-33s %5d/%-5d functions agree (%.1f%%), %d findings expected"
                           % (c, agree, total, 100.0 * agree / total, expected))
        return "\n".join(out)


def applicable_checks(fn):
    from program import has_yield
    checks = {"acm-missing-exit-await", "acm-use-after-exit"}
    if fn.kind == "gen" and has_yield(fn):
        checks |= {"acm-generator-multiple-yield", "acm-generator-missing-yield",
                   "acm-generator-unprotected-yield"}
    return checks
