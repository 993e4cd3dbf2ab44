// -mllvm -vcc-checks=false: the canonicalizations without the checks, as
// the driver runs the plugin on the host half of nvcc's build (whose launch
// stubs use volatile and CUDA runtime calls). The same source is rejected
// with the checks on, and its casts are rewritten either way.
// RUN: %cxx_x86 -O0 -S -emit-llvm -mllvm -vcc-checks=false %s -o - | FileCheck %s --check-prefix=REWRITE
// RUN: %cxx_rv64 -O0 -S -emit-llvm -mllvm -vcc-checks=false %s -o - | FileCheck %s --check-prefix=REWRITE
// RUN: not %cxx_x86 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=CHECKS
// REWRITE-LABEL: define {{.*}}toInt
// REWRITE-NOT: fptosi
// REWRITE: call i32 @llvm.fptosi.sat.i32.f64(double
// CHECKS: error: volatile store: {{.*}}[vcc-volatile]
// CHECKS: error: call to external function 'launchSomething()', which is not on the allow list{{.*}}[vcc-external-calls]

volatile int flag;
void launchSomething();

int toInt(double x) {
  flag = 1;
  launchSomething();
  return static_cast<int>(x);
}
