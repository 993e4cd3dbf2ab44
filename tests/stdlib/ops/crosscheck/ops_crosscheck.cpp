// The bitwise cross-target check of vcc::ops: one dual program
// (vcc/program.hpp) that runs every op on large randomized inputs, special
// values included (subnormals, infinities, NaNs with random payloads and
// signs, signed zeros), and answers with the raw bytes of every result.
// ctest runs it natively (serial; threads with several thread counts; cuda
// where a GPU is present) and in vcc's VM, and compares the responses byte
// for byte (cmake/dual_program_check.py).
//
// Request: 8 bytes, the seed (little-endian); anything shorter means seed 1.
// Optional 9th byte: 0 = the full sizes (default), 1 = small sizes.
// Response: for each result, a section: 4-byte tag, 8-byte length (both
// little-endian), then the bytes, so that a difference can be traced to its
// op from its offset.
//
// Inputs are made from random bits only (no arithmetic that could round
// differently), and move through vcc::Buffer so that the cuda variant runs
// the ops on the GPU.
#include "vcc/buffer.hpp"
#include "vcc/ops.hpp"
#include "vcc/program.hpp"

#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

namespace {

class Rng { // splitmix64
public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t bound) { return next() % bound; }

private:
  uint64_t state_;
};

template <class T> struct Bits;
template <> struct Bits<float> {
  using Word = uint32_t;
  static constexpr int kMantissa = 23, kBias = 127, kExponentMax = 255;
};
template <> struct Bits<double> {
  using Word = uint64_t;
  static constexpr int kMantissa = 52, kBias = 1023, kExponentMax = 2047;
};

template <class T> T fromBits(typename Bits<T>::Word word) {
  T value;
  std::memcpy(&value, &word, sizeof value);
  return value;
}

// A value from its parts: sign, unbiased exponent in [lo, hi], random mantissa.
template <class T> T randomNormal(Rng& rng, int lo, int hi) {
  using B = Bits<T>;
  using Word = typename B::Word;
  Word sign = static_cast<Word>(rng.next() & 1) << (sizeof(Word) * 8 - 1);
  Word exponent = static_cast<Word>(B::kBias + lo + static_cast<int>(rng.below(hi - lo + 1)));
  Word mantissa = static_cast<Word>(rng.next()) & ((Word(1) << B::kMantissa) - 1);
  return fromBits<T>(sign | exponent << B::kMantissa | mantissa);
}

// ±0, a subnormal with a random mantissa, or ±the smallest normal.
template <class T> T randomTinyOrZero(Rng& rng) {
  using B = Bits<T>;
  using Word = typename B::Word;
  const Word sign = (rng.next() & 1) ? Word(1) << (sizeof(Word) * 8 - 1) : 0;
  const Word mantissaMask = (Word(1) << B::kMantissa) - 1;
  switch (rng.below(3)) {
  case 0: return fromBits<T>(sign);
  case 1: return fromBits<T>(sign | ((static_cast<Word>(rng.next()) & mantissaMask) | 1));
  default: return fromBits<T>(sign | Word(1) << B::kMantissa);
  }
}

// ±inf, or a NaN with a random sign and payload (quiet or signalling).
template <class T> T randomNonFinite(Rng& rng) {
  using B = Bits<T>;
  using Word = typename B::Word;
  const Word sign = (rng.next() & 1) ? Word(1) << (sizeof(Word) * 8 - 1) : 0;
  const Word mantissaMask = (Word(1) << B::kMantissa) - 1;
  const Word infinity = static_cast<Word>(B::kExponentMax) << B::kMantissa;
  if (rng.below(2) == 0) return fromBits<T>(sign | infinity);
  return fromBits<T>(sign | infinity | ((static_cast<Word>(rng.next()) & mantissaMask) | 1));
}

// How often the special values appear. Non-finite values spread through
// whole results (a NaN in a row makes the row's softmax NaN), so they are
// kept rare enough that most results stay finite.
struct Mix {
  int tinyPerMille;        // zeros, subnormals, smallest normals
  int nonFinitePerMillion; // infinities and NaNs
};

