; vcc-fuzz-dictionary through opt: the constants the service's code
; compares with (16/32/64-bit compares and switch cases, little- and
; big-endian; constant strings given to memcmp) go into the libFuzzer
; dictionary, sorted; small values, vcc's own code (_ZN3vcc...) and the
; stack budget's compares (loads of __vcc_stack_used, or the count a
; recursive function takes as its last argument) do not. The IR is
; not changed.
; RUN: rm -f %t.dict
; RUN: %opt -passes=vcc-fuzz-dictionary -vcc-fuzz-dictionary=%t.dict -S %s | FileCheck %s --check-prefix=IR
; RUN: FileCheck %s < %t.dict

; CHECK: # Constants the service compares its input with
; CHECK-NEXT: "\x11\x223DUfw\x88"
; CHECK-NEXT: "!ccv"
; CHECK-NEXT: "HELLO"
; CHECK-NEXT: "vcc!"
; CHECK-NEXT: "\x88wfUD3\x22\x11"
; CHECK-NOT: "

; IR: icmp eq i32 %x, 560161654

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@__vcc_stack_used = external thread_local global i64
@hello = private constant [6 x i8] c"HELLO\00"

declare i32 @memcmp(ptr, ptr, i64)

define i1 @magic(i32 %x) {
  %hit = icmp eq i32 %x, 560161654   ; 0x21636376, "vcc!" in memory
  ret i1 %hit
}

define i1 @small(i32 %x) {
  %hit = icmp eq i32 %x, 7
  ret i1 %hit
}

define i32 @choose(i64 %x) {
  switch i64 %x, label %other [ i64 1234605616436508552, label %found ]   ; 0x1122334455667788
found:
  ret i32 1
other:
  ret i32 0
}

define i1 @greeting(ptr %p) {
  %c = call i32 @memcmp(ptr %p, ptr @hello, i64 5)
  %hit = icmp eq i32 %c, 0
  ret i1 %hit
}

define i1 @_ZN3vcc3abi6decodeEv(i32 %x) {
  %hit = icmp eq i32 %x, 305419896   ; 0x12345678: vcc's code, left out
  ret i1 %hit
}

define i1 @budget() {
  %used = load i64, ptr @__vcc_stack_used
  %after = add i64 %used, 320
  %over = icmp ugt i64 %after, 4194304
  ret i1 %over
}

define internal i1 @budgetByArgument(i32 %x, i64 %count) #0 {
  %after = add i64 %count, 320
  %over = icmp ugt i64 %after, 8388608
  ret i1 %over
}

attributes #0 = { "vcc-stack-count" }
