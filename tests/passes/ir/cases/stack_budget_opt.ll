; vcc-stack-budget through opt: a recursive function adds its frame cost (64
; + its allocas) to __vcc_stack_used on entry, traps past the budget and
; restores the count on every return; a function outside any call-graph
; cycle with a small frame is not counted, one with a large frame is.
; RUN: %opt -passes=vcc-stack-budget -S %s | FileCheck %s
; RUN: %opt -passes=vcc-stack-budget -vcc-stack-budget=1000 -S %s | FileCheck %s --check-prefix=SMALL

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: @__vcc_stack_used = external thread_local(initialexec) global i64

define i64 @caller(i64 %x) {
; CHECK-LABEL: define i64 @caller(
; CHECK: %buffer = alloca [32 x i64]
; CHECK: [[BEFORE:%.*]] = load i64, ptr @__vcc_stack_used
; CHECK: [[AFTER:%.*]] = add nuw nsw i64 [[BEFORE]], 320
; CHECK: icmp ugt i64 [[AFTER]], 4194304
; CHECK: store i64 [[AFTER]], ptr @__vcc_stack_used
; CHECK: store i64 [[BEFORE]], ptr @__vcc_stack_used
; CHECK-NEXT: ret i64
; CHECK: call void @__vcc_stack_overflow()
; SMALL: icmp ugt i64 {{%.*}}, 1000
  %buffer = alloca [32 x i64]
  %r = call i64 @leaf(i64 %x)
  %again = call i64 @caller(i64 %r)
  store i64 %again, ptr %buffer
  %v = load i64, ptr %buffer
  ret i64 %v
}

define i64 @leaf(i64 %x) {
; CHECK-LABEL: define i64 @leaf(
; CHECK-NOT: __vcc_stack_used
; CHECK: ret i64
  %y = call i64 @big(i64 %x)
  ret i64 %y
}

define i64 @big(i64 %x) {
; CHECK-LABEL: define i64 @big(
; CHECK: add nuw nsw i64 {{%.*}}, 8256
  %table = alloca [1024 x i64]
  store i64 %x, ptr %table
  %v = load i64, ptr %table
  ret i64 %v
}
