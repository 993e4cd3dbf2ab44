// vcc-minmax-signed-zero (canonicalization): fmin/fmax (llvm.minnum/maxnum)
// become compares and selects, so no target chooses the sign of a zero
// result; both backends compile the result. canonicalize_differential.c
// runs it.
// RUN: %cxx_x86 -O0 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %cxx_rv64 -O2 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %cxx_x86 -O2 -c %s -o /dev/null
// RUN: %cxx_rv64 -O2 -c %s -o /dev/null
// CHECK-NOT: @llvm.minnum
// CHECK-NOT: @llvm.maxnum
// CHECK-LABEL: define {{.*}}smaller
// CHECK: fcmp {{.*}}olt double
// CHECK-LABEL: define {{.*}}larger
// CHECK: fcmp {{.*}}ogt float

#include <cmath>

double smaller(double a, double b) { return std::fmin(a, b); }
float larger(float a, float b) { return std::fmax(a, b); }
