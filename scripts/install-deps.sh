#!/usr/bin/env bash
# Installs what acm-tidy needs to build and test on Debian 12 (bookworm),
# whose security archive carries LLVM 22.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

PACKAGES=(
  clang-22 libclang-22-dev llvm-22-dev llvm-22-tools
  clang-tidy-22 clangd-22 clang-tools-22
  libgrpc++-dev libprotobuf-dev protobuf-compiler-grpc
  ninja-build cmake libgtest-dev python3
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
$SUDO apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "${missing[@]}"
