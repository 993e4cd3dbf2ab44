// Target detection and annotations shared by every stdlib header. The same
// headers compile for the host (clang-19), for CUDA device code (nvcc) and
// for the RISC-V guest (clang-19, runtime-vm/guest).
#pragma once

#if defined(__CUDACC__)
#define VCC_HD __host__ __device__
#else
#define VCC_HD
#endif

// Marks a lambda given to parallel_for so that nvcc compiles it for the
// device as well: `vcc::parallel_for(n, [=] VCC_KERNEL(size_t i) { ... });`
#define VCC_KERNEL VCC_HD

#if defined(__riscv)
#define VCC_TARGET_GUEST 1
#else
#define VCC_TARGET_GUEST 0
#endif

// Marks a service method for the frontend (docs/service-api.md). In the
// coverage-guided fuzzer's build (vcc build --fuzzer) a method stays a
// function of its own, so that its comparisons are traced while those of
// the dispatch and ABI code around it are not (driver/native_build.cpp).
#if defined(__clang__) && !defined(__CUDACC__) && defined(VCC_FUZZ_BUILD)
#define VCC_METHOD [[clang::annotate("vcc.method"), gnu::noinline]]
#elif defined(__clang__) && !defined(__CUDACC__)
#define VCC_METHOD [[clang::annotate("vcc.method")]]
#else
#define VCC_METHOD
#endif
