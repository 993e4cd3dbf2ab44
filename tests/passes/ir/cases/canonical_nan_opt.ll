; vcc-canonical-nan through opt: floats stored to memory, floats bitcast to
; integers and copysign's sign operand become the canonical quiet NaN when
; they are NaN; other uses of floats are left alone.
; RUN: %opt -passes=vcc-canonical-nan -S %s | FileCheck %s

define void @store(ptr %p, float %x) {
; CHECK-LABEL: @store(
; CHECK: [[NAN:%.*]] = fcmp uno float %x, %x
; CHECK: [[C:%.*]] = select i1 [[NAN]], float 0x7FF8000000000000, float %x
; CHECK: store float [[C]], ptr %p
  store float %x, ptr %p
  ret void
}

define i64 @bits(double %x) {
; CHECK-LABEL: @bits(
; CHECK: [[NAN:%.*]] = fcmp uno double %x, %x
; CHECK: [[C:%.*]] = select i1 [[NAN]], double 0x7FF8000000000000, double %x
; CHECK: %b = bitcast double [[C]] to i64
  %b = bitcast double %x to i64
  ret i64 %b
}

define <4 x float> @vector_store(ptr %p, <4 x float> %x) {
; CHECK-LABEL: @vector_store(
; CHECK: fcmp uno <4 x float> %x, %x
; CHECK: store <4 x float>
  store <4 x float> %x, ptr %p
  ret <4 x float> %x
}

define double @sign(double %m, double %s) {
; CHECK-LABEL: @sign(
; CHECK: [[C:%.*]] = select i1 {{%.*}}, double 0x7FF8000000000000, double %s
; CHECK: call double @llvm.copysign.f64(double %m, double [[C]])
  %r = call double @llvm.copysign.f64(double %m, double %s)
  ret double %r
}

define float @arithmetic(float %a, float %b) {
; CHECK-LABEL: @arithmetic(
; CHECK-NEXT: %r = fadd float %a, %b
; CHECK-NEXT: ret float %r
  %r = fadd float %a, %b
  ret float %r
}

declare double @llvm.copysign.f64(double, double)
