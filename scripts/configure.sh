#!/usr/bin/env bash
# configure.sh BUILD_DIR [cmake args...]: configures a Ninja build of vcc with
# clang-19 (the only compiler the project is tested with).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$1
shift
cmake -S "$root" -B "$build" -G Ninja \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 "$@" >"$build.configure.log" 2>&1 \
  || { cat "$build.configure.log" >&2; exit 1; }
