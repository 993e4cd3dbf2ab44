// vcc-atomics: what Clang and the standard library need stay allowed: the
// guard check of a function-local static, shared_ptr reference counts
// (atomic natively), and atomics inside runtime functions (namespace vcc).
// RUN: %cxx_x86 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_x86 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_x86 -O0 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// CHECK-NOT: error
// IR: load atomic i8, ptr @_ZGVZ

#include <memory>
#include <string>

namespace vcc::detail {
inline long nextTicket(long* counter) { return __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED); }
} // namespace vcc::detail

std::string makeGreeting() { return std::string(12, 'h'); }  // not constexpr

const std::string& greeting() {
  static const std::string text = makeGreeting();  // a guarded static
  return text;
}

long share(long value, long* counter) {
  auto first = std::make_shared<long>(value);
  std::shared_ptr<long> second = first;  // reference count up and down
  return *second + static_cast<long>(greeting().size()) + vcc::detail::nextTicket(counter);
}
