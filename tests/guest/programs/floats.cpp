// Float-heavy guest: float and double arithmetic through libgcc's
// soft-float routines, conversions, sqrt and fma. Results are printed as bit
// patterns (NaNs canonicalized: their payloads differ between soft-float
// and x86), so the expected output is the host's: tests/guest/expected/
// floats.txt was produced by this file compiled for x86-64 with
// -ffp-contract=off. printf of doubles is covered by printf.cpp.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

namespace {

uint64_t bits(double value) {
  uint64_t b;
  std::memcpy(&b, &value, sizeof b);
  return b;
}
uint32_t bits(float value) {
  uint32_t b;
  std::memcpy(&b, &value, sizeof b);
  return b;
}

void show(const char* name, double value) {
  std::printf("%-22s %016llx\n", name, static_cast<unsigned long long>(bits(value)));
}
void show(const char* name, float value) { std::printf("%-22s %08x\n", name, bits(value)); }

uint64_t canonical(double value) { return std::isnan(value) ? 0x7ff8000000000000ull : bits(value); }
uint32_t canonical(float value) { return std::isnan(value) ? 0x7fc00000u : bits(value); }

// Folds a result into a running hash (FNV-1a over the 8 bytes).
void mix(uint64_t& hash, uint64_t value) {
  for (int i = 0; i < 8; ++i) {
    hash ^= (value >> (8 * i)) & 0xff;
    hash *= 0x100000001b3ull;
  }
}

// A little xorshift generator: the same stream on every target.
uint64_t next(uint64_t& state) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}
double unitDouble(uint64_t& state) { return static_cast<double>(next(state) >> 11) * 0x1p-53; }

}  // namespace

