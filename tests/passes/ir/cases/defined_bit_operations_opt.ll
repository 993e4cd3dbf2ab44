; vcc-defined-bit-operations through opt: ctlz/cttz lose "zero is poison",
; shift amounts that are not constants are masked to the width.
; RUN: %opt -passes=vcc-defined-bit-operations -S %s | FileCheck %s

define i32 @clz(i32 %x) {
; CHECK-LABEL: @clz(
; CHECK: call i32 @llvm.ctlz.i32(i32 %x, i1 false)
  %n = call i32 @llvm.ctlz.i32(i32 %x, i1 true)
  ret i32 %n
}

define i64 @ctz(i64 %x) {
; CHECK-LABEL: @ctz(
; CHECK: call i64 @llvm.cttz.i64(i64 %x, i1 false)
  %n = call i64 @llvm.cttz.i64(i64 %x, i1 true)
  ret i64 %n
}

define i32 @shift(i32 %x, i32 %s) {
; CHECK-LABEL: @shift(
; CHECK: [[M:%.*]] = and i32 %s, 31
; CHECK: %y = shl i32 %x, [[M]]
  %y = shl i32 %x, %s
  ret i32 %y
}

define i64 @shift_constant(i64 %x) {
; CHECK-LABEL: @shift_constant(
; CHECK-NEXT: %y = ashr i64 %x, 3
  %y = ashr i64 %x, 3
  ret i64 %y
}

declare i32 @llvm.ctlz.i32(i32, i1)
declare i64 @llvm.cttz.i64(i64, i1)
