#!/usr/bin/env bash
# The main job: install what is needed, build vcc and a C++20 guest image
# (STL containers, the guest runtime, vcc-rv64.ld), print its programHash and
# run it in the fraud-proof VM with a final state root.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
scripts/configure.sh build -DCMAKE_BUILD_TYPE=Release -DVCC_BUILD_BENCH=OFF
ninja -C build -j2 vcc guest-image-runtime-stl
image=build/images/runtime-stl.rv64.elf
echo "== vcc vm hash $image"
build/driver/vcc vm hash "$image"
echo "== vcc vm run $image --stats --state-root"
build/driver/vcc vm run "$image" --stats --state-root
