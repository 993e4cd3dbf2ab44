// vcc-float-intrinsics: llvm.fmuladd (a*b+c under -ffp-contract=on) and the
// intrinsics Clang emits for libm builtins under -fno-math-errno.
// RUN: not %cxx_x86 -O0 -g -ffp-contract=on -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=FMULADD
// RUN: not %cxx_rv64 -O2 -g -ffp-contract=on -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=FMULADD
// RUN: not %cxx_x86 -O0 -g -fno-math-errno -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=APPROX
// RUN: not %cxx_rv64 -O0 -g -fno-math-errno -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=APPROX

double multiplyAdd(double a, double b, double c) {
  // FMULADD: float_intrinsics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'llvm.fmuladd.f64' (a*b+c that each target may or may not fuse) is not bit-exact; compile with -ffp-contract=off, and write std::fma where a fused multiply-add is meant [vcc-float-intrinsics]
  return a * b + c;
}

double transcendentals(double x, float y, int n) {
  // APPROX: float_intrinsics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'llvm.exp.f64' is not exactly rounded and differs between targets; use vcc::math::exp from <vcc/math.hpp> [vcc-float-intrinsics]
  double e = __builtin_exp(x);
  // APPROX: float_intrinsics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'llvm.sin.f64' {{.*}}vcc::math::sin
  double s = __builtin_sin(x);
  // APPROX: float_intrinsics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'llvm.pow.f64' {{.*}}vcc::math::pow
  double p = __builtin_pow(x, 2.5);
  // APPROX: float_intrinsics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'llvm.log2.f32' is not exactly rounded and differs between targets; vcc::math has no 'log2'; build it from what <vcc/math.hpp> has (exp, expm1, log, log1p, pow, sin, cos, tanh, erf, erfc, rsqrt) [vcc-float-intrinsics]
  float l = __builtin_log2f(y);
  // APPROX: float_intrinsics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'llvm.powi.f64.i32' {{.*}}use vcc::math::pow from <vcc/math.hpp> [vcc-float-intrinsics]
  double q = __builtin_powi(x, n);
  // APPROX: float_intrinsics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'llvm.lround.i64.f64' gives a target-specific result when the rounded value does not fit the integer type; round with std::round/std::rint and convert with a cast (vcc saturates casts) [vcc-float-intrinsics]
  long r = __builtin_lround(x);
  return e + s + p + l + q + static_cast<double>(r);
}
