// The kernel API across backends: one program, compared byte for byte
// between serial, threads (several counts), CUDA when present, and the VM
// (vcc_add_dual_program_test). It generates large random float and double
// inputs from the request's seed, with subnormals, infinities, NaNs (random
// payloads and signs) and signed zeros, runs parallel_for (1-D and 2-D),
// chained kernels on Buffers and every reduction, and writes the results.
//
// Request (little-endian, every field optional, missing ones default):
//   u64 seed, u64 n (elements), u64 rows, u64 cols, u64 flags (bit 0: dump
//   whole arrays instead of their digests).
// Response: raw result bits and FNV-1a digests of arrays, in program order.
// Arrays that leave the program have their NaNs canonicalized (SPEC §4: the
// targets disagree on NaN payloads); reduction results are already.
#include "vcc/buffer.hpp"
#include "vcc/kernel.hpp"
#include "vcc/program.hpp"

#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

namespace kernels_check {

struct Settings {
  uint64_t seed = 1;
  uint64_t n = 200003;
  uint64_t rows = 300;
  uint64_t cols = 257;
  uint64_t flags = 0;
};

// splitmix64: integer-only, so every target draws the same numbers.
class Random {
public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
  }

private:
  uint64_t state_;
};

template <class T> struct Bits;
template <> struct Bits<float> {
  using Word = uint32_t;
  static constexpr int kMantissa = 23, kExponentMax = 255, kBias = 127;
};
template <> struct Bits<double> {
  using Word = uint64_t;
  static constexpr int kMantissa = 52, kExponentMax = 2047, kBias = 1023;
};

template <class T> T fromParts(uint64_t sign, uint64_t exponent, uint64_t mantissa) {
  using Word = typename Bits<T>::Word;
  constexpr int m = Bits<T>::kMantissa;
  Word word = static_cast<Word>((sign << (sizeof(Word) * 8 - 1)) | (exponent << m) |
                                (mantissa & ((uint64_t{1} << m) - 1)));
  T value;
  std::memcpy(&value, &word, sizeof value);
  return value;
}

enum class Mix { special, finite };

// special: NaN 3%, +-inf 3%, +-0 4%, subnormal 10%, the rest normal with
// exponents up to +-40 (overflowing sums happen for float). finite: no
// NaN or inf, exponents +-20, some subnormals and zeros: sums whose value
// depends on the order of additions, so a wrong tree shows.
template <class T> T draw(Random& random, Mix mix) {
  uint64_t u = random.next();
  uint64_t sign = u >> 63, mantissa = random.next();
  unsigned kind = static_cast<unsigned>(u % 100);
  constexpr uint64_t kMax = Bits<T>::kExponentMax, kBias = Bits<T>::kBias;
  if (mix == Mix::special) {
    if (kind < 3) return fromParts<T>(sign, kMax, mantissa | 1);  // NaN (quiet or signalling)
    if (kind < 6) return fromParts<T>(sign, kMax, 0);
  }
  if (kind < 10) return fromParts<T>(sign, 0, 0);
  if (kind < 20) return fromParts<T>(sign, 0, mantissa | 1);
  uint64_t span = mix == Mix::special ? 40 : 20;
  uint64_t exponent = kBias - span + (u >> 8) % (2 * span + 1);
  return fromParts<T>(sign, exponent, mantissa);
}

class Writer {
public:
  explicit Writer(std::vector<uint8_t>& out) : out_(out) {}
  template <class V> void put(V value) {
    uint8_t bytes[sizeof(V)];
    std::memcpy(bytes, &value, sizeof(V));
    out_.insert(out_.end(), bytes, bytes + sizeof(V));
  }
  void putBytes(const void* data, size_t size) {
    auto* bytes = static_cast<const uint8_t*>(data);
    out_.insert(out_.end(), bytes, bytes + size);
  }

private:
  std::vector<uint8_t>& out_;
};

template <class T> T canonical(T value) {
  return vcc::detail::canonicalizeNaN(value);
}

// An array leaves the program as its FNV-1a 64 digest, or whole when asked.
template <class T>
void putArray(Writer& writer, const Settings& settings, std::span<const T> values) {
  std::vector<T> copy(values.begin(), values.end());
  for (T& v : copy)
    v = canonical(v);
  writer.put<uint64_t>(copy.size());
  if (settings.flags & 1) {
    writer.putBytes(copy.data(), copy.size() * sizeof(T));
    return;
  }
  uint64_t hash = 0xcbf29ce484222325u;
  auto* bytes = reinterpret_cast<const uint8_t*>(copy.data());
  for (size_t i = 0; i < copy.size() * sizeof(T); ++i)
    hash = (hash ^ bytes[i]) * 0x100000001b3u;
  writer.put(hash);
}

// Every reduction of the first `length` elements, from host memory and
// from a Buffer (the GPU reduces the latter on the cuda backend).
template <class T>
void putReductions(Writer& writer, const std::vector<T>& a, const std::vector<T>& b,
                   size_t length) {
  const T* x = a.data();
  const T* y = b.data();
  writer.put<uint64_t>(length);
  writer.put(vcc::reduce_sum(x, length));
  writer.put(vcc::reduce_max(x, length));
  writer.put<uint64_t>(vcc::argmax(x, length));
  writer.put(vcc::dot(x, y, length));
  vcc::Buffer<T> bufferA(std::span<const T>(x, length)), bufferB(std::span<const T>(y, length));
  writer.put(vcc::reduce_sum(bufferA));
  writer.put(vcc::reduce_max(bufferA));
  writer.put<uint64_t>(vcc::argmax(bufferA));
  writer.put(vcc::dot(bufferA, bufferB));
}

