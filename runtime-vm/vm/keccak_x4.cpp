// Multi-buffer keccak256Pair (see keccak_x4.hpp).
//
// One SIMD lane per message: vector i of the state holds lane i of every
// message's Keccak state, so keccak-f[1600] runs on all messages at once with
// the same θ, ρ, π, χ, ι as keccak.cpp. The permutation is written once with
// GCC/Clang vector extensions (plain ^ & ~ << >> on vectors of uint64_t) and
// inlined into small entry points compiled with target("avx2") or
// target("avx512f,avx512vl"); the backend turns the shift pairs into vprolq
// and the logic chains into vpternlogq where AVX-512 has them. Nothing here
// needs -mavx2: the entry point is picked at run time with
// __builtin_cpu_supports.
#include "keccak_x4.hpp"

#include "keccak_tables.hpp"

#include <cstring>
#include <utility>

// -DVCC_KECCAK_NO_SIMD builds only the portable path (to test it on x86).
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__)) && !defined(VCC_KECCAK_NO_SIMD)
#define VCC_KECCAK_X86 1
#else
#define VCC_KECCAK_X86 0
#endif

namespace vcc::vm {
namespace {

using PairFn = void (*)(const uint8_t* const* left, const uint8_t* const* right,
                        uint8_t* const* out);

struct CpuFeatures {
  bool avx2;
  bool avx512; // avx512f and avx512vl
};

// keccak256Pair on `n` messages; every result is computed before any is
// stored, so outputs may alias inputs.
template <size_t N>
void pairsPortable(const uint8_t* const* left, const uint8_t* const* right, uint8_t* const* out) {
  Hash results[N];
  for (size_t i = 0; i < N; ++i) {
    Hash l, r;
    std::memcpy(l.data(), left[i], 32);
    std::memcpy(r.data(), right[i], 32);
    results[i] = keccak256Pair(l, r);
  }
  for (size_t i = 0; i < N; ++i)
    std::memcpy(out[i], results[i].data(), 32);
}

#if VCC_KECCAK_X86

using namespace keccak_tables;

// Vectors of 4 and 8 lanes. The generic code below never passes one by value
// to a function that is not inlined (the vector ABI depends on the target
// features), and everything it does is always inlined into a target entry.
typedef uint64_t U64x4 __attribute__((vector_size(32)));
typedef uint64_t U64x8 __attribute__((vector_size(64)));

// The loops over lanes must unroll completely (constant rotation counts,
// the state in registers); the loop over rounds must not (code size).
#if defined(__clang__)
#define VCC_UNROLL _Pragma("clang loop unroll(full)")
#define VCC_NO_UNROLL _Pragma("clang loop unroll(disable)")
#else
#define VCC_UNROLL _Pragma("GCC unroll 25")
#define VCC_NO_UNROLL _Pragma("GCC unroll 1")
#endif
#define VCC_ROTL(x, n) (((x) << (n)) | ((x) >> (64 - (n))))

// Rotates each 64-bit element left by a whole number of bytes with one byte
// shuffle (vpshufb), instead of two shifts and an or.
template <unsigned kBytes, class V, size_t... I>
[[gnu::always_inline]] inline void rotateBytes(V& x, std::index_sequence<I...>) {
  typedef uint8_t Bytes __attribute__((vector_size(sizeof(V))));
  Bytes bytes = reinterpret_cast<Bytes>(x);
  x = reinterpret_cast<V>(
      __builtin_shufflevector(bytes, bytes, (I & ~size_t{7}) | ((I - kBytes) & 7)...));
}

template <bool kTernary, class V>
[[gnu::always_inline]] inline void keccakRound(V* a, uint64_t roundConstant) {
  V c[5], d[5];
  VCC_UNROLL
  for (int x = 0; x < 5; ++x)
    c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
  if constexpr (kTernary) {
    // a ^ c[x - 1] ^ rot(c[x + 1], 1) is one three-input instruction.
    VCC_UNROLL
    for (int x = 0; x < 5; ++x)
      d[x] = VCC_ROTL(c[(x + 1) % 5], 1);
    VCC_UNROLL
    for (int i = 0; i < 25; ++i)
      a[i] = (a[i] ^ c[(i + 4) % 5]) ^ d[i % 5];
  } else {
    VCC_UNROLL
    for (int x = 0; x < 5; ++x)
      d[x] = c[(x + 4) % 5] ^ VCC_ROTL(c[(x + 1) % 5], 1);
    VCC_UNROLL
    for (int i = 0; i < 25; ++i)
      a[i] ^= d[i % 5];
  }
  // ρ and π: b[y, 2x + 3y] = rot(a[x, y], r[x, y]).
  V b[25];
  b[0] = a[0];
  VCC_UNROLL
  for (int i = 0; i < 24; ++i) {
    if (kTernary || kRho[i] % 8 != 0) b[kPi[i]] = VCC_ROTL(a[kPiSource[i]], kRho[i]);
  }
  if constexpr (!kTernary) {
    // Without AVX-512's vprolq, the two rotations by whole bytes are cheaper
    // as byte shuffles (one instruction instead of three).
    static_assert(kRho[14] == 56 && kRho[15] == 8);
    constexpr auto bytes = std::make_index_sequence<sizeof(V)>();
    b[kPi[14]] = a[kPiSource[14]];
    rotateBytes<kRho[14] / 8>(b[kPi[14]], bytes);
    b[kPi[15]] = a[kPiSource[15]];
    rotateBytes<kRho[15] / 8>(b[kPi[15]], bytes);
  }
  // χ, row by row.
  VCC_UNROLL
  for (int y = 0; y < 25; y += 5) {
    VCC_UNROLL
    for (int x = 0; x < 5; ++x)
      a[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
  }
  a[0] ^= roundConstant;
}

// keccak256 of one 64-byte block per lane: `lanes` holds state lanes 0..7
// (the message), and on return lanes 0..3 (the hash).
template <bool kTernary, class V> [[gnu::always_inline]] inline void keccakBlock(V* lanes) {
  V a[25];
  for (int i = 0; i < 8; ++i)
    a[i] = lanes[i];
  for (int i = 8; i < 25; ++i)
    a[i] = V{};
  a[8] ^= uint64_t{0x01};        // padding byte 64
  a[16] ^= uint64_t{0x80} << 56; // padding byte 135
  // A loop over the first 23 rounds keeps the code small; the last round
  // stays outside it so that the work for lanes 4..24, which nobody reads,
  // is dropped.
  VCC_NO_UNROLL
  for (int round = 0; round < 23; ++round)
    keccakRound<kTernary>(a, kRoundConstants[round]);
  keccakRound<kTernary>(a, kRoundConstants[23]);
  for (int i = 0; i < 4; ++i)
    lanes[i] = a[i];
}

// One stage of a transpose of 64-bit elements: rows x and y exchange the
// elements whose column has bit S set (x's) or clear (y's).
template <size_t S, class V, size_t... C>
[[gnu::always_inline]] inline void exchange(V& x, V& y, std::index_sequence<C...>) {
  constexpr size_t n = sizeof...(C);
  V low = __builtin_shufflevector(x, y, ((C & S) == 0 ? C : n + C - S)...);
  V high = __builtin_shufflevector(x, y, ((C & S) != 0 ? n + C : C + S)...);
  x = low;
  y = high;
}

// Transposes each 4x4 block of 64-bit elements of the 4 rows r[0..3]: with
// 4 lanes the rows themselves, with 8 lanes columns 0..3 and 4..7 apart.
template <class V> [[gnu::always_inline]] inline void transpose4(V* r) {
  constexpr auto columns = std::make_index_sequence<sizeof(V) / 8>();
  exchange<1>(r[0], r[1], columns);
  exchange<1>(r[2], r[3], columns);
  exchange<2>(r[0], r[2], columns);
  exchange<2>(r[1], r[3], columns);
}

[[gnu::always_inline]] inline void load(U64x4& v, const uint8_t* bytes) {
  std::memcpy(&v, bytes, 32);
}
[[gnu::always_inline]] inline void store(uint8_t* bytes, const U64x4& v) {
  std::memcpy(bytes, &v, 32);
}

// 4 messages: lanes 0..3 come from the left halves, 4..7 from the right.
template <bool kTernary>
[[gnu::always_inline]] inline void hash4(const uint8_t* const* left, const uint8_t* const* right,
                                         uint8_t* const* out) {
  U64x4 lanes[8];
  for (int k = 0; k < 4; ++k)
    load(lanes[k], left[k]);
  for (int k = 0; k < 4; ++k)
    load(lanes[4 + k], right[k]);
  transpose4(lanes);
  transpose4(lanes + 4);
  keccakBlock<kTernary>(lanes);
  transpose4(lanes);
  for (int k = 0; k < 4; ++k)
    store(out[k], lanes[k]);
}

// 8 messages: row k holds 4 lanes of message k in columns 0..3 and of message
// k + 4 in columns 4..7, so that 4x4 transposes make the lane vectors.
template <bool kTernary>
[[gnu::always_inline]] inline void hash8(const uint8_t* const* left, const uint8_t* const* right,
                                         uint8_t* const* out) {
  U64x8 lanes[8];
  for (int k = 0; k < 4; ++k) {
    U64x4 first, second;
    load(first, left[k]);
    load(second, left[k + 4]);
    lanes[k] = __builtin_shufflevector(first, second, 0, 1, 2, 3, 4, 5, 6, 7);
    load(first, right[k]);
    load(second, right[k + 4]);
    lanes[4 + k] = __builtin_shufflevector(first, second, 0, 1, 2, 3, 4, 5, 6, 7);
  }
  transpose4(lanes);
  transpose4(lanes + 4);
  keccakBlock<kTernary>(lanes);
  transpose4(lanes);
  for (int k = 0; k < 4; ++k) {
    store(out[k], __builtin_shufflevector(lanes[k], lanes[k], 0, 1, 2, 3));
    store(out[k + 4], __builtin_shufflevector(lanes[k], lanes[k], 4, 5, 6, 7));
  }
}

__attribute__((target("avx2"))) void pairs4Avx2(const uint8_t* const* left,
                                                const uint8_t* const* right, uint8_t* const* out) {
  hash4<false>(left, right, out);
}

__attribute__((target("avx2"))) void pairs8Avx2(const uint8_t* const* left,
                                                const uint8_t* const* right, uint8_t* const* out) {
  // All 8 messages are read before the first output is written.
  U64x4 copies[4][2];
  for (int k = 0; k < 4; ++k) {
    load(copies[k][0], left[4 + k]);
    load(copies[k][1], right[4 + k]);
  }
  hash4<false>(left, right, out);
  const uint8_t* l[4];
  const uint8_t* r[4];
  for (int k = 0; k < 4; ++k) {
    l[k] = reinterpret_cast<const uint8_t*>(&copies[k][0]);
    r[k] = reinterpret_cast<const uint8_t*>(&copies[k][1]);
  }
  hash4<false>(l, r, out + 4);
}

__attribute__((target("avx512f,avx512vl"))) void
pairs4Avx512(const uint8_t* const* left, const uint8_t* const* right, uint8_t* const* out) {
  hash4<true>(left, right, out);
}

__attribute__((target("avx512f,avx512vl"))) void
pairs8Avx512(const uint8_t* const* left, const uint8_t* const* right, uint8_t* const* out) {
  hash8<true>(left, right, out);
}

const CpuFeatures& cpuFeatures() {
  static const CpuFeatures features = [] {
    __builtin_cpu_init(); // in case this runs before the runtime's own initializer
    return CpuFeatures{__builtin_cpu_supports("avx2") != 0,
                       __builtin_cpu_supports("avx512f") != 0 &&
                           __builtin_cpu_supports("avx512vl") != 0};
  }();
  return features;
}

#else // !VCC_KECCAK_X86

const CpuFeatures& cpuFeatures() {
  static constexpr CpuFeatures kNone{false, false};
  return kNone;
}

#endif // VCC_KECCAK_X86

KeccakImpl resolve(KeccakImpl impl) {
  if (impl == KeccakImpl::kAuto) return keccakBestImpl();
  return keccakImplAvailable(impl) ? impl : KeccakImpl::kPortable;
}

PairFn pairs4(KeccakImpl impl) {
#if VCC_KECCAK_X86
  switch (impl) {
  case KeccakImpl::kAvx2: return pairs4Avx2;
  case KeccakImpl::kAvx512: return pairs4Avx512;
  default: break;
  }
#endif
  (void)impl;
  return pairsPortable<4>;
}

PairFn pairs8(KeccakImpl impl) {
#if VCC_KECCAK_X86
  switch (impl) {
  case KeccakImpl::kAvx2: return pairs8Avx2;
  case KeccakImpl::kAvx512: return pairs8Avx512;
  default: break;
  }
#endif
  (void)impl;
  return pairsPortable<8>;
}

} // namespace

bool keccakImplAvailable(KeccakImpl impl) {
  switch (impl) {
  case KeccakImpl::kAuto:
  case KeccakImpl::kPortable: return true;
  case KeccakImpl::kAvx2: return cpuFeatures().avx2;
  case KeccakImpl::kAvx512: return cpuFeatures().avx512;
  }
  return false;
}

KeccakImpl keccakBestImpl() {
  if (cpuFeatures().avx512) return KeccakImpl::kAvx512;
  if (cpuFeatures().avx2) return KeccakImpl::kAvx2;
  return KeccakImpl::kPortable;
}

const char* keccakImplName(KeccakImpl impl) {
  switch (impl) {
  case KeccakImpl::kAuto: return "auto";
  case KeccakImpl::kPortable: return "portable";
  case KeccakImpl::kAvx2: return "avx2";
  case KeccakImpl::kAvx512: return "avx512";
  }
  return "?";
}

void keccak256PairX4(const Hash* const left[4], const Hash* const right[4], Hash* const out[4],
                     KeccakImpl impl) {
  const uint8_t* l[4];
  const uint8_t* r[4];
  uint8_t* o[4];
  for (int k = 0; k < 4; ++k)
    l[k] = left[k]->data(), r[k] = right[k]->data(), o[k] = out[k]->data();
  pairs4(resolve(impl))(l, r, o);
}

void keccak256PairX8(const Hash* const left[8], const Hash* const right[8], Hash* const out[8],
                     KeccakImpl impl) {
  const uint8_t* l[8];
  const uint8_t* r[8];
  uint8_t* o[8];
  for (int k = 0; k < 8; ++k)
    l[k] = left[k]->data(), r[k] = right[k]->data(), o[k] = out[k]->data();
  pairs8(resolve(impl))(l, r, o);
}

void keccak256Pairs(const uint8_t* messages, size_t count, Hash* out, KeccakImpl impl) {
  impl = resolve(impl);
  // One call of `fn` (`width` lanes) on pairs [first, first + width), of
  // which those from `count` on do not exist: their lanes repeat the last
  // pair and their results go to scratch. A call reads only its own messages
  // before writing its own outputs, so in-place reduction works.
  auto call = [&](PairFn fn, size_t width, size_t first) {
    const uint8_t* l[8];
    const uint8_t* r[8];
    uint8_t* o[8];
    Hash scratch[8];
    for (size_t k = 0; k < width; ++k) {
      bool real = first + k < count;
      l[k] = messages + 64 * (real ? first + k : count - 1);
      r[k] = l[k] + 32;
      o[k] = real ? out[first + k].data() : scratch[k].data();
    }
    fn(l, r, o);
  };
  size_t i = 0;
  switch (impl) {
  case KeccakImpl::kAvx512:
    // 8 lanes cost about 1.5 times 4 lanes, and 4 lanes less than one
    // scalar hash (ymm with AVX-512VL): pad every tail.
    for (; i + 8 <= count; i += 8)
      call(pairs8(impl), 8, i);
    if (count - i > 4)
      call(pairs8(impl), 8, i);
    else if (count - i > 0)
      call(pairs4(impl), 4, i);
    return;
  case KeccakImpl::kAvx2:
    // 4 lanes cost about 1.7 scalar hashes: pad tails of 2 and 3.
    for (; i + 4 <= count; i += 4)
      call(pairs4(impl), 4, i);
    if (count - i >= 2) call(pairs4(impl), 4, i), i = count;
    break;
  default: break;
  }
  for (; i < count; ++i)
    call(pairsPortable<1>, 1, i);
}

} // namespace vcc::vm
