// A decoder-only transformer (GPT shape: pre-norm blocks of causal
// multi-head self-attention and a GELU MLP, RMSNorm, learned position
// embeddings) whose weights are a blob in the data store, read through the
// data oracle by their data root (SPEC §3.4), never compiled into the image.
// Tokens are bytes (vocabulary 256). make_model.py writes the weights; the
// README gives the blob's layout and the forward pass step by step.
//
//   modelInfo(bytes32 model) -> (uint32,uint32,uint32,uint32,uint32,uint32,uint64)
//       vocabulary, width, layers, heads, context, MLP width, parameters
//   nextTokenLogits(bytes32 model, string prompt) -> bytes
//       the logits after the prompt: vocabulary float32 values, little-endian
//   generate(bytes32 model, string prompt, uint32 count) -> bytes
//       `count` tokens, each the argmax of the logits (ties: the smaller token)
//   sample(bytes32 model, string prompt, uint32 count, uint64 seed, uint32 temperatureMilli) -> bytes
//       `count` tokens drawn from softmax(logits / temperature) with the
//       request's seed (splitmix64); temperature 0 is greedy
//
// Every step is a vcc::ops operation or a parallel_for on the kernel API,
// so the bits are the same natively (serial, threads, CUDA) and in the VM.
// A model whose header or size is wrong, an empty prompt, or a prompt and
// count that do not fit the context give an empty result, never a trap.
#include <vcc/buffer.hpp>
#include <vcc/kernel.hpp>
#include <vcc/math.hpp>
#include <vcc/ops.hpp>
#include <vcc/oracle.hpp>
#include <vcc/service.hpp>

#include <cstring>
#include <string>
#include <tuple>

namespace {

constexpr uint32_t kMagic = 0x31504756;  // "VGP1" little-endian
constexpr size_t kHeaderBytes = 32;
constexpr uint32_t kVocabulary = 256;    // byte tokens
constexpr float kNormEpsilon = 1e-5f;

struct Shape {
  uint32_t vocabulary = 0, width = 0, layers = 0, heads = 0, context = 0, hidden = 0;
  uint32_t headWidth() const { return width / heads; }
  size_t layerFloats() const { return 2 * size_t{width} + 4 * size_t{width} * width + 2 * size_t{width} * hidden; }
  size_t parameters() const {
    return size_t{vocabulary} * width + size_t{context} * width + size_t{layers} * layerFloats() + width +
           size_t{width} * vocabulary;
  }
};

// Offsets (in floats) of one layer's tensors within the weights.
struct LayerAt {
  size_t attentionNorm, query, key, value, output, mlpNorm, up, down;
};

uint32_t load32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

bool readShape(const vcc::oracle::Key& key, Shape& s) {
  uint8_t raw[kHeaderBytes];
  if (vcc::oracle::read(key, 0, raw) != kHeaderBytes || load32(raw) != kMagic) return false;
  s.vocabulary = load32(raw + 4);
  s.width = load32(raw + 8);
  s.layers = load32(raw + 12);
  s.heads = load32(raw + 16);
  s.context = load32(raw + 20);
  s.hidden = load32(raw + 24);
  // Bounds that keep every size below well inside 64 bits and the VM's memory.
  return s.vocabulary == kVocabulary && s.width != 0 && s.width <= 1024 && s.layers != 0 && s.layers <= 64 &&
         s.heads != 0 && s.width % s.heads == 0 && s.context != 0 && s.context <= 1024 && s.hidden != 0 &&
         s.hidden <= 4096 && s.parameters() <= (size_t{1} << 26) &&
         vcc::oracle::size(key) == kHeaderBytes + s.parameters() * sizeof(float);
}

// The model: its shape, all weights in one buffer (kernels read them in
// place), and the attention cache of every layer.
class Model {
public:
  explicit Model(const Shape& shape)
      : s_(shape), weights_(shape.parameters()),
        keys_(size_t{shape.layers} * shape.heads * shape.headWidth() * shape.context),
        values_(size_t{shape.layers} * shape.heads * shape.context * shape.headWidth()) {}

