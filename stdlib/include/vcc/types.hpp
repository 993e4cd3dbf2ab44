// The value types of service methods (SPEC §2) that C++ does not have:
// `vcc::address` (20 bytes), `vcc::bytes32`, `vcc::u256` (256-bit unsigned,
// wrapping arithmetic), and the byte string `vcc::bytes`. Together with
// uint8..uint64, int8..int64, bool, std::string and std::vector of all of
// them they are the types a method can take and return; vcc/abi.hpp maps
// each to its Solidity ABI type (docs/abi.md).
//
// The fixed-size types are plain aggregates of arrays with constexpr,
// VCC_HD members, so kernels can use them on the GPU and in constant
// expressions. Text conversions (hex, decimal) are host and guest only.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vcc/config.hpp"

namespace vcc {

// Solidity `bytes`: a byte string of any length. (A `uint8[]` array, which
// encodes each element in its own 32-byte word, has no C++ spelling.)
using bytes = std::vector<uint8_t>;

namespace detail {

// Lowercase hex digits of `data`, without a prefix.
inline void appendHex(std::string& text, const uint8_t* data, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (size_t i = 0; i < size; ++i) {
    text += kDigits[data[i] >> 4];
    text += kDigits[data[i] & 15];
  }
}

constexpr int hexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr std::string_view stripHexPrefix(std::string_view text) {
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
    text.remove_prefix(2);
  return text;
}

// Exactly `size` bytes from 2*size hex digits ("0x" optional, either case).
constexpr bool parseHexExact(std::string_view text, uint8_t* out, size_t size) {
  text = stripHexPrefix(text);
  if (text.size() != 2 * size) return false;
  for (size_t i = 0; i < size; ++i) {
    int high = hexDigitValue(text[2 * i]);
    int low = hexDigitValue(text[2 * i + 1]);
    if (high < 0 || low < 0) return false;
    out[i] = static_cast<uint8_t>(high << 4 | low);
  }
  return true;
}

template <size_t N> struct FixedBytes {
  uint8_t data[N] = {};

  VCC_HD static constexpr size_t size() { return N; }
  VCC_HD friend constexpr bool operator==(const FixedBytes& a, const FixedBytes& b) {
    for (size_t i = 0; i < N; ++i) {
      if (a.data[i] != b.data[i]) return false;
    }
    return true;
  }
  friend constexpr std::strong_ordering operator<=>(const FixedBytes& a, const FixedBytes& b) {
    for (size_t i = 0; i < N; ++i) {
      if (a.data[i] != b.data[i]) return a.data[i] <=> b.data[i];
    }
    return std::strong_ordering::equal;
  }
  VCC_HD constexpr bool isZero() const {
    for (size_t i = 0; i < N; ++i) {
      if (data[i] != 0) return false;
    }
    return true;
  }
};

} // namespace detail

// An Ethereum address (Solidity `address`): 20 bytes, as they appear on chain.
struct address : detail::FixedBytes<20> {
  // "0x" and 40 lowercase hex digits (no EIP-55 checksum casing).
  std::string toHex() const {
    std::string text = "0x";
    detail::appendHex(text, data, 20);
    return text;
  }
  // 40 hex digits, "0x" optional, any case (the checksum is not verified).
  static constexpr bool fromHex(std::string_view text, address& out) {
    return detail::parseHexExact(text, out.data, 20);
  }
};

// Solidity `bytes32`: 32 raw bytes (hashes, keys).
struct bytes32 : detail::FixedBytes<32> {
  std::string toHex() const {
    std::string text = "0x";
    detail::appendHex(text, data, 32);
    return text;
  }
  static constexpr bool fromHex(std::string_view text, bytes32& out) {
    return detail::parseHexExact(text, out.data, 32);
  }
};

// Solidity `uint256`: unsigned 256-bit integer, arithmetic modulo 2^256 (as
// the EVM; Solidity's checked arithmetic would revert instead). Division and
// remainder by zero give 0, as the EVM's DIV and MOD. Limbs are little-endian:
// limbs[0] holds the least significant 64 bits.
struct u256 {
  uint64_t limbs[4] = {};

