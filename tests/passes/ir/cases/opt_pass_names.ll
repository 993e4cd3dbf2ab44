; Every pass is registered with opt under its rule name, and vcc-verify /
; vcc-determinism run them all. opt stops at its first error, so each
; module has one violation.
; RUN: split-file %s %t
; RUN: not %opt -passes=vcc-fast-math-flags -disable-output %t/flags.ll 2>&1 | FileCheck %s --check-prefix=FLAGS
; RUN: not %opt -passes=vcc-verify -disable-output %t/flags.ll 2>&1 | FileCheck %s --check-prefix=FLAGS
; RUN: not %opt -passes=vcc-float-attributes -disable-output %t/attributes.ll 2>&1 | FileCheck %s --check-prefix=ATTRIBUTES
; RUN: not %opt -passes=vcc-float-intrinsics -disable-output %t/fmuladd.ll 2>&1 | FileCheck %s --check-prefix=FMULADD
; RUN: not %opt -passes=vcc-libm-calls -disable-output %t/libm.ll 2>&1 | FileCheck %s --check-prefix=LIBM
; RUN: not %opt -passes=vcc-long-double -disable-output %t/long_double.ll 2>&1 | FileCheck %s --check-prefix=LONG-DOUBLE
; RUN: not %opt -passes=vcc-volatile -disable-output %t/volatile.ll 2>&1 | FileCheck %s --check-prefix=VOLATILE
; RUN: not %opt -passes=vcc-inline-asm -disable-output %t/asm.ll 2>&1 | FileCheck %s --check-prefix=ASM
; RUN: not %opt -passes=vcc-module-asm -disable-output %t/module_asm.ll 2>&1 | FileCheck %s --check-prefix=MODULE-ASM
; RUN: not %opt -passes=vcc-atomics -disable-output %t/atomics.ll 2>&1 | FileCheck %s --check-prefix=ATOMICS
; RUN: not %opt -passes=vcc-external-calls -disable-output %t/external.ll 2>&1 | FileCheck %s --check-prefix=EXTERNAL
; RUN: not %opt -passes=vcc-determinism -disable-output %t/external.ll 2>&1 | FileCheck %s --check-prefix=EXTERNAL
; RUN: not %opt -passes=vcc-external-references -disable-output %t/table.ll 2>&1 | FileCheck %s --check-prefix=TABLE
; A pass only looks at its own rule.
; RUN: %opt -passes=vcc-atomics,vcc-volatile,vcc-inline-asm -disable-output %t/flags.ll
; RUN: %opt -passes=vcc-verify -disable-output %t/clean.ll
; An allow list given to opt.
; RUN: %opt -passes=vcc-external-calls -vcc-allowed-calls=%S/Inputs/service_allowed.txt -disable-output %t/external.ll

; FLAGS: error: {{.*}}in function f{{.*}}'fadd' has fast-math flags 'reassoc'{{.*}}[vcc-fast-math-flags]
; ATTRIBUTES: error: {{.*}}function has "denormal-fp-math"="preserve-sign,preserve-sign"{{.*}}[vcc-float-attributes]
; FMULADD: error: {{.*}}'llvm.fmuladd.f32'{{.*}}[vcc-float-intrinsics]
; LIBM: error: {{.*}}call to libm function 'tanhf'{{.*}}vcc::math::tanh{{.*}}[vcc-libm-calls]
; LONG-DOUBLE: error: global variable 'g' has type fp128{{.*}}[vcc-long-double]
; VOLATILE: error: {{.*}}volatile store{{.*}}[vcc-volatile]
; ASM: error: {{.*}}inline assembly "ecall"{{.*}}[vcc-inline-asm]
; MODULE-ASM: error: {{.*}}: file-scope asm(".text") is machine code for one target{{.*}}[vcc-inline-asm]
; ATOMICS: error: {{.*}}'atomicrmw xchg'{{.*}}[vcc-atomics]
; EXTERNAL: error: {{.*}}call to external function 'time'{{.*}}[vcc-external-calls]
; TABLE: error: global 'clocks' holds the address of external function 'time'{{.*}}[vcc-external-calls]

;--- flags.ll
define float @f(float %a, float %b) {
  %r = fadd reassoc float %a, %b
  ret float %r
}

;--- attributes.ll
define float @f(float %a) #0 {
  ret float %a
}
attributes #0 = { "denormal-fp-math"="preserve-sign,preserve-sign" }

;--- fmuladd.ll
declare float @llvm.fmuladd.f32(float, float, float)
define float @f(float %a, float %b, float %c) {
  %r = call float @llvm.fmuladd.f32(float %a, float %b, float %c)
  ret float %r
}

;--- libm.ll
declare float @tanhf(float)
define float @f(float %a) {
  %r = call float @tanhf(float %a)
  ret float %r
}

;--- long_double.ll
@g = global fp128 0xL00000000000000000000000000000000

;--- volatile.ll
define void @f(ptr %p) {
  store volatile i32 0, ptr %p
  ret void
}

;--- asm.ll
define void @f() {
  call void asm sideeffect "ecall", ""()
  ret void
}

;--- module_asm.ll
module asm ".text"

;--- atomics.ll
define i32 @f(ptr %p) {
  %old = atomicrmw xchg ptr %p, i32 1 seq_cst
  ret i32 %old
}

;--- external.ll
declare i64 @time(ptr)
define i64 @f() {
  %t = call i64 @time(ptr null)
  ret i64 %t
}

;--- table.ll
declare i64 @time(ptr)
@clocks = global [1 x ptr] [ptr @time]

;--- clean.ll
declare double @llvm.fma.f64(double, double, double)
declare double @llvm.sqrt.f64(double)
declare ptr @malloc(i64)
define double @f(double %a, double %b, ptr %p) {
  %m = fmul double %a, %b
  %s = fadd double %m, 1.0
  %f = call double @llvm.fma.f64(double %a, double %b, double %s)
  %q = call double @llvm.sqrt.f64(double %f)
  %buffer = call ptr @malloc(i64 16)
  %x = load double, ptr %p
  %r = fadd double %q, %x
  ret double %r
}
