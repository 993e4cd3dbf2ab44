// A service for bench/semantics_cost.py: the work whose native speed the
// "one machine" semantics can change (docs/passes.md, "Defined
// semantics"), each method a loop of one kind:
//   floats(uint32 n)    vcc::math over n values, stored to a buffer (NaN
//                       canonicalization at stores)
//   divisions(uint32 n) integer division and remainder by values from the
//                       request (the defined-division rewrite)
//   sorting(uint32 n)   std::sort, a map and strings (libc++ with hardening,
//                       the stack budget, the service heap)
//   recursion(uint32 n) calls that are not inlined (the stack budget)
//   matmul(uint32 n)    vcc::ops::matmul of n x n floats (kernels)
#include <vcc/buffer.hpp>
#include <vcc/math.hpp>
#include <vcc/ops.hpp>
#include <vcc/service.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace {

uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return x;
}

__attribute__((noinline)) uint64_t walk(uint32_t depth, uint64_t seed) {
  if (depth == 0) return mix(seed);
  return walk(depth - 1, seed + depth) ^ mix(seed);
}

}  // namespace

VCC_METHOD uint64_t floats(uint32_t n) {
  std::vector<float> out(n);
  for (uint32_t i = 0; i < n; ++i) {
    float x = static_cast<float>(i % 1000) * 0.01f - 5.0f;
    out[i] = vcc::math::tanh(x) + vcc::math::exp(x * 0.5f) - vcc::math::log(1.0f + x * x);
  }
  float sum = 0;
  for (float value : out) sum += value;
  uint32_t bits;
  std::memcpy(&bits, &sum, sizeof bits);
  return bits;
}

VCC_METHOD uint64_t divisions(uint32_t n) {
  uint64_t acc = 0;
  for (uint32_t i = 1; i <= n; ++i) {
    int64_t a = static_cast<int64_t>(mix(i));
    int64_t b = (static_cast<int64_t>(i % 97) - 48) | 1;  // never 0: the old native binary would die of SIGFPE
    acc += static_cast<uint64_t>(a / b) ^ static_cast<uint64_t>(a % b) ^ (mix(i) / (i | 1));
  }
  return acc;
}

VCC_METHOD uint64_t sorting(uint32_t n) {
  std::vector<uint64_t> values(n);
  for (uint32_t i = 0; i < n; ++i) values[i] = mix(i) % 1000;
  std::sort(values.begin(), values.end());
  std::map<uint64_t, std::string> names;
  for (uint32_t i = 0; i < n / 8; ++i) names[values[i * 8]] = std::to_string(values[i * 8]) + "-x";
  uint64_t acc = 0;
  for (const auto& [key, name] : names) acc = acc * 31 + key + name.size();
  return acc + values[n / 2];
}

VCC_METHOD uint64_t recursion(uint32_t n) {
  uint64_t acc = 0;
  for (uint32_t i = 0; i < n; ++i) acc += walk(64, i);
  return acc;
}

VCC_METHOD uint64_t matmul(uint32_t n) {
  if (n == 0 || n > 2048) return 0;
  vcc::Buffer<float> a(size_t{n} * n), b(size_t{n} * n), c(size_t{n} * n);
  for (size_t i = 0; i < size_t{n} * n; ++i) {
    a.host()[i] = static_cast<float>(i % 17) * 0.25f;
    b.host()[i] = static_cast<float>(i % 13) * 0.5f;
  }
  vcc::ops::matmul(a.cview().data(), b.cview().data(), c.view().data(), n, n, n);
  uint32_t bits;
  float corner = c.chost()[size_t{n} * n - 1];
  std::memcpy(&bits, &corner, sizeof bits);
  return bits;
}
