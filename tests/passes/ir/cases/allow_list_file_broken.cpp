// An allow list that cannot be read or parsed is an error (once per
// compilation) that names the file and line; it contributes nothing.
// RUN: not %cxx_x86 -O0 -mllvm -vcc-allowed-calls=%S/Inputs/does_not_exist.txt -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not %cxx_rv64 -O0 -mllvm -vcc-allowed-calls=%S/Inputs/broken_allowed.txt -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=SECTION
// RUN: not %cxx_x86 -O0 -mllvm -vcc-allowed-calls=%S/Inputs/no_section.txt -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NO-SECTION
// MISSING: error: cannot read allow list '{{.*}}does_not_exist.txt': No such file or directory [vcc-allow-list]
// MISSING-NOT: [vcc-allow-list]
// SECTION: error: {{.*}}broken_allowed.txt:3: unknown section '[functions-i-like]' (expected [external-calls] or [runtime-functions]) [vcc-allow-list]
// NO-SECTION: error: {{.*}}no_section.txt:2: pattern 'memcpy' before any section header [vcc-allow-list]

double twice(double x) { return 2 * x; }
double thrice(double x) { return 3 * x; }
