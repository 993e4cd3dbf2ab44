// Keccak-f[1600] step tables (FIPS 202 §3.2), shared by the scalar and the
// SIMD permutations.
#pragma once

#include <cstdint>

namespace vcc::vm::keccak_tables {

inline constexpr uint64_t kRoundConstants[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};

// ρ rotation offsets and π destinations, walking the lanes in π order
// starting from lane 1; kPiSource[i] is the lane that moves to kPi[i].
inline constexpr unsigned kRho[24] = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14,
                                      27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44};
inline constexpr unsigned kPi[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4,
                                     15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};
inline constexpr unsigned kPiSource[24] = {1, 10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24,
                                           4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6};

}  // namespace vcc::vm::keccak_tables
