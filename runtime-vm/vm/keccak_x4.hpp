// Multi-buffer keccak256Pair: hashes 4 or 8 independent 64-byte messages at
// once with SIMD (AVX2: 4 lanes in ymm registers; AVX-512: 8 lanes in zmm
// registers, and 4 lanes in ymm with AVX-512VL's rotate and ternary-logic
// instructions). Every result is bit-identical to keccak256Pair, which stays
// the reference (it is a consensus hash). The instruction set is chosen at
// run time, so the library needs no -mavx2 and runs on any x86-64; other
// architectures get the portable path, which calls keccak256Pair in a loop.
//
// Private to the VM library (runtime-vm/vm), for the memory Merkle tree.
#pragma once

#include "vcc/vm/keccak.hpp"

#include <cstddef>
#include <cstdint>

namespace vcc::vm {

// Which implementation runs. kAuto picks the fastest the CPU supports;
// forcing one that the CPU lacks (see keccakImplAvailable) is a programming
// error: the call falls back to kPortable rather than fault, so results stay
// correct. Tests and benchmarks force each one in turn.
enum class KeccakImpl : uint8_t {
  kAuto,
  kPortable, // keccak256Pair in a loop
  kAvx2,     // x4: ymm, 4 lanes; x8: two x4 calls
  kAvx512,   // x4: ymm with AVX-512VL; x8: zmm, 8 lanes (needs avx512f + avx512vl)
};

// Whether `impl` can run on this CPU (kAuto and kPortable always can).
bool keccakImplAvailable(KeccakImpl impl);
// What kAuto resolves to on this CPU.
KeccakImpl keccakBestImpl();
const char* keccakImplName(KeccakImpl impl);

// out[i] = keccak256Pair(*left[i], *right[i]) for i < 4. All inputs are read
// before any output is written, so outputs may alias inputs.
void keccak256PairX4(const Hash* const left[4], const Hash* const right[4], Hash* const out[4],
                     KeccakImpl impl = KeccakImpl::kAuto);
// The same for 8 pairs.
void keccak256PairX8(const Hash* const left[8], const Hash* const right[8], Hash* const out[8],
                     KeccakImpl impl = KeccakImpl::kAuto);

// out[i] = keccak256 of messages[64 i, 64 i + 64) for i < count: one Merkle
// level (left child || right child). The pairs are hashed in order, in groups
// whose inputs are all read before their outputs are written, so `out` may be
// the message buffer itself (out == reinterpret_cast<Hash*>(messages)) to
// reduce a level in place; otherwise the two must not overlap.
void keccak256Pairs(const uint8_t* messages, size_t count, Hash* out,
                    KeccakImpl impl = KeccakImpl::kAuto);

} // namespace vcc::vm
