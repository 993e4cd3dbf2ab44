#!/usr/bin/env bash
# The main job: install what is needed, build vcc, build the matmul sample
# service with `vcc build`, verify-equiv it (every native backend, the VM and
# qemu-riscv64 on a request corpus and fuzzed calls), print its hashes.
#   scripts/main.sh --all   also every other sample in samples/ with its
#                           data: build, publish with its blobs, verify-equiv
set -euo pipefail
all=0
for argument in "$@"; do
  case "$argument" in
    --all) all=1 ;;
    *) echo "usage: scripts/main.sh [--all]" >&2; exit 2 ;;
  esac
done
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
# One sample with its data: vcc build, the command that writes its blob to
# out/NAME-data.bin, vcc publish --blob (its data root names it), then
# verify-equiv over its corpus and fuzzed calls with the bundle as the store.
sample() {
  local name=$1 fuzz=$2
  shift 2
  echo "== samples/$name: vcc build, $*, vcc publish --blob, verify-equiv --store"
  $vcc build "samples/$name/$name.cpp" -o "out/$name"
  "$@" "out/$name-data.bin"
  $vcc publish "out/$name" --bundle "out/$name-bundle" --blob "out/$name-data.bin"
  $vcc verify-equiv "out/$name" --corpus "samples/$name/requests" --store "out/$name-bundle/blobs" --fuzz "$fuzz" --seed 7
  $vcc hash "out/$name"
}
if [ "$all" = 1 ]; then
  sample search 40 python3 samples/search/make_index.py index
  sample tinygpt 40 python3 samples/tinygpt/make_model.py model
  sample explorer 60 node samples/explorer/js/chain.mjs chain
  sample imageproc 60 python3 samples/imageproc/make_image.py image
  sample fhe 60 python3 samples/fhe/fhe.py vector
fi
