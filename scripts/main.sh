#!/usr/bin/env bash
# The main job: install what is needed, build vcc, build the matmul sample
# service with `vcc build`, verify-equiv it (every native backend, the VM and
# qemu-riscv64 on a request corpus and fuzzed calls), print its hashes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
scripts/configure.sh build -DCMAKE_BUILD_TYPE=Release -DVCC_BUILD_BENCH=OFF -DVCC_BUILD_TESTS=OFF
ninja -C build -j2 vcc
vcc=build/driver/vcc
echo "== vcc build samples/matmul/matmul.cpp -o out/matmul"
$vcc build samples/matmul/matmul.cpp -o out/matmul
echo "== vcc verify-equiv out/matmul --corpus samples/matmul/requests --fuzz 100 --seed 7 --oracle qemu"
$vcc verify-equiv out/matmul --corpus samples/matmul/requests --fuzz 100 --seed 7 --oracle qemu
echo "== vcc hash out/matmul"
$vcc hash out/matmul
