// vcc-external-calls: functions the module only declares must be on the
// allow list: time, environment, randomness, stdio, raw system calls.
// RUN: not %cxx_x86 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_x86 -O2 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_rv64 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_rv64 -O2 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_x86 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=GLOBALS
// RUN: not %cxx_rv64 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=GLOBALS

extern "C" {
long time(long* out);
char* getenv(const char* name);
int rand(void);
int printf(const char* format, ...);
long vcc_syscall(long number, long arg0, long arg1, long arg2);
}

namespace service {
int currentPid();  // defined elsewhere: not compiled with the checks
}

long nondeterministic() {
  // CHECK: external_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: call to external function 'time', which is not on the allow list: code outside the program may behave differently natively and in the VM image; use the vcc stdlib or write the function in the service (vcc's allow list, passes/ir/allowed_calls.txt, names what a service may call) [vcc-external-calls]
  long now = time(nullptr);
  // CHECK: external_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: call to external function 'getenv'{{.*}}[vcc-external-calls]
  const char* home = getenv("HOME");
  // CHECK: external_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: call to external function 'rand'{{.*}}[vcc-external-calls]
  int dice = rand();
  // CHECK: external_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: call to external function 'printf'{{.*}}[vcc-external-calls]
  printf("%ld\n", now);
  // CHECK: external_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: call to external function 'vcc_syscall'{{.*}}[vcc-external-calls]
  long raw = vcc_syscall(169, 0, 0, 0);
  // CHECK: external_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: call to external function 'service::currentPid()'{{.*}}[vcc-external-calls]
  return now + (home != nullptr) + dice + raw + service::currentPid();
}

using Clock = long (*)(long*);
Clock clockFunction() {
  // CHECK: external_calls_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: address of external function 'time'{{.*}}[vcc-external-calls]
  return &time;
}

// Function addresses in a global's initializer count too.
// GLOBALS-DAG: error: global 'clocks' holds the address of external function 'time', which is not on the allow list{{.*}}[vcc-external-calls]
// GLOBALS-DAG: error: global 'curves' holds the address of libm function 'tanh'; use vcc::math::tanh from <vcc/math.hpp> [vcc-libm-calls]
extern "C" double tanh(double);
Clock clocks[] = {&time};
double (*curves[])(double) = {&tanh};
long firstClock() { return clocks[0](nullptr) + static_cast<long>(curves[0](1.0)); }
