// The cross-target test of vcc::math (SPEC §4): one program that evaluates
// every function on a large random input set -- signed zeros, subnormals,
// infinities, NaNs with any payload, huge and tiny values, the functions'
// thresholds -- and writes the raw result bits. It is built natively and as
// a guest image (and for CUDA where nvcc is available); ctest compares the
// responses byte for byte (tests/stdlib/math/CMakeLists.txt).
//
// Request (little-endian, both optional): u64 seed (default 1), u64 n,
// random inputs per function (default 2048).
// Response, per function in the order of kFunctions: u32 function id,
// u32 count, then count raw results (u64 for double, u32 for float). NaN
// results are NOT canonicalized here: vcc::math promises canonical NaNs.
#include "vcc/math.hpp"
#include "vcc/program.hpp"

#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

// The functions run in a parallel_for over Buffers, so the -cuda variant
// evaluates them in device code.
#include "vcc/buffer.hpp"
#include "vcc/kernel.hpp"

namespace math_bitwise {

enum Function : uint32_t {
  kExp,
  kExpm1,
  kLog,
  kLog1p,
  kSin,
  kCos,
  kTanh,
  kSigmoid,
  kErf,
  kErfc,
  kGelu,
  kRsqrt,
  kPow,
  kFloatExp,
  kFloatExpm1,
  kFloatLog,
  kFloatLog1p,
  kFloatSin,
  kFloatCos,
  kFloatTanh,
  kFloatSigmoid,
  kFloatErf,
  kFloatErfc,
  kFloatGelu,
  kFloatGeluTanh,
  kFloatRsqrt,
  kFloatPow,
  kFunctionCount
};

VCC_HD inline double evaluate(uint32_t f, double x, double y) {
  namespace m = vcc::math;
  switch (f) {
  case kExp: return m::exp(x);
  case kExpm1: return m::expm1(x);
  case kLog: return m::log(x);
  case kLog1p: return m::log1p(x);
  case kSin: return m::sin(x);
  case kCos: return m::cos(x);
  case kTanh: return m::tanh(x);
  case kSigmoid: return m::sigmoid(x);
  case kErf: return m::erf(x);
  case kErfc: return m::erfc(x);
  case kGelu: return m::gelu(x);
  case kRsqrt: return m::rsqrt(x);
  default: return m::pow(x, y);
  }
}

VCC_HD inline float evaluate(uint32_t f, float x, float y) {
  namespace m = vcc::math;
  switch (f) {
  case kFloatExp: return m::exp(x);
  case kFloatExpm1: return m::expm1(x);
  case kFloatLog: return m::log(x);
  case kFloatLog1p: return m::log1p(x);
  case kFloatSin: return m::sin(x);
  case kFloatCos: return m::cos(x);
  case kFloatTanh: return m::tanh(x);
  case kFloatSigmoid: return m::sigmoid(x);
  case kFloatErf: return m::erf(x);
  case kFloatErfc: return m::erfc(x);
  case kFloatGelu: return m::gelu(x);
  case kFloatGeluTanh: return m::gelu_tanh(x);
  case kFloatRsqrt: return m::rsqrt(x);
  default: return m::pow(x, y);
  }
}

// splitmix64: integer-only, so every target draws the same numbers.
class Random {
public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1) from 53 random bits: exact on every target.
  double unit() { return static_cast<double>(next() >> 11) * 0x1p-53; }

private:
  uint64_t state_;
};

