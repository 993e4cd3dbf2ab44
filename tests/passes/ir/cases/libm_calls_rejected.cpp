// vcc-libm-calls: calls to libm's transcendentals, and taking their address.
// RUN: not %cxx_x86 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_x86 -O2 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_rv64 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_rv64 -O2 -g -c %s -o /dev/null 2>&1 | FileCheck %s

#include <cmath>

double viaCmath(double x, float y) {
  // CHECK: libm_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: call to libm function 'exp': its result differs in the last bits between the native C library and the VM image's; use vcc::math::exp from <vcc/math.hpp> [vcc-libm-calls]
  double e = std::exp(x);
  // CHECK: libm_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: call to libm function 'tanh'{{.*}}vcc::math::tanh
  double t = std::tanh(x);
  // CHECK: libm_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: call to libm function 'erf'{{.*}}vcc::math::erf
  double r = std::erf(x);
  // CHECK: libm_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: call to libm function 'pow'{{.*}}vcc::math::pow
  double p = std::pow(x, 1.5);
  // CHECK: libm_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: call to libm function 'logf'{{.*}}use vcc::math::log from
  float l = logf(y);
  // CHECK: libm_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: call to libm function 'cbrt'{{.*}}vcc::math has no 'cbrt'
  double c = std::cbrt(x);
  return e + t + r + p + l + c;
}

using Unary = double (*)(double);
Unary pick(int which) {
  // CHECK: libm_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: address of libm function 'sin'{{.*}}vcc::math::sin
  return which != 0 ? static_cast<Unary>(::sin) : nullptr;
}
