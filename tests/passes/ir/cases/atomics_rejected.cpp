// vcc-atomics: atomic read-modify-writes, compare-exchanges, atomic loads and
// stores and fences outside the stdlib.
// RUN: not %cxx_x86 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_x86 -O2 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_rv64 -O0 -g -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: not %cxx_rv64 -O2 -g -c %s -o /dev/null 2>&1 | FileCheck %s

long counter;

long count() {
  // CHECK: atomics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'atomicrmw add' is not allowed outside the vcc stdlib: atomics make results depend on thread scheduling; use vcc::parallel_for with a deterministic reduction [vcc-atomics]
  return __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
}

bool claim(long expected) {
  // CHECK: atomics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'cmpxchg' is not allowed outside the vcc stdlib{{.*}}[vcc-atomics]
  return __atomic_compare_exchange_n(&counter, &expected, 0, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

long publish(long value) {
  // CHECK: atomics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'atomic store' is not allowed{{.*}}[vcc-atomics]
  __atomic_store_n(&counter, value, __ATOMIC_RELEASE);
  // CHECK: atomics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'fence' is not allowed{{.*}}[vcc-atomics]
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  // CHECK: atomics_rejected.cpp:[[@LINE+1]]:{{[0-9]+}}: error: 'atomic load' is not allowed{{.*}}[vcc-atomics]
  return __atomic_load_n(&counter, __ATOMIC_ACQUIRE);
}
