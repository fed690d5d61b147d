#!/usr/bin/env bash
# Builds acm-tidy with AddressSanitizer and UndefinedBehaviorSanitizer in a
# build directory of its own and runs the tests under them: the unit tests,
# a mutation-fuzz batch, and with --lit the lit suite. docs/testing.md
# ("Sanitizers") says what is instrumented and why the options are set.
#
# Exit status: 0 clean; 86 a sanitizer reported something (the reports are
# printed at the end); 1 a test failed without a report.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="$ROOT/build-sanitize"
SANITIZERS="address,undefined"
BUILD_TYPE="Release"
RUN_LIT=0
SEED=1
MUTANTS_PER_FILE=1
FUZZ_CLANGD=0
JOBS=""

usage() {
  cat <<EOF
usage: scripts/sanitize.sh [options]

  --build DIR             build directory (default: build-sanitize)
  --sanitizers LIST       -DACM_SANITIZE value (default: $SANITIZERS)
  --lit                   also run the lit suite
  --seed N                mutation-fuzz seed (default: $SEED)
  --mutants-per-file K    mutants of each check test file (default: $MUTANTS_PER_FILE;
                          0 skips the fuzzing)
  --clangd                also open each mutant in acm-clangd
  -j N                    build jobs (default: ninja's)

The long run: scripts/sanitize.sh --lit --mutants-per-file 8 --clangd
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD="$(realpath -m "$2")"; shift 2 ;;
    --sanitizers) SANITIZERS="$2"; shift 2 ;;
    --lit) RUN_LIT=1; shift ;;
    --seed) SEED="$2"; shift 2 ;;
    --mutants-per-file) MUTANTS_PER_FILE="$2"; shift 2 ;;
    --clangd) FUZZ_CLANGD=1; shift ;;
    -j) JOBS="$2"; shift 2 ;;
    -j*) JOBS="${1#-j}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

# Every report also goes to a file: some harnesses hide a tool's stderr, and
# `not` turns any failure, a report too, into success. A report file fails
# the run whatever the exit status around it was.
REPORTS="$BUILD/sanitizer-reports"
rm -rf "$REPORTS"
mkdir -p "$REPORTS"

# exitcode=86: ASan's and UBSan's default 1 is acm-tidy's "findings".
# allow_user_poisoning=0: LLVM's allocators poison and unpoison their memory
# in header code that is inlined into our instrumented objects but not into
# Debian's uninstrumented LLVM libraries, so the two disagree about what is
# poisoned and ASan reports accesses that are fine (first seen in
# acm-clangd).
COMMON_OPTIONS="exitcode=86:log_path=$REPORTS/report:print_summary=1"
export ASAN_OPTIONS="$COMMON_OPTIONS:allow_user_poisoning=0:detect_leaks=1:check_initialization_order=1"
export LSAN_OPTIONS="$COMMON_OPTIONS"
export UBSAN_OPTIONS="$COMMON_OPTIONS:print_stacktrace=1:halt_on_error=1"
# Reports with function names, files and lines.
if [ -x /usr/lib/llvm-22/bin/llvm-symbolizer ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-22/bin/llvm-symbolizer
fi

step() { echo "sanitize: $*"; }

step "configure $BUILD (-DACM_SANITIZE=$SANITIZERS)"
# CXX counts at the first configure only; clang++-22 because its runtimes
# are the ones install-deps.sh installs.
CXX=clang++-22 cmake -S "$ROOT" -B "$BUILD" -G Ninja \
  -DCMAKE_BUILD_TYPE="$BUILD_TYPE" -DACM_SANITIZE="$SANITIZERS" >/dev/null
# Only what the chosen tests run: the lit suite needs everything, the
# plugin among it (a second, uninstrumented compilation of lib/).
targets=()
if [ "$RUN_LIT" -eq 0 ]; then
  targets=(acm-unit-tests acm-tool-tests acm-tidy)
  if [ "$FUZZ_CLANGD" -eq 1 ]; then
    targets+=(acm-clangd)
  fi
fi
step "build ${targets[*]:-everything}"
cmake --build "$BUILD" ${JOBS:+-j "$JOBS"} ${targets[@]:+--target "${targets[@]}"}
step "build: done ($SECONDS s)"

failed=0
run() {
  local name="$1"
  shift
  local start=$SECONDS
  step "$name"
  if "$@"; then
    step "$name: passed ($((SECONDS - start)) s)"
  else
    step "$name: FAILED, status $? ($((SECONDS - start)) s)"
    failed=1
  fi
}

run "unit tests" "$BUILD/bin/acm-unit-tests" --gtest_brief=1
run "tool unit tests" "$BUILD/bin/acm-tool-tests" --gtest_brief=1
if [ "$RUN_LIT" -eq 1 ]; then
  # lit passes ASAN_OPTIONS and UBSAN_OPTIONS through to the tests.
  run "lit suite" /usr/lib/llvm-22/bin/lit -sv "$BUILD/test"
fi
if [ "$MUTANTS_PER_FILE" -gt 0 ]; then
  fuzz_args=(--build "$BUILD" --seed "$SEED"
             --mutants-per-file "$MUTANTS_PER_FILE"
             --out "$BUILD/mutation-fuzz-crashes")
  if [ "$FUZZ_CLANGD" -eq 1 ]; then
    fuzz_args+=(--clangd)
  fi
  # The plugin runs in Debian's uninstrumented clang-tidy; the normal
  # build's fuzzing covers it.
  run "mutation fuzzing (seed $SEED, $MUTANTS_PER_FILE per file)" \
    python3 "$ROOT/scripts/mutation-fuzz.py" --no-plugin "${fuzz_args[@]}"
fi

reports=("$REPORTS"/report.*)
if [ -e "${reports[0]}" ]; then
  for report in "${reports[@]}"; do
    echo "==== $report"
    cat "$report"
  done
  step "${#reports[@]} sanitizer report(s)"
  exit 86
fi
if [ "$failed" -ne 0 ]; then
  step "tests failed, no sanitizer report"
  exit 1
fi
step "clean: no sanitizer report ($SECONDS s in all)"