  bool load(const vcc::oracle::Key& key) {
    std::span<float> host = weights_.host();
    std::span<uint8_t> bytes(reinterpret_cast<uint8_t*>(host.data()), host.size_bytes());
    return vcc::oracle::read(key, kHeaderBytes, bytes) == bytes.size();
  }

  // Runs tokens[0, count) at positions [position, position + count) through
  // the network, extends the attention cache, and leaves the last
  // position's logits in `logits`.
  void forward(const uint8_t* tokens, size_t count, size_t position, vcc::Buffer<float>& logits);
  // Public because nvcc refuses kernel lambdas in private member functions.
  void attention(uint32_t layer, size_t count, size_t position, const vcc::Buffer<float>& q, vcc::Buffer<float>& out);

private:
  LayerAt layerAt(uint32_t layer) const {
    const size_t w = s_.width, base = tokenTable() + positionTable() + layer * s_.layerFloats();
    LayerAt at{};
    at.attentionNorm = base;
    at.query = base + w;
    at.key = at.query + w * w;
    at.value = at.key + w * w;
    at.output = at.value + w * w;
    at.mlpNorm = at.output + w * w;
    at.up = at.mlpNorm + w;
    at.down = at.up + w * s_.hidden;
    return at;
  }
  size_t tokenTable() const { return size_t{s_.vocabulary} * s_.width; }
  size_t positionTable() const { return size_t{s_.context} * s_.width; }
  size_t finalNormAt() const { return tokenTable() + positionTable() + s_.layers * s_.layerFloats(); }

