// VM benchmark: Keccak-f[1600] and the keccak256 sponge.
//
// A plain implementation written from the Keccak reference (FIPS 202 §3.2
// step mappings theta, rho, pi, chi, iota on a 5x5 array of 64-bit lanes;
// the sponge with rate 1088 bits as used by keccak256, i.e. the original
// Keccak multi-rate padding 0x01 ... 0x80). RV64IM has no rotate or
// and-not, so this is dominated by shifts, xors and lane loads/stores.
//
// Work: hashes a MESSAGE_BYTES buffer of pseudo-random bytes ROUNDS times;
// each round first overwrites the buffer's first 32 bytes with the previous
// digest, so the rounds form a chain. Total ~ROUNDS * MESSAGE_BYTES / 136
// permutations. Self-tests known answers first.
#include <stddef.h>
#include <stdint.h>

#include "bench_util.h"

#ifndef KECCAK_MESSAGE_BYTES
#define KECCAK_MESSAGE_BYTES (1u << 20)
#endif
#ifndef KECCAK_ROUNDS
#define KECCAK_ROUNDS 8
#endif

enum { RATE_BYTES = 136, RATE_LANES = RATE_BYTES / 8 };

// Round constants RC[i] for iota (FIPS 202 Algorithm 5/6, rc(t) LFSR).
static const uint64_t round_constants[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull,
    0x8000000080008000ull, 0x000000000000808bull, 0x0000000080000001ull,
    0x8000000080008081ull, 0x8000000000008009ull, 0x000000000000008aull,
    0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull,
    0x8000000000008003ull, 0x8000000000008002ull, 0x8000000000000080ull,
    0x000000000000800aull, 0x800000008000000aull, 0x8000000080008081ull,
    0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull,
};

// Lane (x, y) is a[x + 5 * y]. rho offsets, indexed the same way.
static const unsigned rho_offsets[25] = {
    0,  1,  62, 28, 27,  //
    36, 44, 6,  55, 20,  //
    3,  10, 43, 25, 39,  //
    41, 45, 15, 21, 8,   //
    18, 2,  61, 56, 14,
};

// The rounds' generator checks the tables above against the spec's
// definitions once at start-up (cheap; catches a typo).
static int tables_match_spec(void) {
  // rc(t): LFSR x^8 + x^6 + x^5 + x^4 + 1 over GF(2).
  uint8_t r = 1;
  for (int round = 0; round < 24; round++) {
    uint64_t rc = 0;
    for (int j = 0; j <= 6; j++) {
      // bit at position 2^j - 1 is rc(j + 7 * round)
      if (r & 1) rc |= 1ull << ((1u << j) - 1);
      r = (uint8_t)((r << 1) ^ ((r & 0x80) ? 0x71 : 0));
    }
    if (rc != round_constants[round]) return 0;
  }
  // rho: (x, y) starts at (1, 0); offset (t+1)(t+2)/2 mod 64; then
  // (x, y) <- (y, (2x + 3y) mod 5).
  if (rho_offsets[0] != 0) return 0;
  unsigned x = 1, y = 0;
  for (unsigned t = 0; t < 24; t++) {
    if (rho_offsets[x + 5 * y] != ((t + 1) * (t + 2) / 2) % 64) return 0;
    unsigned nx = y, ny = (2 * x + 3 * y) % 5;
    x = nx;
    y = ny;
  }
  return 1;
}

static inline uint64_t rotl64(uint64_t v, unsigned n) {
  return n == 0 ? v : (v << n) | (v >> (64 - n));
}

