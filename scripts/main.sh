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
if [ "$all" = 1 ]; then
  echo "== samples/search: vcc build, make_index.py, vcc publish --blob, verify-equiv --store"
  $vcc build samples/search/search.cpp -o out/search
  python3 samples/search/make_index.py index out/search-index.bin
  $vcc publish out/search --bundle out/search-bundle --blob out/search-index.bin
  $vcc verify-equiv out/search --corpus samples/search/requests --store out/search-bundle/blobs --fuzz 40 --seed 7
  $vcc hash out/search
fi
if [ "$all" = 1 ]; then
  echo "== samples/tinygpt: vcc build, make_model.py, vcc publish --blob, verify-equiv --store"
  $vcc build samples/tinygpt/tinygpt.cpp -o out/tinygpt
  python3 samples/tinygpt/make_model.py model out/tinygpt-model.bin
  $vcc publish out/tinygpt --bundle out/tinygpt-bundle --blob out/tinygpt-model.bin
  $vcc verify-equiv out/tinygpt --corpus samples/tinygpt/requests --store out/tinygpt-bundle/blobs --fuzz 40 --seed 7
  $vcc hash out/tinygpt
fi
if [ "$all" = 1 ]; then
  echo "== samples/fhe: vcc build, fhe.py vector, vcc publish --blob, verify-equiv --store"
  $vcc build samples/fhe/fhe.cpp -o out/fhe
  python3 samples/fhe/fhe.py vector out/fhe-vector.bin
  $vcc publish out/fhe --bundle out/fhe-bundle --blob out/fhe-vector.bin
  $vcc verify-equiv out/fhe --corpus samples/fhe/requests --store out/fhe-bundle/blobs --fuzz 60 --seed 7
  $vcc hash out/fhe
fi
if [ "$all" = 1 ]; then
  echo "== samples/imageproc: vcc build, make_image.py, vcc publish --blob, verify-equiv --store"
  $vcc build samples/imageproc/imageproc.cpp -o out/imageproc
  python3 samples/imageproc/make_image.py image out/imageproc-image.bin
  $vcc publish out/imageproc --bundle out/imageproc-bundle --blob out/imageproc-image.bin
  $vcc verify-equiv out/imageproc --corpus samples/imageproc/requests --store out/imageproc-bundle/blobs --fuzz 60 --seed 7
  $vcc hash out/imageproc
fi
if [ "$all" = 1 ]; then
  echo "== samples/explorer: vcc build, js/chain.mjs, vcc publish --blob, verify-equiv --store"
  $vcc build samples/explorer/explorer.cpp -o out/explorer
  node samples/explorer/js/chain.mjs chain out/explorer-chain.bin
  $vcc publish out/explorer --bundle out/explorer-bundle --blob out/explorer-chain.bin
  $vcc verify-equiv out/explorer --corpus samples/explorer/requests --store out/explorer-bundle/blobs --fuzz 60 --seed 7
  $vcc hash out/explorer
fi
