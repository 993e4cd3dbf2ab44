#!/bin/sh
# Regenerates the PTX fixtures of ptx_scan_test.cpp (checked in, so the test
# runs without CUDA). Needs nvcc; run from this folder.
set -eu
nvcc=${NVCC:-/usr/local/cuda/bin/nvcc}
strict="-fmad=false -prec-div=true -prec-sqrt=true -ftz=false"
"$nvcc" -ptx -arch=sm_80 $strict exact_kernels.cu -o exact_kernels.strict.ptx
"$nvcc" -ptx -arch=sm_80 exact_kernels.cu -o exact_kernels.default.ptx
"$nvcc" -ptx -arch=sm_80 -use_fast_math exact_kernels.cu -o exact_kernels.fast.ptx
"$nvcc" -ptx -arch=sm_80 $strict transcendental_kernels.cu -o transcendental_kernels.strict.ptx
