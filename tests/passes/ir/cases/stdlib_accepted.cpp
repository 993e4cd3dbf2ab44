// The vcc stdlib itself passes every rule on both targets: its math is
// built from exact operations, the kernel API and the oracle are runtime
// functions, and ops use deterministic reductions.
// RUN: %cxx_x86 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_x86 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O0 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: %cxx_rv64 -O2 -c %s -o /dev/null 2>&1 | FileCheck %s --allow-empty
// CHECK-NOT: error

#include <cstdint>
#include <vector>

#include <vcc/kernel.hpp>
#include <vcc/math.hpp>
#include <vcc/oracle.hpp>

double useStdlib(std::vector<double>& values, double x) {
  double sum = vcc::math::exp(x) + vcc::math::tanh(x) + vcc::math::log(x) + vcc::math::sin(x) +
               vcc::math::pow(x, 2.5) + vcc::math::erf(x);
  vcc::parallel_for(values.size(), [&](std::size_t i) { values[i] = values[i] * 2.0; });
  vcc::oracle::Key key{};
  std::vector<std::uint8_t> blob(40);
  return sum + static_cast<double>(vcc::oracle::read(key, 0, blob));
}
