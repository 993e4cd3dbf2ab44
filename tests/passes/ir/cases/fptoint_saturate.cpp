// vcc-fptoint-saturate (canonicalization): float-to-integer casts become
// llvm.fpto[su]i.sat on both targets, so out-of-range and NaN inputs give
// the same integer natively and in the VM image. The IR printed after the
// pipeline shows the rewrite; the object files show both backends take it.
// RUN: %cxx_x86 -O0 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %cxx_rv64 -O0 -S -emit-llvm %s -o - | FileCheck %s
// RUN: %cxx_x86 -O2 -c %s -o /dev/null
// RUN: %cxx_rv64 -O2 -c %s -o /dev/null
// CHECK-LABEL: define {{.*}}toInt
// CHECK-NOT: fptosi
// CHECK: call i32 @llvm.fptosi.sat.i32.f64(double
// CHECK-LABEL: define {{.*}}toUnsigned
// CHECK-NOT: fptoui
// CHECK: call i64 @llvm.fptoui.sat.i64.f32(float

int toInt(double x) { return static_cast<int>(x); }
unsigned long toUnsigned(float x) { return static_cast<unsigned long>(x); }