double fromBits(uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}
float fromBits32(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

// Values where something changes: zeros, infinities, NaNs, subnormal and
// normal limits, the functions' thresholds, and the hardest argument
// reductions. Each is used with both signs.
const double kSpecialDoubles[] = {
    0.0,
    __builtin_huge_val(),
    fromBits(0x7ff8000000000000u),
    fromBits(0x7ff0000000000001u),
    fromBits(0x7ff4000000000000u),
    fromBits(0x7fffffffffffffffu),
    0x1p-1074,
    0x0.fffffffffffffp-1022,
    0x1p-1022,
    0x1.fffffffffffffp+1023,
    1.0,
    0.5,
    2.0,
    0x1.fffffffffffffp-1,
    0x1.0000000000001p+0,
    1e-300,
    1e300,
    0x1p-26,
    0x1p-27,
    0x1p-28,
    0x1p-54,
    0x1p-55,
    0x1.62e42fefa39efp-8,
    0x1p-8,
    0x1p-7,
    0.25,
    0.75,
    0x1.921fb54442d18p-1,
    0x1.921fb54442d18p+0,
    0x1.921fb54442d18p+1,
    0x1.921fb54442d18p+2,
    0x1p28,
    0x1.ffffffffffffep+27,
    0x1p30,
    1e22,
    0x1.6ac5b262ca1ffp+849,
    0x1.6ac5b262ca1fep+849,
    0x1.62e42fefa39efp+9,
    0x1.62e42fefa39f0p+9,
    708.39,
    745.1332191019411,
    745.2,
    746.0,
    37.5,
    22.0,
    40.0,
    6.0,
    28.8,
    26.5,
    27.3,
    88.72,
    89.0,
    103.97,
    104.0,
    9.5,
    20.0,
    18.0,
    0x1.6a09e667f3bcdp-1,
    0x1.6a09e667f3bccp-1,
    1e-10,
    3.0,
    10.0,
    0.044715,
    700.0,
    1e-320,
    0x1p1000,
    0x1p-1000,
    0x1.6p-1,
    0x1.fep-1,
};
const float kSpecialFloats[] = {
    0x1p-149f,
    0x1.fffffcp-127f,
    0x1p-126f,
    0x1.fffffep+127f,
    0x1.fffffep-1f,
    0x1.000002p+0f,
    0x1p-12f,
    0x1p-13f,
    0x1.921fb6p-1f,
    0x1.921fb6p+0f,
    0x1.62e43p+6f,
    0x1.62e42ep+6f,
    0x1.9fe368p+6f,
    0x1.9fe36ap+6f,
    88.7228f,
    9.01f,
    17.33f,
    16367173.0f * 0x1p72f,
    0x1.3a28c6p+26f,
    0x1.1p-7f,
    3.9f,
    0x1p127f,
};

double drawDouble(Random& random) {
  uint64_t u = random.next();
  unsigned kind = static_cast<unsigned>(u % 100);
  double sign = (u >> 63) ? -1.0 : 1.0;
  uint64_t bits = random.next();
  if (kind < 15) return fromBits(bits); // any pattern, NaN payloads included
  if (kind < 45) {                      // moderate magnitudes 2^-40 .. 2^12
    uint64_t exponent = 1023 - 40 + (u >> 8) % 53;
    return fromBits((u & 0x8000000000000000u) | (exponent << 52) | (bits & 0x000fffffffffffffu));
  }
  if (kind < 65) return sign * 800.0 * random.unit();
  if (kind < 80) return sign * 30.0 * random.unit();
  if (kind < 90)
    return 1.0 +
           sign * random.unit() * fromBits(static_cast<uint64_t>(1023 - 1 - (u >> 8) % 60) << 52);
  if (kind < 95) { // huge: the Payne-Hanek range and overflow
    uint64_t exponent = 1023 + 12 + (u >> 8) % 1012;
    return fromBits((u & 0x8000000000000000u) | (exponent << 52) | (bits & 0x000fffffffffffffu));
  }
  return fromBits((u & 0x8000000000000000u) | (bits & 0x000fffffffffffffu)); // subnormal
}

float drawFloat(Random& random) {
  uint64_t u = random.next();
  unsigned kind = static_cast<unsigned>(u % 100);
  float sign = (u >> 63) ? -1.0f : 1.0f;
  uint32_t bits = static_cast<uint32_t>(random.next());
  uint32_t signBit = static_cast<uint32_t>(u >> 63) << 31;
  if (kind < 15) return fromBits32(bits);
  if (kind < 45) {
    uint32_t exponent = 127 - 40 + static_cast<uint32_t>((u >> 8) % 53);
    return fromBits32(signBit | (exponent << 23) | (bits & 0x7fffffu));
  }
  if (kind < 65) return sign * static_cast<float>(120.0 * random.unit());
  if (kind < 80) return sign * static_cast<float>(20.0 * random.unit());
  if (kind < 90)
    return static_cast<float>(1.0 +
                              sign * random.unit() *
                                  fromBits(static_cast<uint64_t>(1023 - 1 - (u >> 8) % 30) << 52));
  if (kind < 95) {
    uint32_t exponent = 127 + 12 + static_cast<uint32_t>((u >> 8) % 116);
    return fromBits32(signBit | (exponent << 23) | (bits & 0x7fffffu));
  }
  return fromBits32(signBit | (bits & 0x7fffffu));
}

// Exponents for pow: integers (odd and even, also huge), halves, and the
// general mixture.
template <class T> T drawExponent(Random& random, T (*draw)(Random&)) {
  uint64_t u = random.next();
  unsigned kind = static_cast<unsigned>(u % 100);
  if (kind < 30) return static_cast<T>(static_cast<int>((u >> 8) % 41) - 20);
  if (kind < 40) return static_cast<T>(static_cast<int>((u >> 8) % 41) - 20) + T(0.5);
  if (kind < 55) return static_cast<T>(6.0 * random.unit() - 3.0);
  if (kind < 60) return static_cast<T>((u >> 8) % 2 ? 0x1p60 : -0x1p60) + T((u >> 16) % 2);
  return draw(random);
}

template <class T> std::vector<T> specials() {
  std::vector<T> values;
  for (double d : kSpecialDoubles) {
    values.push_back(static_cast<T>(d));
    values.push_back(-static_cast<T>(d));
  }
  if constexpr (sizeof(T) == 4) {
    for (float f : kSpecialFloats) {
      values.push_back(f);
      values.push_back(-f);
    }
  }
  return values;
}

template <class T> struct Inputs { std::vector<T> x, y; };

template <class T>
Inputs<T> makeInputs(uint64_t seed, uint32_t function, size_t n, T (*draw)(Random&)) {
  Random random(seed * 0x2545f4914f6cdd1du + function);
  Inputs<T> in;
  std::vector<T> special = specials<T>();
  bool binary = function == kPow || function == kFloatPow;
  if (binary) {
    // Every special base with every special exponent (the pow table), then random pairs.
    for (T a : special)
      for (T b : special) {
        in.x.push_back(a);
        in.y.push_back(b);
      }
  } else {
    in.x = special;
    in.y.assign(special.size(), T(0));
  }
  for (size_t i = 0; i < n; ++i) {
    in.x.push_back(draw(random));
    in.y.push_back(binary ? drawExponent<T>(random, draw) : T(0));
  }
  return in;
}

template <class T> std::vector<T> evaluateAll(uint32_t function, const Inputs<T>& in) {
  size_t n = in.x.size();
  vcc::Buffer<T> xs(std::span<const T>(in.x)), ys(std::span<const T>(in.y)), out(n);
  auto x = xs.cview(), y = ys.cview();
  auto o = out.view();
  vcc::parallel_for(n, [=] VCC_KERNEL(size_t i) { o[i] = evaluate(function, x[i], y[i]); });
  std::span<const T> host = out.chost();
  return std::vector<T>(host.begin(), host.end());
}

void append(std::vector<uint8_t>& response, const void* data, size_t size) {
  auto* bytes = static_cast<const uint8_t*>(data);
  response.insert(response.end(), bytes, bytes + size);
}

void run(std::span<const uint8_t> request, std::vector<uint8_t>& response) {
  uint64_t seed = 1, n = 2048;
  if (request.size() >= 8) std::memcpy(&seed, request.data(), 8);
  if (request.size() >= 16) std::memcpy(&n, request.data() + 8, 8);
  for (uint32_t function = 0; function < kFunctionCount; ++function) {
    uint32_t count;
    if (function < kFloatExp) {
      Inputs<double> in = makeInputs<double>(seed, function, n, drawDouble);
      std::vector<double> out = evaluateAll(function, in);
      count = static_cast<uint32_t>(out.size());
      append(response, &function, 4);
      append(response, &count, 4);
      append(response, out.data(), out.size() * 8);
    } else {
      Inputs<float> in = makeInputs<float>(seed, function, n, drawFloat);
      std::vector<float> out = evaluateAll(function, in);
      count = static_cast<uint32_t>(out.size());
      append(response, &function, 4);
      append(response, &count, 4);
      append(response, out.data(), out.size() * 4);
    }
  }
}

} // namespace math_bitwise

void vccProgramMain(std::span<const uint8_t> request, std::vector<uint8_t>& response) {
  math_bitwise::run(request, response);
}
