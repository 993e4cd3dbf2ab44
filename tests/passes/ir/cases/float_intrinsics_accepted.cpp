// vcc-float-intrinsics: exact intrinsics pass: sqrt, an explicit fma (the
// one way Clang emits llvm.fma), rounding, fabs, min/max, copysign.
// RUN: %cxx_x86 -O0 -fno-math-errno -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_x86 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O0 -fno-math-errno -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_x86 -O0 -fno-math-errno -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// CHECK-NOT: error
// IR: call double @llvm.fma.f64
// IR: call double @llvm.sqrt.f64

#include <cmath>

double exact(double a, double b, double c) {
  double fused = std::fma(a, b, c) + __builtin_fma(a, b, c);
  double root = __builtin_sqrt(a) + std::sqrt(b);
  double rounded = std::floor(a) + std::ceil(b) + std::trunc(c) + std::round(a) + std::rint(b);
  double other = std::fabs(a) + std::fmin(a, b) + std::fmax(b, c) + std::copysign(a, b);
  return fused + root + rounded + other;
}
