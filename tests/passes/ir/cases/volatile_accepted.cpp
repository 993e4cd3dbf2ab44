// vcc-volatile: non-volatile code passes, and so do runtime functions
// (namespace vcc, the allow list's [runtime-functions]).
// RUN: %cxx_x86 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// CHECK-NOT: error

namespace vcc::detail {
inline int readDeviceWord(volatile int* word) { return *word; }
} // namespace vcc::detail

int plain(int* word) {
  *word += 1;
  return *word;
}

int viaRuntime(int* word) { return vcc::detail::readDeviceWord(word); }
