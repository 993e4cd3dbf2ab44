// Random test inputs for the ops: ordinary values of both signs with a
// sprinkling of the special cases every op must treat identically on every
// target (subnormals, infinities, NaNs with odd payloads, signed zeros).
// Seeded: the same seed gives the same values everywhere.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace vcc::ops::testing {

// splitmix64: small, fast, and the same on every platform (no <random>
// distributions, whose results are implementation-defined).
class Rng {
public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1) with 53 random bits.
  double unit() { return static_cast<double>(next() >> 11) * 0x1p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
  uint64_t below(uint64_t bound) { return next() % bound; }

private:
  uint64_t state_;
};

// How often each special case appears, out of 1000 values.
struct Specials {
  int perMille = 0; // 0: ordinary values only
};

template <class T> T specialValue(Rng& rng) {
  using L = std::numeric_limits<T>;
  switch (rng.below(8)) {
  case 0: return T(0);
  case 1: return -T(0);
  case 2: return L::infinity();
  case 3: return -L::infinity();
  case 4: return L::denorm_min() * T(1 + rng.below(1000));
  case 5: return -L::denorm_min() * T(1 + rng.below(1000));
  case 6: { // a NaN with a random payload and sign: ops must canonicalize
    if constexpr (sizeof(T) == 4) {
      uint32_t bits = 0x7f800001u | static_cast<uint32_t>(rng.next() & 0x807fffffu);
      T x;
      std::memcpy(&x, &bits, 4);
      return x;
    } else {
      uint64_t bits = 0x7ff0000000000001ull | (rng.next() & 0x800fffffffffffffull);
      T x;
      std::memcpy(&x, &bits, 8);
      return x;
    }
  }
  default: return L::min() * T(rng.uniform(-4, 4)); // smallest normals
  }
}

template <class T>
std::vector<T> randomValues(size_t count, Rng& rng, double lo, double hi, Specials specials = {}) {
  std::vector<T> values(count);
  for (auto& v : values) {
    if (specials.perMille > 0 && static_cast<int>(rng.below(1000)) < specials.perMille) {
      v = specialValue<T>(rng);
    } else {
      v = static_cast<T>(rng.uniform(lo, hi));
    }
  }
  return values;
}

template <class T> std::vector<T> randomIntegers(size_t count, Rng& rng) {
  std::vector<T> values(count);
  for (auto& v : values)
    v = static_cast<T>(rng.next());
  return values;
}

template <class T> bool sameBits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

// Index of the first element whose bits differ, or a.size().
template <class T> size_t firstDifference(const std::vector<T>& a, const std::vector<T>& b) {
  for (size_t i = 0; i < a.size(); ++i)
    if (std::memcmp(&a[i], &b[i], sizeof(T)) != 0) return i;
  return a.size();
}

} // namespace vcc::ops::testing
