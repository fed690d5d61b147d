#!/usr/bin/env bash
# Installs what acm-tidy needs to build and test on Debian 12 (bookworm),
# whose security archive carries LLVM 22 (with clang's sanitizer runtimes
# for scripts/sanitize.sh), and the SARIF Multitool that the
# tests validate acm-tidy's SARIF output with (from npm, into .deps/ of this
# checkout). Running it again when everything is there does nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

PACKAGES=(
  clang-22 libclang-22-dev llvm-22-dev llvm-22-tools
  clang-tidy-22 clangd-22 clang-tools-22 libclang-rt-22-dev
  libgrpc++-dev libprotobuf-dev protobuf-compiler-grpc
  ninja-build cmake libgtest-dev python3 python3-yaml git
  # The packaging tests: pkg-config (cpack -G DEB needs only dpkg-deb).
  pkgconf
)
# npm only when there is none (CI images often bring their own Node.js).
if ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all packages present"
else
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The official SARIF validator. Its npm package ships a self-contained .NET
# program per platform; npm installs the one for this machine. Its install
# script only makes the program executable, so it is skipped and done here.
SARIF_VERSION=5.7.0
SARIF_PREFIX="$ROOT/.deps/npm"
SARIF_PACKAGE="$SARIF_PREFIX/node_modules/@microsoft/sarif-multitool/package.json"
SARIF_PROGRAM="$SARIF_PREFIX/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ -x "$SARIF_PROGRAM" ] && grep -q "\"version\": *\"$SARIF_VERSION\"" "$SARIF_PACKAGE" 2>/dev/null; then
  echo "install-deps: SARIF Multitool $SARIF_VERSION present"
else
  mkdir -p "$SARIF_PREFIX"
  # Not part of the project's sources.
  printf '*\n' > "$ROOT/.deps/.gitignore"
  # Without it everything builds and only the SARIF validation test fails,
  # so a failure here (no network) is a warning, not the end of the set-up.
  if npm install --prefix "$SARIF_PREFIX" --no-audit --no-fund --ignore-scripts \
      --loglevel=error "@microsoft/sarif-multitool@$SARIF_VERSION" &&
      chmod +x "$SARIF_PROGRAM"; then
    echo "install-deps: SARIF Multitool $SARIF_VERSION installed in $SARIF_PREFIX"
  else
    echo "install-deps: WARNING: could not install the SARIF Multitool;" \
      "the SARIF validation test (test/tool/sarif-validate.test) will fail" >&2
  fi
fi
