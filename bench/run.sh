#!/usr/bin/env bash
# Compares acm-tidy's time with clang's own parse (-fsyntax-only) on one
# coroutine of growing size. The ratio should stay flat: the analysis is
# linear in the size of the function.
#
#   bench/run.sh [build-dir]        (default: build)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
INPUTS="$ROOT/test/checkers/Inputs"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

seconds() { # best of three wall-clock runs of "$@"
  local best=""
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    best=$(python3 -c "b='$best'; t=$end-$start; print(t if not b or t<float(b) else b)")
  done
  echo "$best"
}

printf '%8s %10s %10s %7s\n' blocks clang_s acm_s ratio
for n in 250 500 1000 2000; do
  python3 "$ROOT/bench/gen_coroutines.py" "$n" > "$WORK/huge$n.cpp"
  parse=$(seconds clang++-22 -std=c++20 -fsyntax-only -I"$INPUTS" "$WORK/huge$n.cpp")
  acm=$(seconds "$BUILD/bin/acm-tidy" --quiet "$WORK/huge$n.cpp" -- -std=c++20 -I"$INPUTS")
  python3 -c "print('%8d %10.2f %10.2f %7.2f' % ($n, $parse, $acm, $acm/$parse))"
done