static void keccak_f1600(uint64_t a[25]) {
  uint64_t b[25];
  for (int round = 0; round < 24; round++) {
    // theta
    uint64_t c[5], d[5];
    for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; x++) d[x] = c[(x + 4) % 5] ^ rotl64(c[(x + 1) % 5], 1);
    for (int i = 0; i < 25; i++) a[i] ^= d[i % 5];
    // rho and pi: B[y, 2x + 3y] = rot(A[x, y], r[x, y])
    for (int y = 0; y < 5; y++)
      for (int x = 0; x < 5; x++)
        b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl64(a[x + 5 * y], rho_offsets[x + 5 * y]);
    // chi
    for (int y = 0; y < 5; y++)
      for (int x = 0; x < 5; x++)
        a[x + 5 * y] = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
    // iota
    a[0] ^= round_constants[round];
  }
}

static uint64_t load_le64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
  return v;
}

// keccak256 (pad = 0x01) or SHA3-256 (pad = 0x06) of data[0, n).
// Full blocks are absorbed lane-wise when data is 8-byte aligned (the
// benchmark's buffer is); the VM traps on misaligned loads.
static void sponge256(const uint8_t* data, size_t n, uint8_t pad, uint8_t out[32]) {
  uint64_t a[25] = {0};
  int aligned = ((uintptr_t)data & 7) == 0;
  while (n >= RATE_BYTES) {
    if (aligned) {
      const uint64_t* lanes = (const uint64_t*)(const void*)data;
      for (int i = 0; i < RATE_LANES; i++) a[i] ^= lanes[i];
    } else {
      for (int i = 0; i < RATE_LANES; i++) a[i] ^= load_le64(data + 8 * i);
    }
    keccak_f1600(a);
    data += RATE_BYTES;
    n -= RATE_BYTES;
  }
  uint8_t last[RATE_BYTES] = {0};
  for (size_t i = 0; i < n; i++) last[i] = data[i];
  last[n] ^= pad;
  last[RATE_BYTES - 1] ^= 0x80;
  for (int i = 0; i < RATE_LANES; i++) a[i] ^= load_le64(last + 8 * i);
  keccak_f1600(a);
  for (int i = 0; i < 32; i++) out[i] = (uint8_t)(a[i / 8] >> (8 * (i % 8)));
}

static int digest_equals(const uint8_t d[32], const char* hex) {
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < 32; i++)
    if (hex[2 * i] != digits[d[i] >> 4] || hex[2 * i + 1] != digits[d[i] & 15]) return 0;
  return 1;
}

static uint64_t message[KECCAK_MESSAGE_BYTES / 8];

int main(void) {
  int ok = tables_match_spec();
  uint8_t d[32];
  sponge256((const uint8_t*)"", 0, 0x01, d);
  ok &= digest_equals(d, "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  sponge256((const uint8_t*)"abc", 3, 0x01, d);
  ok &= digest_equals(d, "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  sponge256((const uint8_t*)"abc", 3, 0x06, d);
  ok &= digest_equals(d, "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
  // Multi-block message through the aligned lane path (SHA3-256 known answer).
  static uint64_t long_msg[300 / 8 + 1];
  for (int i = 0; i < 300; i++) ((uint8_t*)long_msg)[i] = (uint8_t)(i * 7 + 3);
  sponge256((const uint8_t*)long_msg, 300, 0x06, d);
  ok &= digest_equals(d, "064af3405aacb53d5d77ee858fec1e6e225480de3f14f06444e2b33d92d61879");
  bench_report("keccak", "selftest", (uint64_t)ok);

  uint64_t seed = 0x6b656363616b0001ull;
  for (size_t i = 0; i < KECCAK_MESSAGE_BYTES / 8; i++) message[i] = bench_splitmix64(&seed);

  uint8_t* bytes = (uint8_t*)message;
  uint64_t h = 0;
  for (int r = 0; r < KECCAK_ROUNDS; r++) {
    sponge256(bytes, KECCAK_MESSAGE_BYTES - (size_t)r, 0x01, d);  // odd tails too
    for (int i = 0; i < 32; i++) bytes[i] = d[i];
    h = bench_mix(h, load_le64(d));
  }
  bench_report("keccak", "checksum", h);
  bench_report("keccak", "digest0", load_le64(d));
  return ok ? 0 : 1;
}