template <class T> void checkType(Writer& writer, const Settings& settings, uint64_t salt) {
  Random random(settings.seed * 0x2545f4914f6cdd1du + salt);
  size_t n = settings.n;
  std::vector<T> special(n), special2(n), finite(n), finite2(n);
  for (size_t i = 0; i < n; ++i) {
    special[i] = draw<T>(random, Mix::special);
    special2[i] = draw<T>(random, Mix::special);
    finite[i] = draw<T>(random, Mix::finite);
    finite2[i] = draw<T>(random, Mix::finite);
  }

  // Reductions at the leaf and task boundaries, and over everything.
  const size_t lengths[] = {0, 1, 2, 255, 256, 257, 511, 512, 513, 1024, 4097, 65536, 65537};
  for (size_t length : lengths) {
    if (length > n) continue;
    putReductions(writer, special, special2, length);
    putReductions(writer, finite, finite2, length);
  }
  putReductions(writer, special, special2, n);
  putReductions(writer, finite, finite2, n);

  // parallel_for, 1-D: element-wise exact operations.
  vcc::Buffer<T> x(special), y(special2), out(n);
  {
    auto xs = x.cview(), ys = y.cview();
    auto o = out.view();
    vcc::parallel_for(n, [=] VCC_KERNEL(size_t i) {
      T p = xs[i] * ys[i];
      T q = (xs[i] - ys[i]) / (ys[i] + T(1));
      o[i] = p + q + vcc::detail::fusedMultiplyAdd(xs[i], ys[i], q);
    });
  }
  putArray<T>(writer, settings, out.chost());

  // Chained kernels on Buffers: no host access in between.
  vcc::Buffer<T> f(finite), g(finite2), h(n), k(n);
  {
    auto fs = f.cview(), gs = g.cview();
    auto hs = h.view();
    vcc::parallel_for(n, [=] VCC_KERNEL(size_t i) { hs[i] = fs[i] * T(3) - gs[i]; });
    auto hc = h.cview();
    auto ks = k.view();
    vcc::parallel_for(n, [=] VCC_KERNEL(size_t i) {
      T v = hc[i] < T(0) ? -hc[i] : hc[i];
      ks[i] = std::sqrt(v) + hc[(i * 7919) % n];  // reads another kernel's outputs
    });
  }
  writer.put(vcc::reduce_sum(k));
  writer.put(vcc::reduce_max(k));
  writer.put<uint64_t>(vcc::argmax(k));
  writer.put(vcc::dot(k, f));
  // Host edits, then kernels again: the host copy goes back to the kernels.
  {
    std::span<T> host = k.host();
    for (size_t i = 0; i < n; i += 97)
      host[i] = -host[i];
  }
  {
    auto ks = k.view();
    vcc::parallel_for(n, [=] VCC_KERNEL(size_t i) { ks[i] = ks[i] / T(8); });
  }
  writer.put(vcc::reduce_sum(k));
  putArray<T>(writer, settings, k.chost());

  // parallel_for, 2-D: a small matrix product with explicit fma.
  size_t rows = settings.rows, cols = settings.cols;
  constexpr size_t kInner = 8;
  if (rows * kInner <= n && kInner * cols <= n) {
    vcc::Buffer<T> product(rows * cols);
    auto as = f.cview(), bs = g.cview();
    auto ps = product.view();
    vcc::parallel_for(vcc::Extent2{rows, cols}, [=] VCC_KERNEL(size_t r, size_t c) {
      T acc = as[r * kInner] * bs[c];
      for (size_t j = 1; j < kInner; ++j)
        acc = vcc::detail::fusedMultiplyAdd(as[r * kInner + j], bs[j * cols + c], acc);
      ps[r * cols + c] = acc;
    });
    writer.put(vcc::reduce_sum(product));
    putArray<T>(writer, settings, product.chost());
  }

  // The general reduction with a user combine: a sum of squares.
  auto fs = f.cview();
  T squares = vcc::reduce(
      n, T(0), [=] VCC_KERNEL(size_t i) { return fs[i] * fs[i]; },
      [] VCC_KERNEL(T p, T q) { return p + q; });
  writer.put(canonical(squares));
}

template <class T> void checkIntegers(Writer& writer, const Settings& settings) {
  Random random(settings.seed ^ 0x5bd1e995u);
  size_t n = settings.n;
  vcc::Buffer<T> a(n), b(n);
  {
    std::span<T> ha = a.host(), hb = b.host();
    for (size_t i = 0; i < n; ++i)
      ha[i] = static_cast<T>(random.next()), hb[i] = static_cast<T>(random.next());
  }
  writer.put(vcc::reduce_sum(a));  // wraps around
  writer.put(vcc::reduce_max(a));
  writer.put<uint64_t>(vcc::argmax(a));
  writer.put(vcc::dot(a, b));
}

void run(std::span<const uint8_t> request, std::vector<uint8_t>& response) {
  Settings settings;
  uint64_t* fields[] = {&settings.seed, &settings.n, &settings.rows, &settings.cols,
                        &settings.flags};
  for (size_t f = 0; f < 5 && (f + 1) * 8 <= request.size(); ++f)
    std::memcpy(fields[f], request.data() + 8 * f, 8);
  Writer writer(response);
  checkType<float>(writer, settings, 1);
  checkType<double>(writer, settings, 2);
  checkIntegers<int32_t>(writer, settings);
  checkIntegers<uint64_t>(writer, settings);
}

}  // namespace kernels_check

void vccProgramMain(std::span<const uint8_t> request, std::vector<uint8_t>& response) {
  kernels_check::run(request, response);
}
