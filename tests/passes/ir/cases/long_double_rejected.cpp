// vcc-long-double: long double is x86_fp80 on the host and fp128 on the
// guest; it is rejected in globals, signatures and code, once per line.
// RUN: not %cxx_x86 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,X86
// RUN: not %cxx_rv64 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,RV64
// RUN: not %cxx_x86 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=X86-O2

// X86: error: global variable 'scale' has type x86_fp80 ('long double' on x86-64), whose precision differs between the native binary and the VM image; use double [vcc-long-double]
// RV64: error: global variable 'scale' has type fp128 ('long double' on riscv64, or __float128), whose precision differs between the native binary and the VM image; use double [vcc-long-double]
long double scale = 3.0L;

// X86: long_double_rejected.cpp:[[@LINE+2]]:{{[0-9]+}}: error: function 'widen(double)' takes or returns x86_fp80 ('long double' on x86-64){{.*}}[vcc-long-double]
// RV64: long_double_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: function 'widen(double)' takes or returns fp128 ('long double' on riscv64, or __float128){{.*}}[vcc-long-double]
long double widen(double x) { return x; }

struct Accumulator {
  long double total;
};

double accumulate(const double* values, int n) {
  Accumulator sum{};
  for (int i = 0; i < n; ++i)
    // CHECK: long_double_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: use of {{x86_fp80|fp128}} {{.*}}[vcc-long-double]
    sum.total += values[i];
  // CHECK: long_double_rejected.cpp:[[@LINE+2]]:{{[0-9]+}}: error: use of {{x86_fp80|fp128}} {{.*}}[vcc-long-double]
  // CHECK-NOT: long_double_rejected.cpp:[[@LINE+1]]:{{.*}}[vcc-long-double]
  return static_cast<double>(sum.total * scale);
}

// Without debug information each function is reported at its declaration.
// X86-O2-DAG: long_double_rejected.cpp:13:13: error: function 'widen(double)' takes or returns x86_fp80
// X86-O2-DAG: long_double_rejected.cpp:19:8: error: use of x86_fp80
