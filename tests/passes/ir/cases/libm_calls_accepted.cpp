// vcc-libm-calls: libm's exact functions (correctly rounded by IEEE 754 on
// every libm) stay allowed, as do functions that only share a prefix.
// RUN: %cxx_x86 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_x86 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// CHECK-NOT: error

#include <cmath>

double expensive(double x) { return x * x; }  // a name that starts like "exp"

double exact(double x, double y) {
  int exponent = 0;
  double mantissa = std::frexp(x, &exponent);
  double whole = 0.0;
  double fraction = std::modf(y, &whole);
  return std::sqrt(x) + std::fmod(x, y) + std::remainder(x, y) + std::ldexp(mantissa, exponent) +
         std::nextafter(x, y) + fraction + whole + std::fma(x, y, 1.0) + expensive(x);
}
