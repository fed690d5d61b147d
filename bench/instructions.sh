#!/usr/bin/env bash
# Counts the instructions (callgrind) and the peak memory of clang's own
# parse, of clang-tidy with one trivial check (the framework's floor), and
# of acm-tidy with all its checks, on one huge coroutine and on the same
# code split into 100 coroutines. Instruction counts do not vary from run
# to run as wall-clock times do on a shared machine, but they do vary with
# where the heap puts clang's nodes (clang hashes them by address): each
# run is repeated with the file under LAYOUTS paths of different lengths,
# and the median is reported, for the parse and for acm-tidy alike.
#
#   [LAYOUTS=3] [FILES="one many"] bench/instructions.sh [build-dir] [blocks]
#                                     (defaults: build, 6600)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
BLOCKS="${2:-6600}"
LAYOUTS="${LAYOUTS:-3}"
FILES="${FILES:-one many}"
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
median() { # the median of the numbers on stdin
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
# The file's copy for layout $2 of file $1: directories whose names grow
# by 13 characters from one layout to the next, so that every string
# holding the path, and all that is allocated after it, moves.
layout_path() {
  local dir="$WORK/$1" i
  for ((i = 0; i < $2; ++i)); do dir+="/layout-$i-x"; done
  mkdir -p "$dir"
  cp "$WORK/$1.cpp" "$dir/$1.cpp"
  echo "$dir/$1.cpp"
}

commands_for() { # sets parse, tidy and acm to the three runs on file $1
  parse=(clang++-22 -std=c++20 -fsyntax-only -I"$INPUTS" "$1")
  tidy=(clang-tidy-22 --quiet --checks=-*,misc-unused-alias-decls "$1" --
        -std=c++20 -I"$INPUTS")
  acm=("$BUILD/bin/acm-tidy" --quiet --no-cache "$1" -- -std=c++20
       -I"$INPUTS")
}

python3 "$ROOT/bench/gen_coroutines.py" "$BLOCKS" > "$WORK/one.cpp"
python3 "$ROOT/bench/gen_coroutines.py" "$BLOCKS" 100 > "$WORK/many.cpp"
printf '%-16s %-18s %15s %6s %10s %6s %s\n' file run instructions ratio \
  peak_kb ratio "spread (min..max over $LAYOUTS layouts)"
for f in $FILES; do
  declare -A counts=()
  for ((l = 0; l < LAYOUTS; ++l)); do
    commands_for "$(layout_path "$f" "$l")"
    for run in parse tidy acm; do
      declare -n cmd=$run
      counts[$run]+="$(instructions "${cmd[@]}") "
    done
  done
  commands_for "$WORK/$f.cpp"
  base_i=$(tr ' ' '\n' <<<"${counts[parse]}" | grep . | median)
  base_m=$(peak_kb "${parse[@]}")
  for run in parse tidy acm; do
    declare -n cmd=$run
    all=$(tr ' ' '\n' <<<"${counts[$run]}" | grep . | sort -n)
    i=$(median <<<"$all")
    m=$(peak_kb "${cmd[@]}")
    python3 -c "print('%-16s %-18s %15d %6.3f %10d %6.2f %.3f..%.3f' % ('$f', '$run', $i, $i/$base_i, $m, $m/$base_m, $(head -1 <<<"$all")/$base_i, $(tail -1 <<<"$all")/$base_i))"
  done
  c=$(checks_instructions "${acm[@]}")
  python3 -c "print('%-16s %-18s %15d %6.3f %10s %6s' % ('$f', 'acm: checks only', ${c:-0}, ${c:-0}/$base_i, '-', '-'))"
done
