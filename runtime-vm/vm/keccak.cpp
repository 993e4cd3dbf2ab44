// Keccak-f[1600] from FIPS 202 §3.2 (θ, ρ, π, χ, ι), with the sponge for
// Ethereum's keccak256.
#include "vcc/vm/keccak.hpp"

#include <bit>
#include <cstring>

#include "keccak_tables.hpp"

namespace vcc::vm {

using namespace keccak_tables;
static_assert(std::endian::native == std::endian::little, "lanes are read in host byte order");

void keccakF1600(uint64_t lanes[25]) {
  // Lanes live in locals so that the compiler keeps them in registers; the
  // loops over x and y have constant bounds and unroll completely.
  uint64_t a[25];
  std::memcpy(a, lanes, sizeof a);
  for (uint64_t roundConstant : kRoundConstants) {
    uint64_t c[5], d[5];
    for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; ++x) d[x] = c[(x + 4) % 5] ^ std::rotl(c[(x + 1) % 5], 1);
    for (int i = 0; i < 25; ++i) a[i] ^= d[i % 5];
    // ρ and π: b[y, 2x + 3y] = rot(a[x, y], r[x, y]).
    uint64_t b[25];
    b[0] = a[0];
    for (int i = 0; i < 24; ++i) b[kPi[i]] = std::rotl(a[kPiSource[i]], static_cast<int>(kRho[i]));
    // χ, row by row.
    for (int y = 0; y < 25; y += 5) {
      for (int x = 0; x < 5; ++x) a[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
    }
    a[0] ^= roundConstant;
  }
  std::memcpy(lanes, a, sizeof a);
}

Keccak256& Keccak256::update(std::span<const uint8_t> bytes) {
  auto* lanes = reinterpret_cast<uint8_t*>(state_);
  for (uint8_t byte : bytes) {
    lanes[used_++] ^= byte;
    if (used_ == kRate) {
      keccakF1600(state_);
      used_ = 0;
    }
  }
  return *this;
}

Hash Keccak256::finalize() {
  auto* lanes = reinterpret_cast<uint8_t*>(state_);
  lanes[used_] ^= 0x01;
  lanes[kRate - 1] ^= 0x80;
  keccakF1600(state_);
  Hash out;
  std::memcpy(out.data(), state_, out.size());
  return out;
}

Hash keccak256(std::span<const uint8_t> bytes) { return Keccak256().update(bytes).finalize(); }

Hash keccak256Pair(const Hash& left, const Hash& right) {
  // 64 bytes fit in one block: absorb directly into the lanes.
  uint64_t state[25] = {};
  std::memcpy(state, left.data(), 32);
  std::memcpy(reinterpret_cast<uint8_t*>(state) + 32, right.data(), 32);
  reinterpret_cast<uint8_t*>(state)[64] ^= 0x01;
  reinterpret_cast<uint8_t*>(state)[135] ^= 0x80;
  keccakF1600(state);
  Hash out;
  std::memcpy(out.data(), state, out.size());
  return out;
}

std::string toHex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text = "0x";
  text.reserve(2 + 2 * bytes.size());
  for (uint8_t byte : bytes) {
    text += kDigits[byte >> 4];
    text += kDigits[byte & 15];
  }
  return text;
}

}  // namespace vcc::vm
