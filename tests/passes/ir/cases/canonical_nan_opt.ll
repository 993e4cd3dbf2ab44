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

; Beyond ValueTracking's 6 operations: the tested value goes through fabs,
; fpext, two products with finite non-zero constants, a shift by a finite
; constant, a division and a negation (as in vcc::math's exp after its NaN
; test) before its bits are read: still proven never NaN.
define i64 @long_chain(float %x) {
; CHECK-LABEL: @long_chain(
; CHECK: ordered:
; CHECK-NOT: fcmp uno
; CHECK: %b = bitcast double %g to i64
entry:
  %ok = fcmp ord float %x, 0.0
  br i1 %ok, label %ordered, label %unordered
ordered:
  %a = call float @llvm.fabs.f32(float %x)
  %c = fpext float %a to double
  %d = fmul double %c, 2.0
  %e = fmul double %d, 0x40571547652B82FE
  %f0 = fadd double %e, 0x4338000000000000
  %f = fdiv double %f0, 3.0
  %g = fneg double %f
  %b = bitcast double %g to i64
  ret i64 %b
unordered:
  ret i64 0
}

; The same chain with a product of two variables (inf * 0), or a product
; with the constant 0 (inf * 0): checked.
define i64 @long_chain_product(float %x, double %y) {
; CHECK-LABEL: @long_chain_product(
; CHECK: ordered:
; CHECK: fcmp uno double %g, %g
entry:
  %ok = fcmp ord float %x, 0.0
  br i1 %ok, label %ordered, label %unordered
ordered:
  %a = call float @llvm.fabs.f32(float %x)
  %c = fpext float %a to double
  %d = fmul double %c, 2.0
  %e = fmul double %d, %y
  %f = fadd double %e, 0x4338000000000000
  %g = fneg double %f
  %b = bitcast double %g to i64
  ret i64 %b
unordered:
  ret i64 0
}

define i64 @long_chain_times_zero(double %x) {
; CHECK-LABEL: @long_chain_times_zero(
; CHECK: ordered:
; CHECK: fcmp uno double %g, %g
entry:
  %ok = fcmp ord double %x, 0.0
  br i1 %ok, label %ordered, label %unordered
ordered:
  %a = call double @llvm.fabs.f64(double %x)
  %c = fmul double %a, 2.0
  %d = fmul double %c, 3.0
  %e = fmul double %d, 0.0
  %f = fadd double %e, 0x4338000000000000
  %g = fneg double %f
  %b = bitcast double %g to i64
  ret i64 %b
unordered:
  ret i64 0
}

declare double @llvm.copysign.f64(double, double)
declare float @llvm.fabs.f32(float)
declare double @llvm.fabs.f64(double)
