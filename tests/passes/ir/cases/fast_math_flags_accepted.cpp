// vcc-fast-math-flags: under SPEC §4's flags (which %cxx_* pass) Clang puts
// no fast-math flags on + - * /, comparisons, conversions or selects.
// RUN: %cxx_x86 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_x86 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// CHECK-NOT: error

double dot(const double* a, const double* b, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += a[i] * b[i] + 0.5;
  return sum / n - 1.0;
}

float clampAndScale(float x, float lo, float hi) {
  float y = x < lo ? lo : (x > hi ? hi : x);
  return -y * 0.25f + static_cast<float>(static_cast<double>(y));
}
