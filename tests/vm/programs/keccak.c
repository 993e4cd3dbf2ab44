// Keccak-f[1600] sponge: keccak256 (Ethereum padding 0x01) and SHA3-256
// (padding 0x06) of the request and of a few fixed messages, including
// one of 1 MB. Heavy on 64-bit rotates, XORs and loads/stores.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "guest_io.h"

static const uint64_t round_constants[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull};
static const int rotations[25] = {0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43,
                                  25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14};

static uint64_t rol(uint64_t v, int s) { return s ? (v << s) | (v >> (64 - s)) : v; }

static void keccak_f(uint64_t a[25]) {
  for (int round = 0; round < 24; round++) {
    uint64_t c[5], b[25];
    for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; x++) {
      uint64_t d = c[(x + 4) % 5] ^ rol(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[y + x] ^= d;
    }
    for (int x = 0; x < 5; x++)
      for (int y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rol(a[x + 5 * y], rotations[x + 5 * y]);
    for (int x = 0; x < 5; x++)
      for (int y = 0; y < 25; y += 5) a[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
    a[0] ^= round_constants[round];
  }
}

static void sponge256(const unsigned char* msg, size_t n, unsigned char pad, unsigned char out[32]) {
  uint64_t st[25];
  memset(st, 0, sizeof st);
  const size_t rate = 136;
  unsigned char block[136];
  for (;;) {
    size_t take = n < rate ? n : rate;
    memset(block, 0, rate);
    memcpy(block, msg, take);
    if (take < rate) {
      block[take] ^= pad;
      block[rate - 1] ^= 0x80;
    }
    for (size_t i = 0; i < rate / 8; i++) {
      uint64_t w = 0;
      for (int k = 7; k >= 0; k--) w = (w << 8) | block[8 * i + (size_t)k];
      st[i] ^= w;
    }
    keccak_f(st);
    if (take < rate) break;
    msg += take;
    n -= take;
  }
  for (int i = 0; i < 32; i++) out[i] = (unsigned char)(st[i / 8] >> (8 * (i % 8)));
}

static void show(const char* label, const unsigned char* msg, size_t n) {
  unsigned char h[32];
  printf("%s\n  keccak256 ", label);
  sponge256(msg, n, 0x01, h);
  for (int i = 0; i < 32; i++) printf("%02x", h[i]);
  printf("\n  sha3-256  ");
  sponge256(msg, n, 0x06, h);
  for (int i = 0; i < 32; i++) printf("%02x", h[i]);
  printf("\n");
}

static unsigned char input[64 * 1024];
static unsigned char big[1000000];

int main(void) {
  size_t n = vcc_read_input(input, sizeof input);
  show("request", input, n);
  show("empty", (const unsigned char*)"", 0);
  show("abc", (const unsigned char*)"abc", 3);
  static const char rate_edge[] =
      "0123456789012345678901234567890123456789012345678901234567890123456789"
      "01234567890123456789012345678901234567890123456789012345678901234"; /* 135 bytes */
  show("135 bytes", (const unsigned char*)rate_edge, 135);
  show("136 bytes", (const unsigned char*)"x" "0123456789012345678901234567890123456789012345678901234567890123456789"
                     "01234567890123456789012345678901234567890123456789012345678901234", 136);
  memset(big, 'a', sizeof big);
  show("1e6 x 'a'", big, sizeof big);
  return 0;
}