  Shape s_;
  vcc::Buffer<float> weights_;
  vcc::Buffer<float> keys_;    // [layer][head][headWidth][context]: K transposed, zero past the filled positions
  vcc::Buffer<float> values_;  // [layer][head][context][headWidth]
};

// Causal self-attention of `count` new positions (q, k, v already in the
// cache) for every head: scores = Q_h · K_hᵀ over the whole context (the
// cache's unfilled columns are zero and masked), scaled by 1/sqrt(headWidth)
// and masked to -inf past each query's position, softmax, then · V_h.
void Model::attention(uint32_t layer, size_t count, size_t position, const vcc::Buffer<float>& q,
                      vcc::Buffer<float>& out) {
  const size_t heads = s_.heads, hw = s_.headWidth(), ctx = s_.context, w = s_.width;
  vcc::Buffer<float> queries(heads * count * hw), scores(heads * count * ctx), mixed(heads * count * hw);
  {
    auto from = q.cview();
    auto to = queries.view();
    vcc::parallel_for(vcc::Extent2{heads * count, hw}, [=] VCC_KERNEL(size_t row, size_t c) {
      const size_t h = row / count, i = row % count;
      to[row * hw + c] = from[i * w + h * hw + c];
    });
  }
  const float scale = vcc::math::rsqrt(static_cast<float>(hw));
  const size_t keysAt = size_t{layer} * heads * hw * ctx, valuesAt = size_t{layer} * heads * ctx * hw;
  for (size_t h = 0; h < heads; ++h)
    vcc::ops::matmul(queries.cview().data() + h * count * hw, keys_.cview().data() + keysAt + h * hw * ctx,
                     scores.view().data() + h * count * ctx, count, hw, ctx);
  {
    auto all = scores.view();
    vcc::parallel_for(vcc::Extent2{heads * count, ctx}, [=] VCC_KERNEL(size_t row, size_t j) {
      const size_t i = row % count;
      all[row * ctx + j] = j <= position + i ? all[row * ctx + j] * scale : -__builtin_huge_valf();
    });
  }
  vcc::ops::softmax(scores.cview().data(), scores.view().data(), heads * count, ctx);
  for (size_t h = 0; h < heads; ++h)
    vcc::ops::matmul(scores.cview().data() + h * count * ctx, values_.cview().data() + valuesAt + h * ctx * hw,
                     mixed.view().data() + h * count * hw, count, ctx, hw);
  auto from = mixed.cview();
  auto to = out.view();
  vcc::parallel_for(vcc::Extent2{count, w}, [=] VCC_KERNEL(size_t i, size_t c) {
    const size_t h = c / hw;
    to[i * w + c] = from[(h * count + i) * hw + c % hw];
  });
}

void Model::forward(const uint8_t* tokens, size_t count, size_t position, vcc::Buffer<float>& logits) {
  const size_t w = s_.width, hidden = s_.hidden, hw = s_.headWidth(), ctx = s_.context, heads = s_.heads;
  vcc::Buffer<uint32_t> ids(count);
  for (size_t i = 0; i < count; ++i) ids.host()[i] = tokens[i];
  vcc::Buffer<float> x(count * w), normed(count * w), q(count * w), k(count * w), v(count * w),
      attended(count * w), projected(count * w), up(count * hidden);
  {
    auto table = weights_.cview();
    auto id = ids.cview();
    auto to = x.view();
    const size_t positions = tokenTable();
    vcc::parallel_for(vcc::Extent2{count, w}, [=] VCC_KERNEL(size_t i, size_t c) {
      to[i * w + c] = table[size_t{id[i]} * w + c] + table[positions + (position + i) * w + c];
    });
  }
  auto addInto = [](vcc::Buffer<float>& into, const vcc::Buffer<float>& add) {
    auto to = into.view();
    auto from = add.cview();
    vcc::parallel_for(to.size(), [=] VCC_KERNEL(size_t i) { to[i] = to[i] + from[i]; });
  };
  for (uint32_t layer = 0; layer < s_.layers; ++layer) {
    const LayerAt at = layerAt(layer);
    const float* wt = weights_.cview().data();
    vcc::ops::rmsnorm(x.cview().data(), wt + at.attentionNorm, kNormEpsilon, normed.view().data(), count, w);
    vcc::ops::matmul(normed.cview().data(), wt + at.query, q.view().data(), count, w, w);
    vcc::ops::matmul(normed.cview().data(), wt + at.key, k.view().data(), count, w, w);
    vcc::ops::matmul(normed.cview().data(), wt + at.value, v.view().data(), count, w, w);
    {
      // Into the cache: K transposed per head, V as it is.
      auto kIn = k.cview();
      auto vIn = v.cview();
      auto kCache = keys_.view();
      auto vCache = values_.view();
      const size_t keysAt = size_t{layer} * heads * hw * ctx, valuesAt = size_t{layer} * heads * ctx * hw;
      vcc::parallel_for(vcc::Extent2{count, w}, [=] VCC_KERNEL(size_t i, size_t c) {
        const size_t h = c / hw, d = c % hw, p = position + i;
        kCache[keysAt + (h * hw + d) * ctx + p] = kIn[i * w + c];
        vCache[valuesAt + (h * ctx + p) * hw + d] = vIn[i * w + c];
      });
    }
    attention(layer, count, position, q, attended);
    vcc::ops::matmul(attended.cview().data(), wt + at.output, projected.view().data(), count, w, w);
    addInto(x, projected);
    vcc::ops::rmsnorm(x.cview().data(), wt + at.mlpNorm, kNormEpsilon, normed.view().data(), count, w);
    vcc::ops::matmul(normed.cview().data(), wt + at.up, up.view().data(), count, w, hidden);
    vcc::ops::gelu(up.cview().data(), up.view().data(), count * hidden);
    vcc::ops::matmul(up.cview().data(), wt + at.down, projected.view().data(), count, hidden, w);
    addInto(x, projected);
  }
  // Only the last position's logits are needed.
  const float* wt = weights_.cview().data();
  vcc::ops::rmsnorm(x.cview().data() + (count - 1) * w, wt + finalNormAt(), kNormEpsilon, normed.view().data(), 1, w);
  vcc::ops::matmul(normed.cview().data(), wt + finalNormAt() + w, logits.view().data(), 1, w, s_.vocabulary);
}

// splitmix64: the request's seed drives every draw.
struct SplitMix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1) with 24 bits: exact in float.
  float uniform() { return static_cast<float>(next() >> 40) * 0x1p-24f; }
};

