// Integer math and bit tricks: 128-bit multiply/divide through libgcc
// (__multi3, __udivti3, __umodti3, __divti3, __modti3), bit-count builtins,
// modular exponentiation, gcd, integer square roots, CRC-32, a PRNG.
#include <stdint.h>
#include <stdio.h>

typedef unsigned __int128 u128;
typedef __int128 i128;

static void print_u128(const char* label, u128 v) {
  char buf[48];
  int n = 0;
  do {
    buf[n++] = (char)('0' + (int)(v % 10));
    v /= 10;
  } while (v != 0);
  printf("%s", label);
  while (n > 0) putchar(buf[--n]);
  putchar('\n');
}

static void print_i128(const char* label, i128 v) {
  if (v < 0) {
    printf("%s-", label);
    print_u128("", (u128)0 - (u128)v);
  } else {
    print_u128(label, (u128)v);
  }
}

static uint64_t xorshift_state = 0x9E3779B97F4A7C15ull;
static uint64_t next_random(void) {
  uint64_t x = xorshift_state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return xorshift_state = x;
}

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) { return (uint64_t)((u128)a * b % m); }

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
  uint64_t r = 1 % m;
  b %= m;
  while (e) {
    if (e & 1) r = mulmod(r, b, m);
    b = mulmod(b, b, m);
    e >>= 1;
  }
  return r;
}

