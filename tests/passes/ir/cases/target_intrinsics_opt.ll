; vcc-target-intrinsics through opt: the guest's llvm.riscv.* is rejected in
; a service's function, and a runtime function (vcc::detail::spin) may use
; target intrinsics. opt stops at the first error, so one module each.
; RUN: split-file %s %t
; RUN: not %opt -passes=vcc-target-intrinsics -disable-output %t/user.ll 2>&1 | FileCheck %s --check-prefix=USER
; RUN: %opt -passes=vcc-target-intrinsics -disable-output %t/runtime.ll 2>&1 | FileCheck %s --allow-empty --check-prefix=RUNTIME
; USER: error: {{.*}}in function userCode{{.*}}target-specific intrinsic 'llvm.riscv.orc.b.i64' is not allowed{{.*}}[vcc-target-intrinsics]
; RUNTIME-NOT: error

;--- user.ll
target triple = "riscv64-unknown-elf"
declare i64 @llvm.riscv.orc.b.i64(i64)
define i64 @userCode(i64 %x) {
  %r = call i64 @llvm.riscv.orc.b.i64(i64 %x)
  ret i64 %r
}

;--- runtime.ll
target triple = "x86_64-linux-gnu"
declare void @llvm.x86.sse2.pause()
; vcc::detail::spin()
define void @_ZN3vcc6detail4spinEv() {
  call void @llvm.x86.sse2.pause()
  ret void
}