// count values: normal ones with exponents in [lo, hi], plus the mix.
template <class T> vcc::Buffer<T> randomBuffer(Rng& rng, size_t count, int lo, int hi, Mix mix) {
  vcc::Buffer<T> buffer(count);
  for (T& v : buffer.host()) {
    if (static_cast<int>(rng.below(1000000)) < mix.nonFinitePerMillion)
      v = randomNonFinite<T>(rng);
    else if (static_cast<int>(rng.below(1000)) < mix.tinyPerMille)
      v = randomTinyOrZero<T>(rng);
    else
      v = randomNormal<T>(rng, lo, hi);
  }
  return buffer;
}

// Small integers as floats (exact), so that ties are common for selection.
template <class T> vcc::Buffer<T> tieHeavyBuffer(Rng& rng, size_t count, Mix mix) {
  vcc::Buffer<T> buffer(count);
  for (T& v : buffer.host()) {
    if (static_cast<int>(rng.below(1000000)) < mix.nonFinitePerMillion)
      v = randomNonFinite<T>(rng);
    else if (static_cast<int>(rng.below(1000)) < mix.tinyPerMille)
      v = randomTinyOrZero<T>(rng);
    else
      v = static_cast<T>(static_cast<int>(rng.below(9)) - 4);
  }
  return buffer;
}

template <class T> vcc::Buffer<T> randomIntegerBuffer(Rng& rng, size_t count) {
  vcc::Buffer<T> buffer(count);
  for (T& v : buffer.host())
    v = static_cast<T>(rng.next());
  return buffer;
}

class Response {
public:
  explicit Response(std::vector<uint8_t>& bytes) : bytes_(bytes) {}
  template <class T> void section(const char (&tag)[5], const vcc::Buffer<T>& buffer) {
    std::span<const T> values = buffer.chost();
    append(tag, 4);
    uint64_t length = values.size_bytes();
    uint8_t lengthBytes[8];
    for (int i = 0; i < 8; ++i)
      lengthBytes[i] = static_cast<uint8_t>(length >> (8 * i));
    append(lengthBytes, 8);
    append(values.data(), values.size_bytes());
  }

private:
  void append(const void* data, size_t size) {
    const auto* bytes = static_cast<const uint8_t*>(data);
    bytes_.insert(bytes_.end(), bytes, bytes + size);
  }
  std::vector<uint8_t>& bytes_;
};

struct Sizes {
  size_t m, k, n;    // matmul
  size_t rows, cols; // softmax, norms, selection
  size_t topk;
  vcc::ops::Conv2dShape conv; // conv2d
  vcc::ops::Conv2dShape convDilated;
};

Sizes sizesFor(bool small) {
  Sizes s{};
  vcc::ops::Conv2dShape c;
  if (small) {
    s.m = 13, s.k = 17, s.n = 19, s.rows = 5, s.cols = 300, s.topk = 4;
    c.batch = 1, c.inChannels = 2, c.height = 7, c.width = 6, c.outChannels = 3;
  } else {
    s.m = 70, s.k = 300, s.n = 101, s.rows = 24, s.cols = 1030, s.topk = 9;
    c.batch = 2, c.inChannels = 5, c.height = 19, c.width = 17, c.outChannels = 6;
  }
  c.kernelHeight = c.kernelWidth = 3;
  c.strideHeight = 2, c.strideWidth = 1, c.padHeight = c.padWidth = 1;
  s.conv = c;
  c.strideHeight = c.strideWidth = 1, c.padHeight = 2, c.padWidth = 0,
  c.dilationHeight = c.dilationWidth = 2;
  s.convDilated = c;
  return s;
}

