// Helpers shared by the kernel API tests.
#pragma once

#include "vcc/kernel.hpp"
#include "vcc/native/backends.hpp"

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace vcc::test {

template <class T> auto bitsOf(T value) {
  if constexpr (sizeof(T) == 4) {
    uint32_t bits;
    std::memcpy(&bits, &value, 4);
    return bits;
  } else {
    uint64_t bits;
    std::memcpy(&bits, &value, 8);
    return bits;
  }
}

inline float floatFromBits(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, 4);
  return value;
}

inline double doubleFromBits(uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, 8);
  return value;
}

// Runs `body` with each backend installed in turn: serial, then threads
// with 1..7 threads; `body(label)` returns something comparable.
template <class Body> auto resultsOnEveryCpuBackend(Body body) {
  using Result = decltype(body());
  std::vector<Result> results;
  {
    auto serial = native::makeSerialBackend();
    native::ScopedBackend installed(*serial);
    results.push_back(body());
  }
  for (size_t threads = 1; threads <= 7; ++threads) {
    auto pool = native::makeThreadsBackend(threads);
    native::ScopedBackend installed(*pool);
    results.push_back(body());
  }
  return results;
}

// splitmix64, for reproducible test data.
class Random {
public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
  }
  // A finite value with a random sign and an exponent within +-range.
  double finite(int range) {
    double mantissa = 1.0 + static_cast<double>(next() >> 11) * 0x1p-53;
    int exponent = static_cast<int>(next() % (2 * range + 1)) - range;
    double value = mantissa;
    for (int e = 0; e < exponent; ++e)
      value *= 2;
    for (int e = 0; e > exponent; --e)
      value /= 2;
    return (next() & 1) ? -value : value;
  }

private:
  uint64_t state_;
};

}  // namespace vcc::test
