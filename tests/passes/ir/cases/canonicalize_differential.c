// The canonicalizations make the native binary and the RV64 image agree
// where C leaves the answer to the target: fmin/fmax of +0 and -0, and
// float-to-integer casts out of range or of NaN. Built with the plugin for
// both targets, the two programs print the same bits (and the values that
// vcc documents); built without it, they differ. Runs the guest in qemu.
// REQUIRES: qemu
// RUN: %cc_x86 -O2 -c %s -o %t.x86.o
// RUN: %host_link %S/Inputs/differential_main.c %t.x86.o -o %t.x86
// RUN: %t.x86 > %t.x86.out
// RUN: %cc_rv64 -O2 -c %s -o %t.rv64.o
// RUN: %guest_link %S/Inputs/differential_main.c %t.rv64.o -o %t.rv64
// RUN: %qemu %t.rv64 > %t.rv64.out
// RUN: diff %t.x86.out %t.rv64.out
// RUN: FileCheck %s < %t.rv64.out
//
// Without the plugin the targets disagree (if this ever passes, the
// canonicalizations may no longer be needed).
// RUN: %host_link %S/Inputs/differential_main.c %s -o %t.x86.plain
// RUN: %t.x86.plain > %t.x86.plain.out
// RUN: %guest_link %S/Inputs/differential_main.c %s -o %t.rv64.plain
// RUN: %qemu %t.rv64.plain > %t.rv64.plain.out
// RUN: not diff %t.x86.plain.out %t.rv64.plain.out
//
// CHECK: fmin(+0,-0) 8000000000000000
// CHECK: fmin(-0,+0) 8000000000000000
// CHECK: fmax(+0,-0) 0000000000000000
// CHECK: fmax(-0,+0) 0000000000000000
// CHECK: fminf(+0,-0) 80000000
// CHECK: fmin(nan,1) 3ff0000000000000
// CHECK: fmin(1,nan) 3ff0000000000000
// CHECK: fmax(2,1) 4000000000000000
// CHECK: (int)1e30 2147483647
// CHECK: (int)-1e30 -2147483648
// CHECK: (int)nan 0
// CHECK: (unsigned)-1.0 0
// CHECK: (unsigned)1e30 4294967295
// CHECK: (long)1e30 9223372036854775807
// CHECK: (int)-2.5 -2

#include <math.h>

double minimum(double a, double b) { return fmin(a, b); }
double maximum(double a, double b) { return fmax(a, b); }
float minimumFloat(float a, float b) { return fminf(a, b); }
int toInt(double x) { return (int)x; }
unsigned toUnsigned(double x) { return (unsigned)x; }
long toLong(double x) { return (long)x; }
