#!/usr/bin/env bash
# Builds and runs bench/cuda/matmul_cublas_bench.cu (vcc::ops::matmul on the
# GPU vs cuBLAS SGEMM, and GPU = CPU bitwise checks) in one command:
#
#   bench/cuda/run_matmul_bench.sh [--size 4096] [--reps 10] [--no-large-check]
#
# Needs nvcc (CUDA_HOME or /usr/local/cuda), cuBLAS and clang++-19 (the
# project's host compiler; CXX overrides it). GPU architecture: the local
# GPU's (nvcc -arch=native), or CUDA_ARCH (e.g. CUDA_ARCH=sm_90).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cuda=${CUDA_HOME:-/usr/local/cuda}
nvcc=$cuda/bin/nvcc
host=${CXX:-clang++-19}
arch=${CUDA_ARCH:-native}
out=${TMPDIR:-/tmp}/vcc-matmul-cublas-bench
mkdir -p "$out"
src=$root/runtime-native/src
# The same code-generation flags as every vcc CUDA build (cmake/Determinism.cmake, DualProgram.cmake).
"$nvcc" -ccbin "$host" -std=c++20 -O3 -DNDEBUG -arch="$arch" --extended-lambda \
  -fmad=false -prec-div=true -prec-sqrt=true -ftz=false \
  -Xcompiler=-ffp-contract=off,-fno-fast-math,-fwrapv,-fsigned-char \
  -I"$root/stdlib/include" -I"$root/runtime-native/include" -I"$src" \
  "$root/bench/cuda/matmul_cublas_bench.cu" "$src/cuda_backend.cu" "$src/cpu_backends.cpp" \
  "$src/thread_pool.cpp" "$src/backend_failure.cpp" \
  -lcublas -o "$out/matmul_cublas_bench"
exec "$out/matmul_cublas_bench" "$@"
