; vcc-fptoint-saturate through opt: scalar and vector fptosi/fptoui become
; saturating intrinsics; names and debug locations carry over.
; RUN: %opt -passes=vcc-fptoint-saturate -S %s | FileCheck %s
; RUN: %opt -passes=vcc-canonicalize -S %s | FileCheck %s

define i32 @scalar(double %x) {
; CHECK-LABEL: @scalar(
; CHECK-NEXT: %r = call i32 @llvm.fptosi.sat.i32.f64(double %x), !dbg [[LOC:![0-9]+]]
; CHECK-NEXT: ret i32 %r
  %r = fptosi double %x to i32, !dbg !5
  ret i32 %r
}

define <4 x i16> @vector(<4 x float> %x) {
; CHECK-LABEL: @vector(
; CHECK-NEXT: %r = call <4 x i16> @llvm.fptoui.sat.v4i16.v4f32(<4 x float> %x)
  %r = fptoui <4 x float> %x to <4 x i16>
  ret <4 x i16> %r
}

!llvm.module.flags = !{!0}
!llvm.dbg.cu = !{!1}
!0 = !{i32 2, !"Debug Info Version", i32 3}
!1 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus, file: !2, emissionKind: LineTablesOnly)
!2 = !DIFile(filename: "x.cpp", directory: "/")
!3 = distinct !DISubprogram(name: "scalar", scope: !2, file: !2, line: 1, type: !4, unit: !1, spFlags: DISPFlagDefinition)
!4 = !DISubroutineType(types: !{})
!5 = !DILocation(line: 2, column: 3, scope: !3)
