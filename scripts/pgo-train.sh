#!/usr/bin/env bash
# Profile-guided optimisation's training run (CMakeLists.txt, ACM_PGO):
# runs an acm-tidy built with -fprofile-instr-generate over the check
# tests' and the profiles' inputs and the example project, and merges what
# it counted into one profile for the compiler.
#
#   pgo-train.sh INSTRUMENTED-ACM-TIDY LLVM-PROFDATA OUT.profdata
#
# The inputs are the tests' own: code written to exercise every check, with
# and without findings, on the real libraries' shapes (a file that does not
# compile still trains the paths that report it); and, as they are many
# small corner cases, ordinary protocol code in volume: 2,000 coroutines of
# the oracle's generator (scripts/oracle/corpus.py, a fixed seed), if
# python3 is there to write them.
set -euo pipefail
if [[ $# -ne 3 ]]; then
  echo "usage: $0 INSTRUMENTED-ACM-TIDY LLVM-PROFDATA OUT.profdata" >&2
  exit 2
fi
tool="$1"
profdata="$2"
out="$3"
root="$(cd "$(dirname "$0")/.." && pwd)"
raw="$(mktemp -d)"
trap 'rm -rf "$raw"' EXIT

train() { # train FILE [compiler args...]
  local file="$1"
  shift
  # Findings (1) and compile errors (2) are what some inputs are for.
  LLVM_PROFILE_FILE="$raw/%p.profraw" "$tool" --quiet --no-cache \
    "$file" -- -std=c++20 "$@" >/dev/null 2>&1 || true
}

for file in "$root"/test/checkers/*.cpp; do
  train "$file" -I"$root/test/checkers/Inputs"
done
for file in "$root"/test/profiles/*.cpp; do
  train "$file" -I"$root/test/profiles/Inputs" -I"$root/test/checkers/Inputs"
done
for file in "$root"/examples/src/*.cpp; do
  train "$file" -I"$root/examples/include"
done
if command -v python3 >/dev/null; then
  python3 -B "$root/scripts/oracle/corpus.py" --seed 1 --count 2000 "$raw/corpus"
  for file in "$raw"/corpus/*.cpp; do
    train "$file" -I"$root/test/checkers/Inputs"
  done
else
  echo "pgo-train: no python3; training on the tests' inputs only" >&2
fi

shopt -s nullglob
profiles=("$raw"/*.profraw)
if [[ ${#profiles[@]} -eq 0 ]]; then
  echo "pgo-train: $tool wrote no profile" >&2
  exit 1
fi
"$profdata" merge -o "$out.tmp" "${profiles[@]}"
mv "$out.tmp" "$out"
echo "pgo-train: ${#profiles[@]} runs merged into $out"