  constexpr u256() = default;
  // Implicit from unsigned integers only: `u256 x = 5u; x + 1u`. A signed
  // value must be converted on purpose (u256(uint64_t(v))), so -1 never
  // silently becomes 2^64 - 1.
  template <class U>
  requires(std::is_integral_v<U>&& std::is_unsigned_v<U> && !std::is_same_v<U, bool>) VCC_HD
      constexpr u256(U value)
      : limbs{static_cast<uint64_t>(value), 0, 0, 0} {}
  VCC_HD constexpr u256(uint64_t l3, uint64_t l2, uint64_t l1, uint64_t l0)
      : limbs{l0, l1, l2, l3} {}

  VCC_HD static constexpr u256 max() { return u256(~0ull, ~0ull, ~0ull, ~0ull); }

  VCC_HD constexpr bool isZero() const { return (limbs[0] | limbs[1] | limbs[2] | limbs[3]) == 0; }
  VCC_HD constexpr bool fitsUint64() const { return (limbs[1] | limbs[2] | limbs[3]) == 0; }
  // The low 64 bits (the value itself when fitsUint64()).
  VCC_HD constexpr uint64_t low64() const { return limbs[0]; }
  VCC_HD constexpr bool bit(unsigned index) const {
    return index < 256 && ((limbs[index / 64] >> (index % 64)) & 1) != 0;
  }
  // Number of significant bits (0 for zero).
  VCC_HD constexpr unsigned bitWidth() const {
    for (int limb = 3; limb >= 0; --limb) {
      uint64_t v = limbs[limb];
      if (v != 0) {
        unsigned width = 0;
        while (v != 0) {
          ++width;
          v >>= 1;
        }
        return 64 * static_cast<unsigned>(limb) + width;
      }
    }
    return 0;
  }

  // Big-endian, 32 bytes: the ABI encoding and the EVM's word layout.
  VCC_HD constexpr void toBigEndian(uint8_t out[32]) const {
    for (int i = 0; i < 32; ++i)
      out[31 - i] = static_cast<uint8_t>(limbs[i / 8] >> (8 * (i % 8)));
  }
  VCC_HD static constexpr u256 fromBigEndian(const uint8_t in[32]) {
    u256 value;
    for (int i = 0; i < 32; ++i)
      value.limbs[i / 8] |= static_cast<uint64_t>(in[31 - i]) << (8 * (i % 8));
    return value;
  }
  VCC_HD constexpr bytes32 toBytes32() const {
    bytes32 word;
    toBigEndian(word.data);
    return word;
  }
  VCC_HD static constexpr u256 fromBytes32(const bytes32& word) { return fromBigEndian(word.data); }

