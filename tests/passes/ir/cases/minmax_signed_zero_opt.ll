; vcc-minmax-signed-zero through opt: the exact expansion, for scalars and
; vectors (the equal case merges the bits: OR for min, AND for max).
; RUN: %opt -passes=vcc-minmax-signed-zero -S %s | FileCheck %s

define double @minimum(double %a, double %b) {
; CHECK-LABEL: @minimum(
; CHECK-NEXT: [[LT:%.*]] = fcmp olt double %a, %b
; CHECK-NEXT: [[NAN:%.*]] = fcmp uno double %b, %b
; CHECK-NEXT: [[NOTNAN:%.*]] = select i1 [[NAN]], double %a, double %b
; CHECK-NEXT: [[ORDERED:%.*]] = select i1 [[LT]], double %a, double [[NOTNAN]]
; CHECK-NEXT: [[ABITS:%.*]] = bitcast double %a to i64
; CHECK-NEXT: [[BBITS:%.*]] = bitcast double %b to i64
; CHECK-NEXT: [[MERGED:%.*]] = or i64 [[ABITS]], [[BBITS]]
; CHECK-NEXT: [[EQ:%.*]] = fcmp oeq double %a, %b
; CHECK-NEXT: [[EQUAL:%.*]] = bitcast i64 [[MERGED]] to double
; CHECK-NEXT: %m = select i1 [[EQ]], double [[EQUAL]], double [[ORDERED]]
; CHECK-NEXT: ret double %m
  %m = call double @llvm.minnum.f64(double %a, double %b)
  ret double %m
}

define <4 x float> @maximum(<4 x float> %a, <4 x float> %b) {
; CHECK-LABEL: @maximum(
; CHECK: fcmp ogt <4 x float> %a, %b
; CHECK: and <4 x i32>
; CHECK: %m = select <4 x i1>
; CHECK-NOT: call {{.*}}@llvm.maxnum
  %m = call <4 x float> @llvm.maxnum.v4f32(<4 x float> %a, <4 x float> %b)
  ret <4 x float> %m
}

declare double @llvm.minnum.f64(double, double)
declare <4 x float> @llvm.maxnum.v4f32(<4 x float>, <4 x float>)
