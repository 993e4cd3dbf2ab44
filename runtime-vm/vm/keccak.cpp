// Keccak-f[1600] from FIPS 202 §3.2 (θ, ρ, π, χ, ι), with the sponge for
// Ethereum's keccak256.
#include "vcc/vm/keccak.hpp"

#include <bit>
#include <cstring>

namespace vcc::vm {
namespace {

constexpr uint64_t kRoundConstants[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};

// ρ rotation offsets and π destinations, walking the lanes in π order.
constexpr unsigned kRho[24] = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14,
                               27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44};
constexpr unsigned kPi[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4,
                              15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};
// The lane each π destination comes from: the previous destination in the walk.
constexpr unsigned kPiSource[24] = {1, 10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24,
                                    4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6};

static_assert(std::endian::native == std::endian::little, "lanes are read in host byte order");

}  // namespace

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
