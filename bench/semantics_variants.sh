#!/usr/bin/env bash
# bench/semantics_variants.sh BUILD METHOD N [EXTRA CLANG FLAGS...]
#
# Takes the native cost of the defined semantics apart (docs/benchmarks.md):
# compiles bench/services/semantics_bench.cpp's dispatch glue the way `vcc
# build` does (libc++ with vcc's configuration, SPEC §4 flags, the IR
# plugin), but with only the extra flags given, links it like `vcc build`,
# and prints the best of 7 native runs of METHOD(N) on the serial backend.
#   bench/semantics_variants.sh build floats 10000000                         # plugin, no hardening flags below
#   bench/semantics_variants.sh build floats 10000000 -ftrivial-auto-var-init=zero -fsanitize=array-bounds -fsanitize-trap=array-bounds
#   bench/semantics_variants.sh build floats 10000000 -D_LIBCPP_HARDENING_MODE=_LIBCPP_HARDENING_MODE_NONE -mllvm -vcc-stack-budget=0
#   VCC_NO_PLUGIN=1 bench/semantics_variants.sh build floats 10000000           # without the IR plugin
#   VCC_NO_PLUGIN=1 VCC_LIBSTDCXX=1 bench/semantics_variants.sh build floats 10000000   # libstdc++, no plugin:
#                                   the plain build (the runtime libraries built against libstdc++)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd); method=$2; n=$3; shift 3
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$build/driver/vcc" build "$root/bench/services/semantics_bench.cpp" -o "$work/out" >/dev/null 2>&1
plugin=(-fplugin="$build/passes/ir/VccIrChecks.so" -fpass-plugin="$build/passes/ir/VccIrChecks.so"
        -mllvm -vcc-allowed-calls="$root/passes/ir/allowed_calls.txt")
if [ "${VCC_NO_PLUGIN:-0}" = 1 ]; then plugin=(); fi
if [ "${VCC_LIBSTDCXX:-0}" = 1 ]; then
  library=()
  ninja -C "$build" vcc_native_main_libstdcxx >/dev/null
  link=("$build/runtime-native/libvcc_native_main_libstdcxx.a"
        "$build/runtime-native/libvcc_runtime_native.a" "$build/stdlib/libvcc_stdlib_native.a"
        "$build/runtime-vm/libvcc_vm.a")
else
  library=(-stdlib=libc++ -isystem"$root/runtime-vm/guest/libcxx")
  link=("$build/runtime-native/libvcc_native_main_libcxx.a" "$build/runtime-native/libvcc_runtime_native_libcxx.a"
        "$build/stdlib/libvcc_stdlib_native_libcxx.a" "$build/runtime-vm/libvcc_vm_libcxx.a" -nostdlib++
        /usr/lib/llvm-19/lib/libc++.a /usr/lib/llvm-19/lib/libc++abi.a)
fi
clang++-19 -std=c++20 -O2 -fno-exceptions -fno-rtti "${library[@]}" \
  -ffp-contract=off -fno-fast-math -fwrapv -fsigned-char "$@" "${plugin[@]}" \
  -I"$root/bench/services" -I"$root/stdlib/include" -c "$work/out/.vcc-work/semantics_bench.dispatch.cpp" -o "$work/variant.o"
clang++-19 "$work/variant.o" "${link[@]}" -pthread -ldl -lrt -fuse-ld=lld -o "$work/variant"
selector=$(python3 -c "import json,sys; print(next(m['selector'] for m in json.load(open(sys.argv[1]))['methods'] if m['name']==sys.argv[2]))" "$work/out/manifest.json" "$method")
python3 -c "import sys; open(sys.argv[1],'wb').write(bytes.fromhex(sys.argv[2][2:]) + int(sys.argv[3]).to_bytes(32,'big'))" "$work/request.bin" "$selector" "$n"
python3 - "$work/variant" "$work/request.bin" <<'PY'
import subprocess, sys, time
best = float("inf")
for _ in range(7):
    start = time.perf_counter()
    subprocess.run([sys.argv[1], "--backend", "serial", "--input", sys.argv[2], "--output", "/dev/null"], check=True)
    best = min(best, time.perf_counter() - start)
print(f"{best:.4f} s")
PY
