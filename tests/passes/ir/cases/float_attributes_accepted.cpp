// vcc-float-attributes: the default (and explicit) IEEE denormal mode passes.
// RUN: %cxx_x86 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_x86 -O2 -fdenormal-fp-math=ieee -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O0 -fdenormal-fp-math=ieee -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// CHECK-NOT: error

float tiny(float x) { return x * 1e-30f; }
double tinier(double x) { return x * 1e-300; }
