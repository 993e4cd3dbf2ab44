// vcc-inline-asm: runtime functions (namespace vcc) may use inline
// assembly: the guest's data oracle issues `ecall` from vcc/oracle.hpp.
// RUN: %cxx_x86 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// CHECK-NOT: error
// IR: asm sideeffect "ecall"

#include <vcc/oracle.hpp>

namespace vcc::detail {
inline void pause() { asm volatile("nop"); }
} // namespace vcc::detail

long blobSize(const vcc::oracle::Key& key) {
  vcc::detail::pause();
  return vcc::oracle::size(key);
}
