// Small helpers shared by the VM benchmark guests (bench/vm/*.c).
#pragma once
#include <stdint.h>

// splitmix64: the pseudo-random source of every benchmark input, so the
// inputs are fixed by the seed and identical in the VM and in qemu.
static inline uint64_t bench_splitmix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Order-dependent 64-bit checksum accumulator.
static inline uint64_t bench_mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdull;
}

// Prints "<name> <key> 0x<16 hex digits>\n" to the response (fd 1).
void bench_report(const char* name, const char* key, uint64_t value);
