; vcc-memcpy-as-memmove through opt: an llvm.memcpy that may overlap is an
; llvm.memmove; a copy into a local whose address does not escape stays.
; RUN: %opt -passes=vcc-memcpy-as-memmove -S %s | FileCheck %s

define void @copy(ptr %d, ptr %s, i64 %n) {
; CHECK-LABEL: @copy(
; CHECK: call void @llvm.memmove.p0.p0.i64(ptr align 4 %d, ptr align 8 %s, i64 %n, i1 false)
; CHECK-NEXT: ret void
  call void @llvm.memcpy.p0.p0.i64(ptr align 4 %d, ptr align 8 %s, i64 %n, i1 false)
  ret void
}

define <4 x float> @into_private_local(ptr %s) {
; CHECK-LABEL: @into_private_local(
; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 16 %row, ptr align 4 %s, i64 16, i1 false)
  %row = alloca <4 x float>, align 16
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 %row, ptr align 4 %s, i64 16, i1 false)
  %v = load <4 x float>, ptr %row
  ret <4 x float> %v
}

define void @within_one_local(i64 %n) {
; CHECK-LABEL: @within_one_local(
; CHECK: call void @llvm.memmove
  %buffer = alloca [64 x i8]
  %later = getelementptr i8, ptr %buffer, i64 1
  call void @llvm.memcpy.p0.p0.i64(ptr %later, ptr %buffer, i64 %n, i1 false)
  ret void
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
