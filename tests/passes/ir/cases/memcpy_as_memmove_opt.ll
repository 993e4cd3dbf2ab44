; vcc-memcpy-as-memmove through opt: every llvm.memcpy is an llvm.memmove.
; RUN: %opt -passes=vcc-memcpy-as-memmove -S %s | FileCheck %s

define void @copy(ptr %d, ptr %s, i64 %n) {
; CHECK-LABEL: @copy(
; CHECK: call void @llvm.memmove.p0.p0.i64(ptr align 4 %d, ptr align 8 %s, i64 %n, i1 false)
; CHECK-NEXT: ret void
  call void @llvm.memcpy.p0.p0.i64(ptr align 4 %d, ptr align 8 %s, i64 %n, i1 false)
  ret void
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
