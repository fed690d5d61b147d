"""Comparing the oracle's findings with acm-tidy's, per function."""
from oracle import MAX_SITES
from rules import CHECKS


class Diff:
    """The disagreement on one function: what each side has alone."""

    def __init__(self, fn, expected, actual):
        self.fn = fn
        # Checks on which the function is beyond a documented bound of the
        # analysis (oracle.Expected.beyond) are not compared.
        self.beyond = set(getattr(expected, "beyond", ()))
        self.expected = {k: m for k, m in expected.items() if k[0] not in self.beyond}
        self.actual = {k: m for k, m in actual.items() if k[0] not in self.beyond}
        self.missing = sorted(set(self.expected) - set(self.actual))  # acm-tidy lacks
        self.extra = sorted(set(self.actual) - set(self.expected))    # acm-tidy adds

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
        self.beyond = {c: 0 for c in CHECKS}      # functions not compared

    def add(self, diff, applicable):
        self.functions += 1
        bad = {c for c, _ in diff.missing} | {c for c, _ in diff.extra}
        for c in CHECKS:
            if c not in applicable:
                continue
            if c in diff.beyond:
                self.beyond[c] += 1
                continue
            self.per_check[c][1 if c in bad else 0] += 1
            self.per_check[c][2] += sum(1 for k in diff.expected if k[0] == c)

    def report(self):
        out = []
        for c in CHECKS:
            agree, disagree, expected = self.per_check[c]
            total = agree + disagree
            if total:
                line = ("  %-33s %5d/%-5d functions agree (%.1f%%), %d findings expected"
                        % (c, agree, total, 100.0 * agree / total, expected))
                if self.beyond[c]:
                    line += ("; %d beyond the bound of %d sites, not compared"
                             % (self.beyond[c], MAX_SITES))
                out.append(line)
        return "\n".join(out)


def applicable_checks(fn):
    from program import has_yield
    checks = {"acm-missing-exit-await", "acm-use-after-exit"}
    if fn.kind == "gen" and has_yield(fn):
        checks |= {"acm-generator-multiple-yield", "acm-generator-missing-yield",
                   "acm-generator-unprotected-yield"}
    return checks