  // Arithmetic modulo 2^256.
  VCC_HD friend constexpr u256 operator+(const u256& a, const u256& b) {
    u256 sum;
    uint64_t carry = 0;
    for (int i = 0; i < 4; ++i) {
      uint64_t partial = a.limbs[i] + b.limbs[i];
      uint64_t carryOut = partial < a.limbs[i] ? 1 : 0;
      sum.limbs[i] = partial + carry;
      carryOut += sum.limbs[i] < partial ? 1 : 0;
      carry = carryOut;
    }
    return sum;
  }
  VCC_HD friend constexpr u256 operator-(const u256& a, const u256& b) {
    u256 difference;
    uint64_t borrow = 0;
    for (int i = 0; i < 4; ++i) {
      uint64_t partial = a.limbs[i] - b.limbs[i];
      uint64_t borrowOut = a.limbs[i] < b.limbs[i] ? 1 : 0;
      difference.limbs[i] = partial - borrow;
      borrowOut += partial < borrow ? 1 : 0;
      borrow = borrowOut;
    }
    return difference;
  }
  VCC_HD friend constexpr u256 operator-(const u256& a) { return u256() - a; }
  VCC_HD friend constexpr u256 operator*(const u256& a, const u256& b) {
    // Schoolbook on 32-bit digits: exact in 64-bit arithmetic on every
    // target (no __int128, which CUDA device code and constant evaluation
    // treat differently).
    uint32_t x[8], y[8];
    for (int i = 0; i < 8; ++i) {
      x[i] = static_cast<uint32_t>(a.limbs[i / 2] >> (32 * (i % 2)));
      y[i] = static_cast<uint32_t>(b.limbs[i / 2] >> (32 * (i % 2)));
    }
    uint32_t product[8] = {};
    for (int i = 0; i < 8; ++i) {
      uint64_t carry = 0;
      for (int j = 0; i + j < 8; ++j) {
        uint64_t t = static_cast<uint64_t>(x[i]) * y[j] + product[i + j] + carry;
        product[i + j] = static_cast<uint32_t>(t);
        carry = t >> 32;
      }
    }
    u256 result;
    for (int i = 0; i < 4; ++i) {
      result.limbs[i] =
          static_cast<uint64_t>(product[2 * i]) | static_cast<uint64_t>(product[2 * i + 1]) << 32;
    }
    return result;
  }
  // Quotient and remainder (both 0 when the divisor is 0).
  VCC_HD static constexpr void divmod(const u256& dividend, const u256& divisor, u256& quotient,
                                      u256& remainder) {
    quotient = u256();
    remainder = u256();
    if (divisor.isZero()) return;
    for (int i = static_cast<int>(dividend.bitWidth()) - 1; i >= 0; --i) {
      remainder = remainder << 1u;
      if (dividend.bit(static_cast<unsigned>(i))) remainder.limbs[0] |= 1;
      if (!remainder.lessThan(divisor)) {
        remainder = remainder - divisor;
        quotient.limbs[i / 64] |= uint64_t{1} << (i % 64);
      }
    }
  }
  VCC_HD friend constexpr u256 operator/(const u256& a, const u256& b) {
    u256 quotient, remainder;
    divmod(a, b, quotient, remainder);
    return quotient;
  }
  VCC_HD friend constexpr u256 operator%(const u256& a, const u256& b) {
    u256 quotient, remainder;
    divmod(a, b, quotient, remainder);
    return remainder;
  }

  VCC_HD friend constexpr u256 operator&(const u256& a, const u256& b) {
    return u256(a.limbs[3] & b.limbs[3], a.limbs[2] & b.limbs[2], a.limbs[1] & b.limbs[1],
                a.limbs[0] & b.limbs[0]);
  }
  VCC_HD friend constexpr u256 operator|(const u256& a, const u256& b) {
    return u256(a.limbs[3] | b.limbs[3], a.limbs[2] | b.limbs[2], a.limbs[1] | b.limbs[1],
                a.limbs[0] | b.limbs[0]);
  }
  VCC_HD friend constexpr u256 operator^(const u256& a, const u256& b) {
    return u256(a.limbs[3] ^ b.limbs[3], a.limbs[2] ^ b.limbs[2], a.limbs[1] ^ b.limbs[1],
                a.limbs[0] ^ b.limbs[0]);
  }
  VCC_HD friend constexpr u256 operator~(const u256& a) {
    return u256(~a.limbs[3], ~a.limbs[2], ~a.limbs[1], ~a.limbs[0]);
  }
  // Shifts by 256 or more give 0 (as the EVM's SHL/SHR).
  VCC_HD friend constexpr u256 operator<<(const u256& a, unsigned shift) {
    u256 result;
    if (shift >= 256) return result;
    unsigned limbShift = shift / 64, bitShift = shift % 64;
    for (unsigned i = 3 + 1; i-- > limbShift;) {
      uint64_t v = a.limbs[i - limbShift] << bitShift;
      if (bitShift != 0 && i - limbShift >= 1) v |= a.limbs[i - limbShift - 1] >> (64 - bitShift);
      result.limbs[i] = v;
    }
    return result;
  }
  VCC_HD friend constexpr u256 operator>>(const u256& a, unsigned shift) {
    u256 result;
    if (shift >= 256) return result;
    unsigned limbShift = shift / 64, bitShift = shift % 64;
    for (unsigned i = 0; i + limbShift < 4; ++i) {
      uint64_t v = a.limbs[i + limbShift] >> bitShift;
      if (bitShift != 0 && i + limbShift + 1 < 4)
        v |= a.limbs[i + limbShift + 1] << (64 - bitShift);
      result.limbs[i] = v;
    }
    return result;
  }

