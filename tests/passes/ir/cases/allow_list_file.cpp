// -vcc-allowed-calls=FILE,...: lists replace the built-in one (so a service
// list goes with the default file), `*` wildcards match symbols and C++
// names, and [runtime-functions] trusts a function's body.
// RUN: not %cxx_x86 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: not %cxx_rv64 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: %cxx_x86 -O0 -mllvm -vcc-allowed-calls=%allowed_calls,%S/Inputs/service_allowed.txt -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty --check-prefix=EXTENDED
// RUN: %cxx_rv64 -O2 -mllvm -vcc-allowed-calls=%allowed_calls -mllvm -vcc-allowed-calls=%S/Inputs/service_allowed.txt -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty --check-prefix=EXTENDED
// RUN: not %cxx_x86 -O0 -mllvm -vcc-allowed-calls=%S/Inputs/service_allowed.txt -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REPLACED
// EXTENDED-NOT: error

extern "C" long time(long* out);
extern "C" int hostname_length(void);
extern "C" void* malloc(unsigned long size);

namespace platform {
inline void yield() { asm volatile(""); }
} // namespace platform

// DEFAULT-DAG: error: call to external function 'time', which is not on the allow list
// DEFAULT-DAG: error: call to external function 'hostname_length', which is not on the allow list
// DEFAULT-DAG: error: inline assembly "" is not allowed
// REPLACED: error: call to external function 'malloc', which is not on the allow list
long stamp() {
  platform::yield();
  void* buffer = malloc(4);
  return time(nullptr) + hostname_length() + (buffer != nullptr);
}
