/* Correctly rounded fused multiply-add in software.
 *
 * picolibc's fma and fmaf for soft-float RISC-V compute x*y+z with two
 * roundings, which differs from the native target's fused result (SPEC §4
 * allows explicit fma as an exact operation). These compute x*y exactly
 * as an integer, add z exactly (with a sticky bit below 70+ guard bits),
 * and round once, to nearest even. They are plain C, so the tests also
 * build them on the host and compare them with the host's fma.
 *
 * fma.c defines the public fma and fmaf on top of these. */
#include <stdint.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128; /* GCC and clang */

/* An IEEE binary format: significand bits (with the implicit one), and
 * the exponent of the least significant bit of the smallest subnormal. */
struct format {
  int mantissa_bits;    /* 53 or 24 */
  int exponent_bits;    /* 11 or 8 */
  int min_exponent;     /* -1074 or -149 */
};

static const struct format kDouble = {53, 11, -1074};
static const struct format kFloat = {24, 8, -149};

/* A finite nonzero value as sign * mantissa * 2^exponent. */
struct unpacked {
  int sign;
  uint64_t mantissa;
  int exponent;
};

static struct unpacked unpack(uint64_t bits, const struct format* f) {
  const int fraction_bits = f->mantissa_bits - 1;
  const uint64_t fraction_mask = (UINT64_C(1) << fraction_bits) - 1;
  const int biased = (int)((bits >> fraction_bits) & ((UINT64_C(1) << f->exponent_bits) - 1));
  struct unpacked u;
  u.sign = (int)(bits >> (fraction_bits + f->exponent_bits)) & 1;
  u.mantissa = bits & fraction_mask;
  if (biased == 0) {
    u.exponent = f->min_exponent; /* subnormal */
  } else {
    u.mantissa |= UINT64_C(1) << fraction_bits;
    u.exponent = f->min_exponent - 1 + biased;
  }
  return u;
}

static int top_bit(u128 value) { /* value != 0 */
  uint64_t high = (uint64_t)(value >> 64);
  return high ? 127 - __builtin_clzll(high) : 63 - __builtin_clzll((uint64_t)value);
}

/* Rounds sign * value * 2^exponent (value != 0, sticky in bit 0 when the
 * caller dropped bits below it) to the format, to nearest even. */
static uint64_t round_pack(int sign, u128 value, int exponent, const struct format* f) {
  const int fraction_bits = f->mantissa_bits - 1;
  const uint64_t sign_bit = (uint64_t)sign << (fraction_bits + f->exponent_bits);
  /* Bits to drop so that the mantissa has mantissa_bits bits, but never
   * below the smallest subnormal's exponent. */
  int drop = top_bit(value) - fraction_bits;
  if (exponent + drop < f->min_exponent) drop = f->min_exponent - exponent;
  uint64_t mantissa;
  if (drop <= 0) {
    mantissa = (uint64_t)(value << -drop); /* exact */
  } else if (drop >= 128) {
    /* Far below the smallest subnormal: 0, or its ulp when above half of it. */
    mantissa = drop == 128 && value > ((u128)1 << 127);
  } else {
    u128 kept = value >> drop;
    u128 rest = value & (((u128)1 << drop) - 1);
    u128 half = (u128)1 << (drop - 1);
    mantissa = (uint64_t)kept;
    if (rest > half || (rest == half && (mantissa & 1))) ++mantissa;
  }
  exponent += drop;
  if (mantissa >> f->mantissa_bits) { /* rounding carried into a new bit */
    mantissa >>= 1;
    ++exponent;
  }
  const int max_exponent = (1 << f->exponent_bits) - 2 + f->min_exponent - 1; /* of the lsb */
  if (exponent > max_exponent) /* overflow: infinity */
    return sign_bit | (((UINT64_C(1) << f->exponent_bits) - 1) << fraction_bits);
  if (mantissa < (UINT64_C(1) << fraction_bits)) return sign_bit | mantissa; /* subnormal or 0 */
  const uint64_t biased = (uint64_t)(exponent - f->min_exponent + 1);
  return sign_bit | (biased << fraction_bits) | (mantissa & ((UINT64_C(1) << fraction_bits) - 1));
}

