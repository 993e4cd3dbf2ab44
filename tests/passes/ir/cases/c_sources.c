// The checks see C as they see C++: math.h transcendentals, time(), long
// double and a copy of a volatile struct (a volatile llvm.memcpy).
// RUN: not %cc_x86 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,X86
// RUN: not %cc_rv64 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,RV64
// RUN: not %cc_rv64 -O2 -g -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,RV64

#include <math.h>
#include <string.h>

long time(long* out);

struct Sample {
  double values[8];
};

double measure(double x, volatile struct Sample* shared) {
  // CHECK-DAG: c_sources.c:[[@LINE+1]]:{{[0-9]+}}: error: volatile memory copy or fill: {{.*}}[vcc-volatile]
  struct Sample copy = *shared;
  // CHECK-DAG: c_sources.c:[[@LINE+1]]:{{[0-9]+}}: error: call to libm function 'exp'{{.*}}[vcc-libm-calls]
  double grown = exp(x) + copy.values[0];
  // CHECK-DAG: c_sources.c:[[@LINE+1]]:{{[0-9]+}}: error: call to external function 'time'{{.*}}[vcc-external-calls]
  return grown + (double)time(0) + (double)strlen("ok");
}

// X86-DAG: c_sources.c:[[@LINE+2]]:{{[0-9]+}}: error: {{.*}}x86_fp80{{.*}}[vcc-long-double]
// RV64-DAG: c_sources.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}fp128{{.*}}[vcc-long-double]
long double extended(long double x) { return x / 3; }