  VCC_HD constexpr u256& operator+=(const u256& b) { return *this = *this + b; }
  VCC_HD constexpr u256& operator-=(const u256& b) { return *this = *this - b; }
  VCC_HD constexpr u256& operator*=(const u256& b) { return *this = *this * b; }
  VCC_HD constexpr u256& operator/=(const u256& b) { return *this = *this / b; }
  VCC_HD constexpr u256& operator%=(const u256& b) { return *this = *this % b; }
  VCC_HD constexpr u256& operator&=(const u256& b) { return *this = *this & b; }
  VCC_HD constexpr u256& operator|=(const u256& b) { return *this = *this | b; }
  VCC_HD constexpr u256& operator^=(const u256& b) { return *this = *this ^ b; }
  VCC_HD constexpr u256& operator<<=(unsigned shift) { return *this = *this << shift; }
  VCC_HD constexpr u256& operator>>=(unsigned shift) { return *this = *this >> shift; }

  VCC_HD friend constexpr bool operator==(const u256& a, const u256& b) {
    return a.limbs[0] == b.limbs[0] && a.limbs[1] == b.limbs[1] && a.limbs[2] == b.limbs[2] &&
           a.limbs[3] == b.limbs[3];
  }
  friend constexpr std::strong_ordering operator<=>(const u256& a, const u256& b) {
    for (int i = 3; i >= 0; --i) {
      if (a.limbs[i] != b.limbs[i]) return a.limbs[i] <=> b.limbs[i];
    }
    return std::strong_ordering::equal;
  }
  // Spelled out for CUDA device code, where <=> is not available.
  VCC_HD constexpr bool lessThan(const u256& b) const {
    for (int i = 3; i >= 0; --i) {
      if (limbs[i] != b.limbs[i]) return limbs[i] < b.limbs[i];
    }
    return false;
  }

  // "0x" and the shortest lowercase hex digits ("0x0" for zero).
  std::string toHex() const {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text = "0x";
    unsigned digits = (bitWidth() + 3) / 4;
    if (digits == 0) digits = 1;
    for (unsigned i = digits; i-- > 0;)
      text += kDigits[(limbs[i / 16] >> (4 * (i % 16))) & 15];
    return text;
  }
  // Decimal digits, no sign or leading zeros.
  std::string toDecimal() const {
    char buffer[80];
    size_t length = 0;
    u256 rest = *this;
    const u256 ten = 10u;
    do {
      u256 quotient, remainder;
      divmod(rest, ten, quotient, remainder);
      buffer[length++] = static_cast<char>('0' + remainder.limbs[0]);
      rest = quotient;
    } while (!rest.isZero());
    std::string text;
    while (length > 0)
      text += buffer[--length];
    return text;
  }
  // 1 to 64 hex digits, "0x" optional; false on anything else.
  static constexpr bool fromHex(std::string_view text, u256& out) {
    text = detail::stripHexPrefix(text);
    if (text.empty() || text.size() > 64) return false;
    u256 value;
    for (char c : text) {
      int digit = detail::hexDigitValue(c);
      if (digit < 0) return false;
      value = value << 4u;
      value.limbs[0] |= static_cast<uint64_t>(digit);
    }
    out = value;
    return true;
  }
  // Decimal digits below 2^256; false on anything else (no sign, no spaces).
  static constexpr bool fromDecimal(std::string_view text, u256& out) {
    if (text.empty()) return false;
    u256 value;
    const u256 limit = max() / u256(10u);
    for (char c : text) {
      if (c < '0' || c > '9') return false;
      u256 digit = static_cast<unsigned>(c - '0');
      if (value > limit) return false;
      u256 next = value * u256(10u) + digit;
      if (next < value * u256(10u)) return false; // the digit carried past 2^256
      value = next;
    }
    out = value;
    return true;
  }
};

} // namespace vcc