template <class T>
void runFloatOps(Rng& rng, const Sizes& s, Response& out, const char (&tags)[11][5]) {
  { // matmul
    auto a = randomBuffer<T>(rng, s.m * s.k, -6, 2, {50, 300});
    auto b = randomBuffer<T>(rng, s.k * s.n, -6, 2, {50, 300});
    vcc::Buffer<T> c(s.m * s.n);
    vcc::ops::matmul(a.cview().data(), b.cview().data(), c.view().data(), s.m, s.k, s.n);
    out.section(tags[0], c);
  }
  { // softmax, with row maxima far from zero and specials in some rows
    auto x = randomBuffer<T>(rng, s.rows * s.cols, -3, 5, {20, 150});
    vcc::Buffer<T> y(x.size());
    vcc::ops::softmax(x.cview().data(), y.view().data(), s.rows, s.cols);
    out.section(tags[1], y);
  }
  { // layernorm and rmsnorm, with and without the affine parameters
    auto x = randomBuffer<T>(rng, s.rows * s.cols, -4, 4, {20, 150});
    auto gamma = randomBuffer<T>(rng, s.cols, -1, 1, {20, 150});
    auto beta = randomBuffer<T>(rng, s.cols, -3, 1, {20, 150});
    vcc::Buffer<T> y(x.size()), z(x.size()), r(x.size()), q(x.size());
    // Through the Buffer overloads here, the pointer ones elsewhere.
    vcc::ops::layernorm(x, &gamma, &beta, T(1e-5), y, s.rows, s.cols);
    vcc::ops::layernorm(x.cview().data(), static_cast<const T*>(nullptr),
                        static_cast<const T*>(nullptr), T(0), z.view().data(), s.rows, s.cols);
    vcc::ops::rmsnorm(x, &gamma, T(1e-6), r, s.rows, s.cols);
    vcc::ops::rmsnorm(x.cview().data(), static_cast<const T*>(nullptr), T(0), q.view().data(),
                      s.rows, s.cols);
    out.section(tags[2], y);
    out.section(tags[3], z);
    out.section(tags[4], r);
    out.section(tags[5], q);
  }
  for (int variant = 0; variant < 2; ++variant) { // conv2d
    const vcc::ops::Conv2dShape& shape = variant == 0 ? s.conv : s.convDilated;
    auto input = randomBuffer<T>(rng, shape.inputSize(), -4, 1, {50, 3000});
    auto weight = randomBuffer<T>(rng, shape.weightSize(), -4, 1, {50, 3000});
    auto bias = randomBuffer<T>(rng, shape.outChannels, -4, 1, {50, 0});
    vcc::Buffer<T> output(shape.outputSize());
    vcc::ops::conv2d(input, weight, variant == 0 ? &bias : nullptr, output, shape);
    out.section(tags[6 + variant], output);
  }
  { // gelu
    auto x = randomBuffer<T>(rng, s.rows * s.cols, -4, 3, {20, 1000});
    vcc::Buffer<T> y(x.size());
    vcc::ops::gelu(x, y);
    out.section(tags[10], y);
  }
  { // argmax_rows and topk over tie-heavy rows
    auto x = tieHeavyBuffer<T>(rng, s.rows * s.cols, {30, 1000});
    vcc::Buffer<size_t> argmax(s.rows), indices(s.rows * s.topk);
    vcc::Buffer<T> values(s.rows * s.topk);
    vcc::ops::argmax_rows(x, s.rows, s.cols, argmax);
    vcc::ops::topk(x, s.rows, s.cols, s.topk, values, indices);
    out.section(tags[8], argmax);
    out.section(tags[9], values);
    out.section(tags[9], indices);
  }
}

template <class In, class Out>
void runIntegerMatmul(Rng& rng, const Sizes& s, Response& out, const char (&tag)[5]) {
  auto a = randomIntegerBuffer<In>(rng, s.m * s.k);
  auto b = randomIntegerBuffer<In>(rng, s.k * s.n);
  vcc::Buffer<Out> c(s.m * s.n);
  vcc::ops::matmul(a, b, c, s.m, s.k, s.n);
  out.section(tag, c);
}

} // namespace

void vccProgramMain(std::span<const uint8_t> request, std::vector<uint8_t>& response) {
  uint64_t seed = 1;
  if (request.size() >= 8) {
    seed = 0;
    for (int i = 0; i < 8; ++i)
      seed |= uint64_t{request[i]} << (8 * i);
  }
  bool small = request.size() >= 9 && request[8] == 1;
  Sizes sizes = sizesFor(small);
  Rng rng(seed);
  Response out(response);
  static const char kFloatTags[11][5] = {"mmf4", "smf4", "lnf4", "ln0f", "rmf4", "rm0f",
                                         "cvf4", "cdf4", "amf4", "tkf4", "glf4"};
  static const char kDoubleTags[11][5] = {"mmf8", "smf8", "lnf8", "ln0d", "rmf8", "rm0d",
                                          "cvf8", "cdf8", "amf8", "tkf8", "glf8"};
  runFloatOps<float>(rng, sizes, out, kFloatTags);
  runFloatOps<double>(rng, sizes, out, kDoubleTags);
  runIntegerMatmul<int8_t, int32_t>(rng, sizes, out, "mmi1");
  runIntegerMatmul<int32_t, int64_t>(rng, sizes, out, "mmi4");
}
