// Ethereum's keccak256 (Keccak-f[1600] from FIPS 202 §3.2 with the
// original 0x01 padding, rate 136 bytes), header-only for service code: the
// host, CUDA host and device code, the RISC-V guest, and constant
// expressions (`constexpr auto s = vcc::abi::selector("f(uint32)")`).
//
// The same algorithm as the VM's runtime-vm/vm/keccak.cpp, written
// independently of it: service code must not link the VM. Lanes are
// assembled from bytes with shifts, so the code does not depend on the
// host's byte order and is valid in constant evaluation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "vcc/config.hpp"
#include "vcc/types.hpp"

namespace vcc {
namespace keccak_detail {

VCC_HD constexpr uint64_t rotl64(uint64_t value, unsigned shift) {
  return shift == 0 ? value : (value << shift) | (value >> (64 - shift));
}

VCC_HD constexpr void keccakF1600(uint64_t a[25]) {
  constexpr uint64_t kRoundConstants[24] = {
      0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
      0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
      0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
      0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
      0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
      0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};
  // ρ rotation offsets and π destinations, walking the lanes in π order;
  // each destination's source is the previous destination of the walk.
  constexpr unsigned kRho[24] = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                                 27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};
  constexpr unsigned kPi[24] = {10, 7,  11, 17, 18, 3, 5,  16, 8,  21, 24, 4,
                                15, 23, 19, 13, 12, 2, 20, 14, 22, 9,  6,  1};
  constexpr unsigned kPiSource[24] = {1, 10, 7,  11, 17, 18, 3, 5,  16, 8,  21, 24,
                                      4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9,  6};
  for (int round = 0; round < 24; ++round) {
    uint64_t c[5] = {}, d[5] = {};
    for (int x = 0; x < 5; ++x)
      c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; ++x)
      d[x] = c[(x + 4) % 5] ^ rotl64(c[(x + 1) % 5], 1);
    for (int i = 0; i < 25; ++i)
      a[i] ^= d[i % 5];
    // ρ and π: b[y, 2x + 3y] = rot(a[x, y], r[x, y]).
    uint64_t b[25] = {};
    b[0] = a[0];
    for (int i = 0; i < 24; ++i)
      b[kPi[i]] = rotl64(a[kPiSource[i]], kRho[i]);
    // χ, row by row, then ι.
    for (int y = 0; y < 25; y += 5) {
      for (int x = 0; x < 5; ++x)
        a[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
    }
    a[0] ^= kRoundConstants[round];
  }
}

} // namespace keccak_detail

// Incremental keccak256: update() any number of times, then finalize() once.
class Keccak256 {
public:
  static constexpr size_t kRate = 136;

  VCC_HD constexpr Keccak256& update(const uint8_t* data, size_t size) {
    size_t i = 0;
    while (i < size) {
      if (used_ % 8 == 0 && size - i >= 8) {
        // A whole lane at once (the kRate = 17 lanes of a block are aligned).
        uint64_t lane = 0;
        for (int k = 0; k < 8; ++k)
          lane |= static_cast<uint64_t>(data[i + k]) << (8 * k);
        state_[used_ / 8] ^= lane;
        used_ += 8;
        i += 8;
      } else {
        state_[used_ / 8] ^= static_cast<uint64_t>(data[i]) << (8 * (used_ % 8));
        ++used_;
        ++i;
      }
      if (used_ == kRate) {
        keccak_detail::keccakF1600(state_);
        used_ = 0;
      }
    }
    return *this;
  }
  constexpr Keccak256& update(std::span<const uint8_t> data) {
    return update(data.data(), data.size());
  }
  constexpr Keccak256& update(std::string_view text) {
    for (char c : text) {
      uint8_t byte = static_cast<uint8_t>(c);
      update(&byte, 1);
    }
    return *this;
  }

  VCC_HD constexpr bytes32 finalize() {
    state_[used_ / 8] ^= uint64_t{0x01} << (8 * (used_ % 8));
    state_[(kRate - 1) / 8] ^= uint64_t{0x80} << (8 * ((kRate - 1) % 8));
    keccak_detail::keccakF1600(state_);
    bytes32 digest;
    for (int i = 0; i < 32; ++i)
      digest.data[i] = static_cast<uint8_t>(state_[i / 8] >> (8 * (i % 8)));
    return digest;
  }

private:
  uint64_t state_[25] = {};
  size_t used_ = 0;
};

VCC_HD constexpr bytes32 keccak256(const uint8_t* data, size_t size) {
  return Keccak256().update(data, size).finalize();
}
constexpr bytes32 keccak256(std::span<const uint8_t> data) {
  return Keccak256().update(data).finalize();
}
// The UTF-8 bytes of `text` (signatures, labels).
constexpr bytes32 keccak256(std::string_view text) {
  return Keccak256().update(text).finalize();
}

} // namespace vcc