// The token drawn from softmax(logits / temperature): the first token whose
// running sum of probabilities (in token order) exceeds u; the last token
// with a nonzero probability if rounding leaves u above the total.
uint32_t draw(vcc::Buffer<float>& logits, float temperature, float u) {
  {
    auto z = logits.view();
    vcc::parallel_for(z.size(), [=] VCC_KERNEL(size_t i) { z[i] = z[i] / temperature; });
  }
  vcc::ops::softmax(logits.cview().data(), logits.view().data(), 1, logits.size());
  std::span<const float> p = logits.chost();
  float sum = 0.0f;
  uint32_t last = 0;
  for (uint32_t t = 0; t < p.size(); ++t) {
    if (!(p[t] > 0.0f)) continue;
    sum += p[t];
    last = t;
    if (u < sum) return t;
  }
  return last;
}

// Shared by generate and sample: temperature 0 takes the argmax.
vcc::bytes run(const vcc::bytes32& root, const std::string& prompt, uint32_t count, uint64_t seed, uint32_t temperatureMilli) {
  const vcc::oracle::Key key = vcc::oracle::keyOf(root);
  Shape shape;
  if (count == 0 || prompt.empty() || !readShape(key, shape) || prompt.size() > shape.context ||
      count > shape.context - prompt.size())
    return {};
  Model model(shape);
  if (!model.load(key)) return {};
  vcc::Buffer<float> logits(shape.vocabulary);
  vcc::bytes out;
  SplitMix rng{seed};
  const float temperature = static_cast<float>(temperatureMilli) / 1000.0f;
  model.forward(reinterpret_cast<const uint8_t*>(prompt.data()), prompt.size(), 0, logits);
  for (uint32_t n = 0; n < count; ++n) {
    const uint8_t token = static_cast<uint8_t>(
        temperatureMilli == 0 ? vcc::argmax(logits) : draw(logits, temperature, rng.uniform()));
    out.push_back(token);
    if (n + 1 < count) model.forward(&token, 1, prompt.size() + n, logits);
  }
  return out;
}

}  // namespace

VCC_METHOD std::tuple<uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint64_t> modelInfo(vcc::bytes32 model) {
  Shape s;
  if (!readShape(vcc::oracle::keyOf(model), s)) return {};
  return {s.vocabulary, s.width, s.layers, s.heads, s.context, s.hidden, s.parameters()};
}

VCC_METHOD vcc::bytes nextTokenLogits(vcc::bytes32 model, std::string prompt) {
  const vcc::oracle::Key key = vcc::oracle::keyOf(model);
  Shape shape;
  if (prompt.empty() || !readShape(key, shape) || prompt.size() > shape.context) return {};
  Model network(shape);
  if (!network.load(key)) return {};
  vcc::Buffer<float> logits(shape.vocabulary);
  network.forward(reinterpret_cast<const uint8_t*>(prompt.data()), prompt.size(), 0, logits);
  vcc::bytes out(logits.size() * sizeof(float));
  std::memcpy(out.data(), logits.chost().data(), out.size());
  return out;
}

VCC_METHOD vcc::bytes generate(vcc::bytes32 model, std::string prompt, uint32_t count) {
  return run(model, prompt, count, 0, 0);
}

VCC_METHOD vcc::bytes sample(vcc::bytes32 model, std::string prompt, uint32_t count, uint64_t seed,
                             uint32_t temperatureMilli) {
  return run(model, prompt, count, seed, temperatureMilli);
}
