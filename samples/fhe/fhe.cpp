// Verifiable homomorphic evaluation: a provider computes on LWE ciphertexts
// it cannot read, and anyone can check the result by replaying the program
// in the VM. Integer-only: every operation is on 32-bit words modulo
// q = 2^32 (unsigned wrap-around), so native and VM agree by construction.
// fhe.py (beside this file) makes keys, encrypts and decrypts; the README
// gives the scheme and its noise bounds.
//
// A ciphertext of dimension n is n + 1 little-endian uint32 words
// (b, a_1 .. a_n) with b = <a, s> + e + Δ·m mod q, Δ = q / t, t = 256.
//
//   add(bytes x, bytes y) -> bytes            x + y (word by word; also for products)
//   scale(bytes x, int32 w) -> bytes          w · x
//   multiply(bytes x, bytes y) -> bytes       the product, (n+1)^2 words under s'⊗s'
//   dot(bytes32 vector, int32[] weights) -> bytes
//       Σ w_i · c_i over an encrypted vector that is a blob in the data store
//       (read through the data oracle by its data root)
//
// Mismatched or malformed operands give an empty result, never a trap.
#include <vcc/buffer.hpp>
#include <vcc/kernel.hpp>
#include <vcc/oracle.hpp>
#include <vcc/service.hpp>

#include <cstring>
#include <vector>

namespace {

constexpr uint32_t kMagic = 0x31484656;     // "VFH1" little-endian
constexpr size_t kHeaderBytes = 16;
constexpr size_t kMaxDimension = 4096;      // degree-1 ciphertexts
constexpr size_t kMaxProductDimension = 512;
constexpr size_t kMaxVectorWords = size_t{1} << 24;
constexpr int kDeltaBits = 24;              // Δ = 2^32 / 256

uint32_t load32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

vcc::Buffer<uint32_t> wordsOf(const vcc::bytes& raw) {
  vcc::Buffer<uint32_t> words(raw.size() / 4);
  std::span<uint32_t> host = words.host();
  for (size_t i = 0; i < host.size(); ++i) host[i] = load32(raw.data() + 4 * i);
  return words;
}

vcc::bytes bytesOf(const vcc::Buffer<uint32_t>& words) {
  std::span<const uint32_t> host = words.chost();
  vcc::bytes out(4 * host.size());
  for (size_t i = 0; i < host.size(); ++i)
    for (size_t b = 0; b < 4; ++b) out[4 * i + b] = static_cast<uint8_t>(host[i] >> (8 * b));
  return out;
}

// A degree-1 ciphertext: a whole number of words, at least (b, a_1).
bool isCiphertext(const vcc::bytes& x, size_t maxDimension) {
  return x.size() % 4 == 0 && x.size() >= 8 && x.size() / 4 - 1 <= maxDimension;
}

}  // namespace

VCC_METHOD vcc::bytes add(vcc::bytes x, vcc::bytes y) {
  if (x.size() != y.size() || x.size() % 4 != 0 || x.empty()) return {};
  vcc::Buffer<uint32_t> left = wordsOf(x), right = wordsOf(y);
  auto to = left.view();
  auto from = right.cview();
  vcc::parallel_for(to.size(), [=] VCC_KERNEL(size_t i) { to[i] = to[i] + from[i]; });
  return bytesOf(left);
}

VCC_METHOD vcc::bytes scale(vcc::bytes x, int32_t w) {
  if (x.size() % 4 != 0 || x.empty()) return {};
  vcc::Buffer<uint32_t> words = wordsOf(x);
  auto to = words.view();
  const uint32_t factor = static_cast<uint32_t>(w);  // w mod 2^32
  vcc::parallel_for(to.size(), [=] VCC_KERNEL(size_t i) { to[i] = to[i] * factor; });
  return bytesOf(words);
}

// BFV-style tensoring without relinearization: with centered words ĉ (the
// words as int32), product[i][j] = round(ĉx_i · ĉy_j · t / q) mod q, the
// rounding half up: (p + 2^23) >> 24 on the exact 64-bit product p. The
// result decrypts under s' ⊗ s', s' = (1, -s).
VCC_METHOD vcc::bytes multiply(vcc::bytes x, vcc::bytes y) {
  if (x.size() != y.size() || !isCiphertext(x, kMaxProductDimension)) return {};
  const size_t words = x.size() / 4;
  vcc::Buffer<uint32_t> left = wordsOf(x), right = wordsOf(y), product(words * words);
  auto a = left.cview();
  auto b = right.cview();
  auto out = product.view();
  vcc::parallel_for(vcc::Extent2{words, words}, [=] VCC_KERNEL(size_t i, size_t j) {
    const int64_t p = int64_t{static_cast<int32_t>(a[i])} * int64_t{static_cast<int32_t>(b[j])};
    out[i * words + j] = static_cast<uint32_t>(static_cast<uint64_t>((p + (int64_t{1} << (kDeltaBits - 1))) >> kDeltaBits));
  });
  return bytesOf(product);
}

// The vector blob: "VFH1", dimension n u32, count u32, 0 u32, then count
// ciphertexts of n + 1 words. weights must have `count` entries.
VCC_METHOD vcc::bytes dot(vcc::bytes32 vector, std::vector<int32_t> weights) {
  const vcc::oracle::Key key = vcc::oracle::keyOf(vector);
  uint8_t header[kHeaderBytes];
  if (vcc::oracle::read(key, 0, header) != kHeaderBytes || load32(header) != kMagic) return {};
  const size_t n = load32(header + 4), count = load32(header + 8);
  if (n == 0 || n > kMaxDimension || count == 0 || count != weights.size() || count * (n + 1) > kMaxVectorWords ||
      vcc::oracle::size(key) != kHeaderBytes + 4 * count * (n + 1))
    return {};
  const size_t words = n + 1;
  vcc::Buffer<uint32_t> ciphertexts(count * words), factors(count), result(words);
  {
    std::span<uint32_t> host = ciphertexts.host();
    std::span<uint8_t> raw(reinterpret_cast<uint8_t*>(host.data()), host.size_bytes());
    if (vcc::oracle::read(key, kHeaderBytes, raw) != raw.size()) return {};
    for (uint32_t& word : host) word = load32(reinterpret_cast<const uint8_t*>(&word));  // little-endian
  }
  for (size_t i = 0; i < count; ++i) factors.host()[i] = static_cast<uint32_t>(weights[i]);
  auto c = ciphertexts.cview();
  auto w = factors.cview();
  auto out = result.view();
  // One iteration per word of the result; the sum runs over the vector in
  // order (integer sums modulo 2^32 do not depend on order anyway).
  vcc::parallel_for(words, [=] VCC_KERNEL(size_t j) {
    uint32_t acc = 0;
    for (size_t i = 0; i < count; ++i) acc += w[i] * c[i * words + j];
    out[j] = acc;
  });
  return bytesOf(result);
}
