; vcc-canonical-nan through opt: floats stored to memory, floats bitcast to
; integers and copysign's sign operand become the canonical quiet NaN when
; they are NaN; other uses of floats are left alone, and so are values
; proven never NaN (converted integers, products of them with finite
; constants, values behind a dominating isnan test in the form the
; optimizer gives it, fcmp ord/uno x, 0.0), but not a sum that
; could be inf - inf or a value on the branch where the test failed.
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

define void @never_nan(ptr %p, i32 %i) {
; CHECK-LABEL: @never_nan(
; CHECK-NOT: fcmp uno
; CHECK: store float %scaled, ptr %p
  %f = sitofp i32 %i to float
  %scaled = fmul float %f, 0x3F847AE140000000
  store float %scaled, ptr %p
  ret void
}

define void @inf_minus_inf(ptr %p, float %a, float %b) {
; CHECK-LABEL: @inf_minus_inf(
; CHECK: fcmp uno float %d, %d
  %d = fsub float %a, %b
  store float %d, ptr %p
  ret void
}

define i32 @tested(float %x) {
; CHECK-LABEL: @tested(
; CHECK: ordered:
; CHECK-NEXT: %b = bitcast float %x to i32
; CHECK: unordered:
; CHECK-NEXT: fcmp uno float %x, %x
entry:
  %ok = fcmp ord float %x, 0.0   ; x == x as the optimizer leaves it
  br i1 %ok, label %ordered, label %unordered
ordered:
  %b = bitcast float %x to i32
  ret i32 %b
unordered:
  %n = bitcast float %x to i32
  ret i32 %n
}

declare double @llvm.copysign.f64(double, double)
