// vcc-volatile: volatile loads, stores and copies of volatile objects.
// RUN: not %cxx_x86 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_x86 -O2 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_rv64 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_rv64 -O2 -g -c %s -o /dev/null 2>&1 | FileCheck %s

struct Pair {
  long first, second, third, fourth, fifth;
};

volatile int flag;

int poll() {
  // CHECK: volatile_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: volatile load: 'volatile' is not allowed in a vcc program (there is no device memory to talk to); remove the qualifier [vcc-volatile]
  return flag;
}

void raise() {
  // CHECK: volatile_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: volatile store: {{.*}}[vcc-volatile]
  flag = 1;
}

long sumShared(volatile Pair* shared) {
  // CHECK: volatile_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: volatile load: {{.*}}[vcc-volatile]
  return shared->first + shared->fifth;
}