/* Shifts right, keeping a sticky bit for anything shifted out. */
static u128 shift_right_sticky(u128 value, int amount) {
  if (amount <= 0) return value;
  if (amount >= 128) return value != 0;
  return (value >> amount) | ((value & (((u128)1 << amount) - 1)) != 0);
}

/* fma for finite x, y, z with x*y != 0 and z != 0, on bit patterns. */
static uint64_t fused(uint64_t xb, uint64_t yb, uint64_t zb, const struct format* f) {
  struct unpacked x = unpack(xb, f), y = unpack(yb, f), z = unpack(zb, f);
  /* Both terms normalized with their top bit at bit 125: two spare bits
   * for the carry of the addition, and at least 20 zero bits at the bottom
   * (the product has at most 106 bits), so shifts by 0 or 1 are exact and
   * larger shifts cannot cancel more than one leading bit. */
  u128 product = (u128)x.mantissa * y.mantissa;
  int product_exponent = x.exponent + y.exponent;
  int shift = 125 - top_bit(product);
  product <<= shift;
  product_exponent -= shift;
  u128 addend = z.mantissa;
  int addend_exponent = z.exponent;
  shift = 125 - top_bit(addend);
  addend <<= shift;
  addend_exponent -= shift;

  int exponent;
  if (product_exponent >= addend_exponent) {
    addend = shift_right_sticky(addend, product_exponent - addend_exponent);
    exponent = product_exponent;
  } else {
    product = shift_right_sticky(product, addend_exponent - product_exponent);
    exponent = addend_exponent;
  }

  int product_sign = x.sign ^ y.sign;
  u128 sum;
  int sign;
  if (product_sign == z.sign) {
    sum = product + addend;
    sign = product_sign;
  } else if (product >= addend) {
    sum = product - addend;
    sign = product_sign;
  } else {
    sum = addend - product;
    sign = z.sign;
  }
  if (sum == 0) return 0; /* exact cancellation: +0 when rounding to nearest */
  return round_pack(sign, sum, exponent, f);
}

static int is_finite_bits(uint64_t bits, const struct format* f) {
  const int fraction_bits = f->mantissa_bits - 1;
  const uint64_t exponent_mask = (UINT64_C(1) << f->exponent_bits) - 1;
  return ((bits >> fraction_bits) & exponent_mask) != exponent_mask;
}

static int is_zero_bits(uint64_t bits, const struct format* f) {
  return (bits & ((UINT64_C(1) << (f->mantissa_bits - 1 + f->exponent_bits)) - 1)) == 0;
}

double __vcc_soft_fma(double x, double y, double z) {
  uint64_t xb, yb, zb;
  memcpy(&xb, &x, sizeof xb);
  memcpy(&yb, &y, sizeof yb);
  memcpy(&zb, &z, sizeof zb);
  const struct format* f = &kDouble;
  /* NaN, infinity or a zero factor: one IEEE operation gets it right. */
  if (!is_finite_bits(xb, f) || !is_finite_bits(yb, f) || is_zero_bits(xb, f) || is_zero_bits(yb, f))
    return x * y + z;
  if (!is_finite_bits(zb, f)) return z + z; /* finite product: z's infinity or (quiet) NaN */
  if (is_zero_bits(zb, f)) return x * y; /* one rounding; keeps the product's sign */
  uint64_t rb = fused(xb, yb, zb, f);
  double r;
  memcpy(&r, &rb, sizeof r);
  return r;
}

float __vcc_soft_fmaf(float x, float y, float z) {
  uint32_t xw, yw, zw;
  memcpy(&xw, &x, sizeof xw);
  memcpy(&yw, &y, sizeof yw);
  memcpy(&zw, &z, sizeof zw);
  const struct format* f = &kFloat;
  if (!is_finite_bits(xw, f) || !is_finite_bits(yw, f) || is_zero_bits(xw, f) || is_zero_bits(yw, f))
    return x * y + z;
  if (!is_finite_bits(zw, f)) return z + z;
  if (is_zero_bits(zw, f)) return x * y;
  uint32_t rw = (uint32_t)fused(xw, yw, zw, f);
  float r;
  memcpy(&r, &rw, sizeof r);
  return r;
}
