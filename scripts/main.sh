#!/usr/bin/env bash
# The main job: install what is needed, build vcc and a bundled guest
# program, and run that program in the fraud-proof VM with `vcc vm run`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
scripts/configure.sh build -DCMAKE_BUILD_TYPE=Release -DVCC_BUILD_TESTS=OFF
ninja -C build -j2 vcc guest-vmbench-keccak
echo "== vcc vm run build/guests/vmbench-keccak.elf --stats"
build/driver/vcc vm run build/guests/vmbench-keccak.elf --stats