int main() {
  // Basic operations, with values chosen to exercise rounding.
  volatile double a = 0.1, b = 0.2, c = 3.0;
  show("0.1+0.2", a + b);
  show("0.1*3", a * c);
  show("1/3", 1.0 / c);
  show("0.2-0.1", b - a);
  show("sqrt(2)", std::sqrt(2.0));
  show("sqrt(0.1+0.2)", std::sqrt(a + b));
  show("fma(0.1,3,-0.3)", std::fma(0.1, 3.0, -0.3));
  volatile float fa = 0.1f, fb = 0.2f, fc = 3.0f;
  show("0.1f+0.2f", fa + fb);
  show("0.1f*3f", fa * fc);
  show("1f/3f", 1.0f / fc);
  show("sqrtf(2)", std::sqrt(2.0f));
  show("(float)0.1", static_cast<float>(a));
  show("(double)0.1f", static_cast<double>(fa));

  // Special values and edge cases.
  volatile double zero = 0.0, huge = std::numeric_limits<double>::max();
  show("1/0", 1.0 / zero);
  show("-1/0", -1.0 / zero);
  show("max*2", huge * 2);
  show("min/4 (subnormal)", std::numeric_limits<double>::min() / 4);
  show("denorm_min", std::numeric_limits<double>::denorm_min());
  show("-0.0", -zero);
  show("sqrt(-0.0)", std::sqrt(-zero));
  std::printf("nan is nan: %d, sqrt(-1) is nan: %d, inf>max: %d\n", std::isnan(zero / zero) ? 1 : 0,
              std::isnan(std::sqrt(-1.0 + zero)) ? 1 : 0, (1.0 / zero) > huge ? 1 : 0);
  show("fmin(-0.5,2)", std::fmin(-0.5, 2.0));
  show("fmax(-0.5,2)", std::fmax(-0.5, 2.0));
  show("copysign(3,-0)", std::copysign(3.0, -zero));
  show("fma(1+2^-52,1-2^-52,-1)", std::fma(1.0 + 0x1p-52, 1.0 - 0x1p-52, -1.0));
  show("fmaf(0.1,10,-1)", std::fma(0.1f, 10.0f, -1.0f));

  // Conversions (C++ truncates toward zero).
  volatile double conv[] = {-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 1e18, -1e18, 4294967295.75};
  for (double v : conv)
    std::printf("convert %016llx -> long %ld, uint32 %u\n", static_cast<unsigned long long>(bits(v)),
                static_cast<long>(v), v >= 0 && v < 4294967296.0 ? static_cast<uint32_t>(v) : 0u);
  volatile int64_t big = 9007199254740993;  // 2^53 + 1: not representable
  show("(double)(2^53+1)", static_cast<double>(big));
  show("(float)16777217", static_cast<float>(16777217));
  volatile uint64_t umax = UINT64_MAX;
  show("(double)UINT64_MAX", static_cast<double>(umax));

  // A long dependent chain: a Newton iteration and a sum whose rounding
  // depends on the exact order of operations.
  double x = 1.0;
  for (int i = 0; i < 30; ++i) x = x - (x * x - 2.0) / (2.0 * x);
  show("newton sqrt(2)", x);
  uint64_t state = 0x9E3779B97F4A7C15ull;
  double sum = 0, product = 1;
  float fsum = 0;
  for (int i = 0; i < 100000; ++i) {
    double u = unitDouble(state);
    sum += u * 1e-3 - 0.5e-3;
    product *= 1.0 + (u - 0.5) * 1e-4;
    fsum += static_cast<float>(u);
  }
  show("sum", sum);
  show("product", product);
  show("float sum", fsum);

  // Random operands of every exponent (NaNs, infinities, subnormals
  // included), one hash per operation.
  uint64_t hashes[12] = {};
  const char* names[12] = {"add", "sub", "mul", "div", "sqrt", "fma",
                           "addf", "mulf", "divf", "sqrtf", "fmaf", "convert"};
  for (int i = 0; i < 20000; ++i) {
    double u, v, w;
    uint64_t ub = next(state), vb = next(state), wb = next(state);
    std::memcpy(&u, &ub, 8);
    std::memcpy(&v, &vb, 8);
    std::memcpy(&w, &wb, 8);
    float fu = static_cast<float>(u), fv = static_cast<float>(v), fw = static_cast<float>(w);
    mix(hashes[0], canonical(u + v));
    mix(hashes[1], canonical(u - v));
    mix(hashes[2], canonical(u * v));
    mix(hashes[3], canonical(u / v));
    mix(hashes[4], canonical(std::sqrt(u)));
    mix(hashes[5], canonical(std::fma(u, v, w)));
    mix(hashes[6], canonical(fu + fv));
    mix(hashes[7], canonical(fu * fv));
    mix(hashes[8], canonical(fu / fv));
    mix(hashes[9], canonical(std::sqrt(fu)));
    mix(hashes[10], canonical(std::fma(fu, fv, fw)));
    double inRange = std::fabs(u) < 9.2e18 ? u : 1.5;  // keeps the conversion defined (not NaN)
    mix(hashes[11], static_cast<uint64_t>(static_cast<int64_t>(inRange)));
    mix(hashes[11], canonical(static_cast<double>(static_cast<int64_t>(ub))));
    mix(hashes[11], canonical(static_cast<double>(ub)));
    mix(hashes[11], canonical(static_cast<float>(static_cast<int64_t>(vb))));
  }
  for (int i = 0; i < 12; ++i)
    std::printf("random %-8s %016llx\n", names[i], static_cast<unsigned long long>(hashes[i]));

  // Sorting doubles with zeros of both signs: the arrangement of equal keys
  // must match the host's libc++ exactly.
  std::vector<double> values;
  for (int i = 0; i < 2000; ++i) {
    uint64_t r = next(state);
    values.push_back(r % 5 == 0 ? 0.0 : r % 5 == 1 ? -0.0 : unitDouble(state) - 0.5);
  }
  std::sort(values.begin(), values.end());
  uint64_t signs = 0;
  for (double v : values)
    if (v == 0) signs = signs * 3 + (std::signbit(v) ? 1 : 2);
  std::printf("sorted zeros signature %016llx\n", static_cast<unsigned long long>(signs));
  return 0;
}
