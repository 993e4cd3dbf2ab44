// Where diagnostics point: with -g at the offending expression (line and
// column); without debug information at the function's declaration. One
// error per location, however many instructions -O0 spends on it.
// RUN: not %cxx_x86 -O0 -g -ffp-contract=fast -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEBUG
// RUN: not %cxx_rv64 -O0 -g -ffp-contract=fast -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEBUG
// RUN: not %cxx_x86 -O0 -ffp-contract=fast -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NODEBUG
// RUN: not %cxx_rv64 -O2 -ffp-contract=fast -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NODEBUG

extern "C" double exp(double);

double scaled(double a,
              double b) {
  double product = a * b;
  return product + exp(a);
}
// Checks run one after another over the function, so the flags come first.
// DEBUG: locations.cpp:13:22: error: 'fmul' has fast-math flags 'contract'
// DEBUG: locations.cpp:14:20: error: call to 'exp' has fast-math flags 'contract'
// DEBUG: locations.cpp:14:18: error: 'fadd' has fast-math flags 'contract'
// DEBUG: locations.cpp:14:20: error: call to libm function 'exp'
// DEBUG-NOT: error:
// DEBUG: 4 errors generated.
// NODEBUG: locations.cpp:11:8: error: 'fmul' has fast-math flags 'contract'
// NODEBUG: locations.cpp:11:8: error: call to 'exp' has fast-math flags 'contract'
// NODEBUG: locations.cpp:11:8: error: 'fadd' has fast-math flags 'contract'
// NODEBUG: locations.cpp:11:8: error: call to libm function 'exp'
// NODEBUG-NOT: error:
// NODEBUG: 4 errors generated.
