// The data oracle (SPEC §3.4): large read-only data (model weights, data
// sets) named by its data root (docs/data-roots.md). In the VM the reads are
// system calls that move at most one 32-byte chunk each (docs/vm.md);
// natively they read the content-addressed store directory given to the
// program (--store DIR). Both targets serve a blob only if its data root is
// its name.
//
// Whether the host has a blob is not deterministic, so the program never
// sees it: a call naming a blob the host lacks stops the run without a
// response ("missing data": the VM's StopReason::MissingData, natively exit
// code kMissingDataExitCode), and no program can branch on it.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "vcc/config.hpp"
#include "vcc/types.hpp"

namespace vcc::oracle {

using Key = std::array<uint8_t, 32>;

// The key of the blob a request names by its data root, the usual way a
// service is told which data to read (a bytes32 argument).
inline Key keyOf(const bytes32& root) {
  Key key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = root.data[i];
  return key;
}

// The size of the blob named `key`.
uint64_t size(const Key& key);
// Copies up to out.size() bytes of the blob from `offset` into out and
// returns the count: less than out.size() only at the blob's end, 0 from an
// offset at or past it.
uint64_t read(const Key& key, uint64_t offset, std::span<uint8_t> out);

#if !VCC_TARGET_GUEST
// Native only: the store directory (files named by lowercase hex data root).
void setStoreDirectory(const char* path);
// The native binary's exit code when the store lacks a blob (docs/cli.md).
inline constexpr int kMissingDataExitCode = 104;
#endif

#if VCC_TARGET_GUEST
namespace detail {
inline constexpr long kOracleSize = 0x10000;
inline constexpr long kOracleRead = 0x10001;

inline long oracleCall(long number, const Key& key, uint64_t offset, void* buffer) {
  uint64_t words[4] = {};
  for (unsigned w = 0; w < 4; ++w)
    for (unsigned b = 0; b < 8; ++b) words[w] |= uint64_t{key[8 * w + b]} << (8 * b);
  register long a0 asm("a0") = static_cast<long>(words[0]);
  register long a1 asm("a1") = static_cast<long>(words[1]);
  register long a2 asm("a2") = static_cast<long>(words[2]);
  register long a3 asm("a3") = static_cast<long>(words[3]);
  register long a4 asm("a4") = static_cast<long>(offset);
  register long a5 asm("a5") = reinterpret_cast<long>(buffer);
  register long a7 asm("a7") = number;
  asm volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7) : "memory");
  return a0;
}
}  // namespace detail

inline uint64_t size(const Key& key) {
  return static_cast<uint64_t>(detail::oracleCall(detail::kOracleSize, key, 0, nullptr));
}

inline uint64_t read(const Key& key, uint64_t offset, std::span<uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    // The VM copies up to the end of the destination's 32-byte leaf or of
    // the blob's 32-byte chunk, whichever comes first.
    uint8_t* destination = out.data() + done;
    size_t room = 32 - (reinterpret_cast<uintptr_t>(destination) & 31);
    alignas(32) uint8_t leaf[32];
    bool direct = room <= out.size() - done;
    long got = detail::oracleCall(detail::kOracleRead, key, offset + done, direct ? destination : leaf);
    if (got <= 0) break;  // the end of the blob (a fault cannot happen: `out` is ours)
    size_t take = static_cast<size_t>(got);
    if (!direct) {
      take = take < out.size() - done ? take : out.size() - done;
      for (size_t i = 0; i < take; ++i) destination[i] = leaf[i];
    }
    done += take;
  }
  return done;
}
#endif

}  // namespace vcc::oracle
