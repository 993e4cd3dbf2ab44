; vcc-stack-budget through opt: a recursive function adds its frame cost (64
; + its allocas) to __vcc_stack_used on entry, traps past the budget and
; restores the count on every return; a function outside any call-graph
; cycle with a small frame is not counted, one with a large frame is. An
; internal recursive function that only direct calls reach takes the count
; as an extra argument: it adds and checks its cost on it, passes its own
; count to its recursive calls, stores it to the counter only before calls
; of functions that may read it and never restores it; a caller from outside loads the counter,
; passes it and stores it back after the call.
; RUN: %opt -passes=vcc-stack-budget -S %s | FileCheck %s
; RUN: %opt -passes=vcc-stack-budget -vcc-stack-budget=1000 -S %s | FileCheck %s --check-prefix=SMALL

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: @__vcc_stack_used = external thread_local(initialexec) global i64
@__vcc_stack_used = external thread_local(initialexec) global i64

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

; Its address taken: the counter, as for @caller.
define internal i64 @escapes(i64 %x) {
; CHECK-LABEL: define internal i64 @escapes(i64 %x)
; CHECK: load i64, ptr @__vcc_stack_used
  %r = call i64 @escapes(i64 %x)
  ret i64 %r
}
@escaped = global ptr @escapes

define i64 @top(i32 %d) {
; CHECK-LABEL: define i64 @top(
; CHECK: [[COUNT:%.*]] = load i64, ptr @__vcc_stack_used
; CHECK-NEXT: %r = call i64 @walk(i32 %d, i64 7, i64 [[COUNT]])
; CHECK-NEXT: store i64 [[COUNT]], ptr @__vcc_stack_used
; CHECK-NEXT: ret i64 %r
  %r = call i64 @walk(i32 %d, i64 7)
  ret i64 %r
}

define internal i64 @walk(i32 %d, i64 %s) {
; CHECK-LABEL: define internal i64 @walk(i32 %d, i64 %s, i64 %vcc.stack.count)
; CHECK: %vcc.stack.after = add nuw nsw i64 %vcc.stack.count, 64
; CHECK-NEXT: icmp ugt i64 %vcc.stack.after, 4194304
; CHECK: leaf:
; CHECK-NEXT: ret i64 %s
; CHECK: %r = call i64 @walk(i32 %d1, i64 %s, i64 %vcc.stack.after)
; CHECK-NEXT: %p = call i64 @pure(i64 %r)
; CHECK-NEXT: store i64 %vcc.stack.after, ptr @__vcc_stack_used
; CHECK-NEXT: %q = call i64 @launches(i64 %p)
; CHECK-NEXT: store i64 %vcc.stack.after, ptr @__vcc_stack_used
; CHECK-NEXT: %e = call i64 @leaf(i64 %q)
; CHECK-NEXT: ret i64 %e
; CHECK: call void @__vcc_stack_overflow()
entry:
  %z = icmp eq i32 %d, 0
  br i1 %z, label %leaf, label %rec
leaf:
  ret i64 %s
rec:
  %d1 = sub i32 %d, 1
  %r = call i64 @walk(i32 %d1, i64 %s)
  %p = call i64 @pure(i64 %r)
  %q = call i64 @launches(i64 %p)
  %e = call i64 @leaf(i64 %q)
  ret i64 %e
}

; Reads the counter in C++ (as vcc/kernel.hpp's parallel_for does): a store
; before its calls too.
define internal i64 @launches(i64 %x) {
  %used = load i64, ptr @__vcc_stack_used
  %r = add i64 %x, %used
  ret i64 %r
}

; Calls nothing: cannot read the counter, so no store before its calls
; (@leaf calls @big, which reads it).
define internal i64 @pure(i64 %x) {
  %y = mul i64 %x, 3
  ret i64 %y
}

