// vcc-inline-asm: inline assembly in a service's own functions, even an
// empty compiler barrier, and file-scope asm blocks.
// RUN: not %cxx_x86 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_x86 -O2 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_rv64 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_rv64 -O2 -g -c %s -o /dev/null 2>&1 | FileCheck %s

// CHECK: error: {{.*}}inline_asm_rejected.cpp: file-scope asm(".globl vcc_marker") is machine code for one target; remove it [vcc-inline-asm]
asm(".globl vcc_marker");

void spin() {
  // CHECK: inline_asm_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: inline assembly "nop" is not allowed: it is machine code for one target, so the native binary and the VM image would differ; write portable C++ or use the vcc stdlib [vcc-inline-asm]
  asm volatile("nop");
}

int barrier(int* value) {
  *value = 1;
  // CHECK: inline_asm_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: inline assembly "" is not allowed{{.*}}[vcc-inline-asm]
  asm volatile("" ::: "memory");
  return *value;
}
