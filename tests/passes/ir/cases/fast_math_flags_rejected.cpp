// vcc-fast-math-flags: every Clang option that puts fast-math flags on
// floating-point instructions is caught, on the host and on the guest.
// RUN: not %cxx_x86 -O0 -g -ffp-contract=fast -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=CONTRACT
// RUN: not %cxx_rv64 -O0 -g -ffp-contract=fast -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=CONTRACT
// RUN: not %cxx_x86 -O2 -g -ffast-math -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=FAST
// RUN: not %cxx_rv64 -O2 -g -ffast-math -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=FAST
// RUN: not %cxx_x86 -O0 -g -fassociative-math -fno-signed-zeros -fno-trapping-math -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REASSOC
// RUN: not %cxx_rv64 -O0 -g -fassociative-math -fno-signed-zeros -fno-trapping-math -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REASSOC
// RUN: not %cxx_x86 -O0 -g -freciprocal-math -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=ARCP
// RUN: not %cxx_rv64 -O0 -g -freciprocal-math -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=ARCP
// RUN: not %cxx_x86 -O0 -g -fapprox-func -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=AFN
// RUN: not %cxx_rv64 -O0 -g -fapprox-func -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=AFN
// RUN: not %cxx_x86 -O0 -g -ffinite-math-only -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=FINITE
// RUN: not %cxx_rv64 -O0 -g -ffinite-math-only -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=FINITE
// RUN: not %cxx_x86 -O0 -g -fno-signed-zeros -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NSZ
// RUN: not %cxx_rv64 -O0 -g -fno-signed-zeros -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NSZ
// Pragmas set the flags under vcc's own command line; only the IR shows it.
// RUN: not %cxx_x86 -O2 -g -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=PRAGMA
// RUN: not %cxx_rv64 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=PRAGMA

double multiplyAdd(double a, double b, double c) {
  // CONTRACT: fast_math_flags_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'fmul' has fast-math flags 'contract', which let LLVM fuse, reorder or approximate it differently on each target; remove -ffp-contract=fast (vcc compiles with -ffp-contract=off -fno-fast-math) [vcc-fast-math-flags]
  return a * b + c;
}

float ratio(float a, float b) {
  // FAST: fast_math_flags_rejected.cpp:[[@LINE+6]]:{{[0-9]+}}: error: 'fdiv' has fast-math flags 'fast'{{.*}}remove -ffast-math {{.*}}[vcc-fast-math-flags]
  // REASSOC: fast_math_flags_rejected.cpp:[[@LINE+5]]:{{[0-9]+}}: error: 'fdiv' has fast-math flags 'reassoc nsz'{{.*}}remove -fassociative-math -fno-signed-zeros {{.*}}[vcc-fast-math-flags]
  // ARCP: fast_math_flags_rejected.cpp:[[@LINE+4]]:{{[0-9]+}}: error: 'fdiv' has fast-math flags 'arcp'{{.*}}remove -freciprocal-math {{.*}}[vcc-fast-math-flags]
  // AFN: fast_math_flags_rejected.cpp:[[@LINE+3]]:{{[0-9]+}}: error: 'fdiv' has fast-math flags 'afn'{{.*}}remove -fapprox-func {{.*}}[vcc-fast-math-flags]
  // FINITE: fast_math_flags_rejected.cpp:[[@LINE+2]]:{{[0-9]+}}: error: 'fdiv' has fast-math flags 'nnan ninf'{{.*}}[vcc-fast-math-flags]
  // NSZ: fast_math_flags_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'fdiv' has fast-math flags 'nsz'{{.*}}remove -fno-signed-zeros {{.*}}[vcc-fast-math-flags]
  return a / b;
}

double pragmaScope(const double* values, int n) {
#pragma clang fp reassociate(on) contract(fast)
  double sum = 0.0;
  for (int i = 0; i < n; ++i)
    // PRAGMA: fast_math_flags_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'fadd' has fast-math flags 'contract reassoc'{{.*}}[vcc-fast-math-flags]
    sum += values[i];
  return sum;
}
