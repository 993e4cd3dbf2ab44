// vcc-float-attributes: function attributes that change floating-point
// semantics: -ffast-math's "unsafe-fp-math" family and flush-to-zero modes.
// RUN: not %cxx_x86 -O0 -ffast-math -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=FAST
// RUN: not %cxx_rv64 -O0 -ffast-math -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=FAST
// RUN: not %cxx_x86 -O0 -fdenormal-fp-math=preserve-sign -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=FTZ
// RUN: not %cxx_rv64 -O0 -fdenormal-fp-math=preserve-sign -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=FTZ
// RUN: not %cxx_x86 -O0 -Xclang -fdenormal-fp-math-f32=positive-zero -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=FTZ32

// FAST-DAG: float_attributes_rejected.cpp:[[@LINE+7]]:7: error: function has "unsafe-fp-math"="true", which lets LLVM change its floating-point results per target; remove -ffast-math/-funsafe-math-optimizations [vcc-float-attributes]
// FAST-DAG: float_attributes_rejected.cpp:[[@LINE+6]]:7: error: function has "no-nans-fp-math"="true"{{.*}}[vcc-float-attributes]
// FAST-DAG: float_attributes_rejected.cpp:[[@LINE+5]]:7: error: function has "no-infs-fp-math"="true"{{.*}}[vcc-float-attributes]
// FAST-DAG: float_attributes_rejected.cpp:[[@LINE+4]]:7: error: function has "no-signed-zeros-fp-math"="true"{{.*}}[vcc-float-attributes]
// FAST-DAG: float_attributes_rejected.cpp:[[@LINE+3]]:7: error: function has "approx-func-fp-math"="true"{{.*}}[vcc-float-attributes]
// FTZ: float_attributes_rejected.cpp:[[@LINE+2]]:7: error: function has "denormal-fp-math"="preserve-sign,preserve-sign": flushing denormals to zero differs from the VM's IEEE soft-float; remove -fdenormal-fp-math/-ffast-math (vcc needs -fdenormal-fp-math=ieee, the default) [vcc-float-attributes]
// FTZ32: float_attributes_rejected.cpp:[[@LINE+1]]:7: error: function has "denormal-fp-math-f32"="positive-zero,positive-zero"{{.*}}[vcc-float-attributes]
float tiny(float x) { return x * 1e-30f; }
