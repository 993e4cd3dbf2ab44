// Helpers for the M extension and the W instructions, exactly per the RISC-V
// unprivileged spec: division by zero and signed overflow have defined
// results (§13.2), and nothing here is undefined behaviour in C++.
#pragma once

#include <cstdint>

namespace vcc::vm {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

constexpr uint64_t signExtend32(uint64_t value) {
  return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(value))));
}

constexpr uint64_t multiplyHighSigned(uint64_t a, uint64_t b) {
  Int128 product = static_cast<Int128>(static_cast<int64_t>(a)) * static_cast<Int128>(static_cast<int64_t>(b));
  return static_cast<uint64_t>(static_cast<UInt128>(product) >> 64);
}

constexpr uint64_t multiplyHighUnsigned(uint64_t a, uint64_t b) {
  return static_cast<uint64_t>((static_cast<UInt128>(a) * static_cast<UInt128>(b)) >> 64);
}

constexpr uint64_t multiplyHighSignedUnsigned(uint64_t a, uint64_t b) {
  // |a| <= 2^63 and b < 2^64, so the product fits in 128 signed bits.
  Int128 product = static_cast<Int128>(static_cast<int64_t>(a)) * static_cast<Int128>(b);
  return static_cast<uint64_t>(static_cast<UInt128>(product) >> 64);
}

constexpr uint64_t divideSigned(uint64_t a, uint64_t b) {
  int64_t dividend = static_cast<int64_t>(a), divisor = static_cast<int64_t>(b);
  if (divisor == 0) return ~uint64_t{0};
  if (dividend == INT64_MIN && divisor == -1) return a;
  return static_cast<uint64_t>(dividend / divisor);
}

constexpr uint64_t remainderSigned(uint64_t a, uint64_t b) {
  int64_t dividend = static_cast<int64_t>(a), divisor = static_cast<int64_t>(b);
  if (divisor == 0) return a;
  if (dividend == INT64_MIN && divisor == -1) return 0;
  return static_cast<uint64_t>(dividend % divisor);
}

constexpr uint64_t divideSigned32(uint64_t a, uint64_t b) {
  int32_t dividend = static_cast<int32_t>(a), divisor = static_cast<int32_t>(b);
  if (divisor == 0) return ~uint64_t{0};
  if (dividend == INT32_MIN && divisor == -1) return signExtend32(static_cast<uint32_t>(dividend));
  return signExtend32(static_cast<uint32_t>(dividend / divisor));
}

constexpr uint64_t remainderSigned32(uint64_t a, uint64_t b) {
  int32_t dividend = static_cast<int32_t>(a), divisor = static_cast<int32_t>(b);
  if (divisor == 0) return signExtend32(static_cast<uint32_t>(dividend));
  if (dividend == INT32_MIN && divisor == -1) return 0;
  return signExtend32(static_cast<uint32_t>(dividend % divisor));
}

}  // namespace vcc::vm
