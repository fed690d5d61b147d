#!/usr/bin/env bash
# Counts the instructions (callgrind) and the peak memory of clang's own
# parse, of clang-tidy with one trivial check (the framework's floor), and
# of acm-tidy with all its checks, on one huge coroutine and on the same
# code split into 100 coroutines. Instruction counts do not vary from run
# to run as wall-clock times do on a shared machine.
#
#   bench/instructions.sh [build-dir] [blocks]    (defaults: build, 6600)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
BLOCKS="${2:-6600}"
INPUTS="$ROOT/test/checkers/Inputs"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

instructions() { # instructions of one run of "$@"
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 \
    >/dev/null | sed -n 's/.*I *refs: *//p' | tr -d ,
}
# The checks' own work in one run of acm-tidy "$@": the instructions of its
# AST consumer. Unlike the totals, this count does not move with where the
# heap lies (see docs/benchmarks.md, "Work asked of every node, cut").
CONSUMER='acm::(anonymous namespace)::AcmChecksConsumer::HandleTranslationUnit(clang::ASTContext&)'
checks_instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    --toggle-collect="$CONSUMER" "$@" 2>&1 >/dev/null |
    sed -n 's/.*Collected *: *//p' | tr -d ,
}
peak_kb() { # peak resident memory of one run of "$@"
  /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
}

python3 "$ROOT/bench/gen_coroutines.py" "$BLOCKS" > "$WORK/one.cpp"
python3 "$ROOT/bench/gen_coroutines.py" "$BLOCKS" 100 > "$WORK/many.cpp"
printf '%-16s %-18s %15s %6s %10s %6s\n' file run instructions ratio peak_kb ratio
for f in one many; do
  src="$WORK/$f.cpp"
  parse=(clang++-22 -std=c++20 -fsyntax-only -I"$INPUTS" "$src")
  tidy=(clang-tidy-22 --quiet --checks=-*,misc-unused-alias-decls "$src" --
        -std=c++20 -I"$INPUTS")
  acm=("$BUILD/bin/acm-tidy" --quiet --no-cache "$src" -- -std=c++20
       -I"$INPUTS")
  base_i=$(instructions "${parse[@]}")
  base_m=$(peak_kb "${parse[@]}")
  for run in parse tidy acm; do
    declare -n cmd=$run
    i=$(instructions "${cmd[@]}")
    m=$(peak_kb "${cmd[@]}")
    python3 -c "print('%-16s %-18s %15d %6.3f %10d %6.2f' % ('$f', '$run', $i, $i/$base_i, $m, $m/$base_m))"
  done
  c=$(checks_instructions "${acm[@]}")
  python3 -c "print('%-16s %-18s %15d %6.3f %10s %6s' % ('$f', 'acm: checks only', ${c:-0}, ${c:-0}/$base_i, '-', '-'))"
done
