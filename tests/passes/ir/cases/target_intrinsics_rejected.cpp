// vcc-target-intrinsics: <immintrin.h>-style builtins exist for one target,
// and some are approximations (rcp). The guest side is in
// target_intrinsics_opt.ll: rv64im has no such builtins to call.
// RUN: not %cxx_x86 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_x86 -O2 -g -c %s -o /dev/null 2>&1 | FileCheck %s

typedef float Float4 __attribute__((vector_size(16)));

Float4 reciprocal(Float4 x) {
  // CHECK: target_intrinsics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: target-specific intrinsic 'llvm.x86.sse.rcp.ps' is not allowed: the other target has no such operation; write portable C++ (vector intrinsics come from the vcc stdlib) [vcc-target-intrinsics]
  return __builtin_ia32_rcpps(x);
}

void relax() {
  // CHECK: target_intrinsics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: target-specific intrinsic 'llvm.x86.sse2.pause'{{.*}}[vcc-target-intrinsics]
  __builtin_ia32_pause();
}
