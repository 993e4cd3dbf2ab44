; vcc-defined-division through opt: a division by a value that may be 0
; (or -1, signed) divides by a safe divisor and selects RISC-V's results;
; a constant divisor other than 0 and -1 is left alone.
; RUN: %opt -passes=vcc-defined-division -S %s | FileCheck %s

define i64 @signed_div(i64 %a, i64 %b) {
; CHECK-LABEL: @signed_div(
; CHECK: [[ZERO:%.*]] = icmp eq i64 %b, 0
; CHECK: [[MIN:%.*]] = icmp eq i64 %a, -9223372036854775808
; CHECK: [[NEG:%.*]] = icmp eq i64 %b, -1
; CHECK: [[SAFE:%.*]] = select i1 {{%.*}}, i64 1, i64 %b
; CHECK: [[Q:%.*]] = sdiv i64 %a, [[SAFE]]
; CHECK: %q = select i1 [[ZERO]], i64 -1, i64 [[Q]]
  %q = sdiv i64 %a, %b
  ret i64 %q
}

define i32 @unsigned_rem(i32 %a, i32 %b) {
; CHECK-LABEL: @unsigned_rem(
; CHECK: [[ZERO:%.*]] = icmp eq i32 %b, 0
; CHECK: [[SAFE:%.*]] = select i1 [[ZERO]], i32 1, i32 %b
; CHECK: [[R:%.*]] = urem i32 %a, [[SAFE]]
; CHECK: %r = select i1 [[ZERO]], i32 %a, i32 [[R]]
  %r = urem i32 %a, %b
  ret i32 %r
}

define i32 @by_constant(i32 %a) {
; CHECK-LABEL: @by_constant(
; CHECK-NEXT: %q = sdiv i32 %a, 7
; CHECK-NEXT: ret i32 %q
  %q = sdiv i32 %a, 7
  ret i32 %q
}

define i32 @by_minus_one(i32 %a) {
; CHECK-LABEL: @by_minus_one(
; CHECK: select i1 {{%.*}}, i32 1, i32 -1
  %q = sdiv i32 %a, -1
  ret i32 %q
}
