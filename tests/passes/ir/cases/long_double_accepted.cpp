// vcc-long-double: only long double values in the IR count; sizeof, unused
// inline functions and double everywhere are fine.
// RUN: %cxx_x86 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// CHECK-NOT: error

inline long double neverCalled(long double x) { return x * 2; }

unsigned long widthOfLongDouble() { return sizeof(long double); }

double average(const double* values, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += values[i];
  return n > 0 ? sum / n : 0.0;
}