// Deterministic Miller-Rabin for 64-bit integers.
static int is_prime(uint64_t n) {
  if (n < 2) return 0;
  static const uint64_t small[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  for (unsigned i = 0; i < sizeof small / sizeof small[0]; i++) {
    if (n % small[i] == 0) return n == small[i];
  }
  uint64_t d = n - 1;
  int s = 0;
  while ((d & 1) == 0) {
    d >>= 1;
    s++;
  }
  for (unsigned i = 0; i < sizeof small / sizeof small[0]; i++) {
    uint64_t x = powmod(small[i], d, n);
    if (x == 1 || x == n - 1) continue;
    int composite = 1;
    for (int r = 1; r < s; r++) {
      x = mulmod(x, x, n);
      if (x == n - 1) {
        composite = 0;
        break;
      }
    }
    if (composite) return 0;
  }
  return 1;
}

static uint64_t gcd(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

static uint64_t isqrt(uint64_t n) {
  uint64_t root = 0, bit = 1ull << 62;
  while (bit > n) bit >>= 2;
  while (bit != 0) {
    if (n >= root + bit) {
      n -= root + bit;
      root = (root >> 1) + bit;
    } else {
      root >>= 1;
    }
    bit >>= 2;
  }
  return root;
}

static uint32_t crc32(const uint8_t* p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
  }
  return ~c;
}

static uint64_t reverse_bits(uint64_t v) {
  v = ((v >> 1) & 0x5555555555555555ull) | ((v & 0x5555555555555555ull) << 1);
  v = ((v >> 2) & 0x3333333333333333ull) | ((v & 0x3333333333333333ull) << 2);
  v = ((v >> 4) & 0x0F0F0F0F0F0F0F0Full) | ((v & 0x0F0F0F0F0F0F0F0Full) << 4);
  v = ((v >> 8) & 0x00FF00FF00FF00FFull) | ((v & 0x00FF00FF00FF00FFull) << 8);
  v = ((v >> 16) & 0x0000FFFF0000FFFFull) | ((v & 0x0000FFFF0000FFFFull) << 16);
  return (v >> 32) | (v << 32);
}

// Keep the compiler from folding the edge-case arithmetic at build time.
static volatile int64_t vol_i64[] = {INT64_MIN, -1, 0, 1, INT64_MAX, -7, 7, 3};
static volatile int32_t vol_i32[] = {INT32_MIN, -1, 0, 1, INT32_MAX, -7, 7, 3};

int main(void) {
  // 128-bit arithmetic
  u128 f = 1;
  for (int i = 1; i <= 34; i++) f *= (u128)i;
  print_u128("34! = ", f);
  u128 q = f / 0xFFFFFFFFFFFFFFC5ull;  // a large prime divisor
  u128 r = f % 0xFFFFFFFFFFFFFFC5ull;
  print_u128("34! / p = ", q);
  print_u128("34! % p = ", r);
  i128 s = -(i128)f / 1000000007;
  print_i128("-34! / 1e9+7 = ", s);
  print_i128("-34! % 1e9+7 = ", -(i128)f % 1000000007);
  u128 big = ((u128)0x0123456789ABCDEFull << 64) | 0xFEDCBA9876543210ull;
  print_u128("big / (2^64+1) = ", big / (((u128)1 << 64) + 1));
  print_u128("big % 12345678901234567 = ", big % 12345678901234567ull);
  print_u128("big * big (low) = ", big * big);

  // mulh-style products and 64-bit edge cases (no UB: INT64_MIN / -1 avoided)
  for (int i = 0; i < 8; i++) {
    for (int j = 0; j < 8; j++) {
      int64_t a = vol_i64[i], b = vol_i64[j];
      i128 p = (i128)a * b;
      u128 up = (u128)(uint64_t)a * (uint64_t)b;
      uint64_t hs = (uint64_t)(p >> 64), hu = (uint64_t)(up >> 64);
      int64_t qd = 0, rd = 0;
      uint64_t qu = 0, ru = 0;
      if (b != 0 && !(a == INT64_MIN && b == -1)) {
        qd = a / b;
        rd = a % b;
      }
      if (b != 0) {
        qu = (uint64_t)a / (uint64_t)b;
        ru = (uint64_t)a % (uint64_t)b;
      }
      printf("%d%d %016llx %016llx %lld %lld %llu %llu\n", i, j, (unsigned long long)hs,
             (unsigned long long)hu, (long long)qd, (long long)rd, (unsigned long long)qu,
             (unsigned long long)ru);
      int32_t a32 = vol_i32[i], b32 = vol_i32[j];
      if (b32 != 0 && !(a32 == INT32_MIN && b32 == -1))
        printf("   w %d %d %u %u\n", a32 / b32, a32 % b32, (uint32_t)a32 / (uint32_t)b32,
               (uint32_t)a32 % (uint32_t)b32);
    }
  }

  // bit tricks
  uint64_t acc = 0;
  for (int i = 0; i < 2000; i++) {
    uint64_t v = next_random();
    if (i % 7 == 0) v >>= (i % 64);
    acc += (uint64_t)__builtin_popcountll(v);
    acc = acc * 31 + (v ? (uint64_t)__builtin_clzll(v) : 64);
    acc = acc * 31 + (v ? (uint64_t)__builtin_ctzll(v) : 64);
    acc ^= reverse_bits(v) + __builtin_bswap64(v);
    acc += (uint64_t)__builtin_parityll(v);
  }
  printf("bits acc = %016llx\n", (unsigned long long)acc);

  // number theory
  unsigned primes = 0;
  uint64_t last_prime = 0;
  for (uint64_t n = 0xFFFFFFFFFFFFF000ull; n != 0; n++) {
    if (is_prime(n)) {
      primes++;
      last_prime = n;
    }
  }
  printf("primes in [2^64-4096, 2^64) = %u, largest = %llu\n", primes, (unsigned long long)last_prime);
  printf("powmod(3, 10^18, 2^61-1) = %llu\n",
         (unsigned long long)powmod(3, 1000000000000000000ull, 0x1FFFFFFFFFFFFFFFull));
  uint64_t g = 0;
  for (int i = 0; i < 500; i++) g += gcd(next_random() >> (i % 40), next_random() >> (i % 50));
  printf("gcd sum = %llu\n", (unsigned long long)g);
  uint64_t sq = 0;
  for (int i = 0; i < 500; i++) sq ^= isqrt(next_random()) * (uint64_t)(i + 1);
  printf("isqrt(2^64-1) = %llu, mix = %llu\n", (unsigned long long)isqrt(UINT64_MAX), (unsigned long long)sq);

  static uint8_t block[4096];
  for (size_t i = 0; i < sizeof block; i++) block[i] = (uint8_t)(next_random() >> 56);
  printf("crc32(\"123456789\") = %08x\n", crc32((const uint8_t*)"123456789", 9));
  printf("crc32(block) = %08x\n", crc32(block, sizeof block));
  return 0;
}
