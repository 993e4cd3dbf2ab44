#!/usr/bin/env bash
# The whole test suite, from a fresh machine:
#   1. a Release build and every default test (unit, qemu differential, CLI);
#   2. an AddressSanitizer + UBSan build running the VM tests again;
#   3. the libFuzzer targets, each for VCC_FUZZ_SECONDS (default 30) seconds.
# Set VCC_LONG=1 to add the long differential run (thousands of programs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh

echo "== release build and tests"
# Tests and benchmarks on explicitly: scripts/main.sh configures the same
# build directory without them, and CMake's cache would keep that.
scripts/configure.sh build -DCMAKE_BUILD_TYPE=Release -DVCC_BUILD_TESTS=ON -DVCC_BUILD_BENCH=ON
ninja -C build -j2
labels=(-LE 'long')
if [ "${VCC_LONG:-0}" = 1 ]; then labels=(); fi
ctest --test-dir build -j2 --output-on-failure --no-tests=error "${labels[@]}"

echo "== ASan + UBSan build and VM tests"
scripts/configure.sh build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVCC_SANITIZE=ON -DVCC_BUILD_BENCH=OFF -DVCC_BUILD_TESTS=ON
ninja -C build-asan -j2
ctest --test-dir build-asan -j2 --output-on-failure --no-tests=error -LE 'long'

echo "== fuzzers (ASan + UBSan + libFuzzer)"
scripts/configure.sh build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVCC_SANITIZE=ON -DVCC_FUZZ=ON \
  -DVCC_BUILD_BENCH=OFF -DVCC_FUZZ_SECONDS="${VCC_FUZZ_SECONDS:-30}" -DVCC_FUZZ_SEED_DIR="$root/build/guests"
ninja -C build-fuzz -j2 elf_fuzzer instruction_fuzzer manifest_fuzzer args_fuzzer proof_fuzzer abi_fuzzer abi_tool rlp_fuzzer
ctest --test-dir build-fuzz --output-on-failure --no-tests=error -L fuzz
