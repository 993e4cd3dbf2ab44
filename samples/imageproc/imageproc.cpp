// Image filters on 8-bit grayscale images, written on the kernel API
// (parallel_for, reduce): one iteration per output pixel or bin, the shape
// GPU work has. Integer arithmetic with the rounding written out, so the
// pixels are the same natively (serial, threads, CUDA) and in the VM. The
// README defines every filter exactly; make_image.py holds an independent
// implementation that the test checks against.
//
// An image is width × height bytes, row-major; `pixels` must hold exactly
// that many (1 ≤ width, height ≤ 8192, at most 2^26 pixels), else the
// result is empty.
//
//   blur(uint32 width, uint32 height, bytes pixels) -> bytes         5×5 binomial Gaussian
//   sobel(uint32 width, uint32 height, bytes pixels) -> bytes        edge magnitude
//   resize(uint32 width, uint32 height, bytes pixels, uint32 newWidth, uint32 newHeight) -> bytes
//   histogram(uint32 width, uint32 height, bytes pixels) -> uint32[]  256 bins
//   statistics(uint32 width, uint32 height, bytes pixels) -> (uint64,uint32,uint32)  sum, min, max
//   edges(bytes32 image, uint32 newWidth, uint32 newHeight) -> (bytes,uint32[],uint64)
//       an image blob from the data store: blur, resize, sobel; the edge
//       image, its histogram and its sum
#include <vcc/buffer.hpp>
#include <vcc/kernel.hpp>
#include <vcc/oracle.hpp>
#include <vcc/service.hpp>

#include <cstring>
#include <tuple>
#include <vector>

namespace {

constexpr uint32_t kMaxSide = 8192;
constexpr size_t kMaxPixels = size_t{1} << 26;
constexpr uint32_t kMagic = 0x314d4956;  // "VIM1" little-endian
constexpr size_t kHeaderBytes = 16;
constexpr size_t kRowsPerPartial = 64;   // histogram: rows counted by one iteration

struct Image {
  uint32_t width = 0, height = 0;
  vcc::Buffer<uint8_t> pixels;
  size_t size() const { return size_t{width} * height; }
};

bool validShape(uint32_t width, uint32_t height) {
  return width != 0 && height != 0 && width <= kMaxSide && height <= kMaxSide &&
         size_t{width} * height <= kMaxPixels;
}

bool imageOf(uint32_t width, uint32_t height, const vcc::bytes& pixels, Image& image) {
  if (!validShape(width, height) || pixels.size() != size_t{width} * height) return false;
  image.width = width;
  image.height = height;
  image.pixels = vcc::Buffer<uint8_t>(pixels.size());
  std::memcpy(image.pixels.host().data(), pixels.data(), pixels.size());
  return true;
}

vcc::bytes bytesOf(const Image& image) {
  vcc::bytes out(image.size());
  std::memcpy(out.data(), image.pixels.chost().data(), out.size());
  return out;
}

// Clamp-to-edge index.
VCC_HD inline size_t clampIndex(int64_t i, size_t n) {
  return i < 0 ? 0 : (i >= static_cast<int64_t>(n) ? n - 1 : static_cast<size_t>(i));
}

// floor(sqrt(v)) for v < 2^32, exactly (bit by bit).
VCC_HD inline uint32_t integerSqrt(uint32_t v) {
  uint32_t root = 0, bit = 1u << 30;
  while (bit > v) bit >>= 2;
  while (bit != 0) {
    if (v >= root + bit) {
      v -= root + bit;
      root = (root >> 1) + bit;
    } else {
      root >>= 1;
    }
    bit >>= 2;
  }
  return root;
}

// 5×5 binomial kernel (1 4 6 4 1)ᵀ(1 4 6 4 1) / 256: a horizontal pass
// into exact 16-bit sums, then a vertical one, rounded half up once.
Image blurred(const Image& in) {
  const size_t w = in.width, h = in.height;
  vcc::Buffer<uint16_t> rows(in.size());
  Image out{in.width, in.height, vcc::Buffer<uint8_t>(in.size())};
  {
    auto src = in.pixels.cview();
    auto dst = rows.view();
    vcc::parallel_for(vcc::Extent2{h, w}, [=] VCC_KERNEL(size_t y, size_t x) {
      const uint16_t k[5] = {1, 4, 6, 4, 1};
      uint32_t acc = 0;
      for (int j = 0; j < 5; ++j) acc += k[j] * uint32_t{src[y * w + clampIndex(int64_t(x) + j - 2, w)]};
      dst[y * w + x] = static_cast<uint16_t>(acc);
    });
  }
  auto src = rows.cview();
  auto dst = out.pixels.view();
  vcc::parallel_for(vcc::Extent2{h, w}, [=] VCC_KERNEL(size_t y, size_t x) {
    const uint32_t k[5] = {1, 4, 6, 4, 1};
    uint32_t acc = 0;
    for (int i = 0; i < 5; ++i) acc += k[i] * uint32_t{src[clampIndex(int64_t(y) + i - 2, h) * w + x]};
    dst[y * w + x] = static_cast<uint8_t>((acc + 128) >> 8);
  });
  return out;
}

// Sobel: gx = [-1 0 1; -2 0 2; -1 0 1], gy its transpose, clamped edges;
// the pixel is min(255, floor(sqrt(gx² + gy²))).
Image edgeMagnitude(const Image& in) {
  const size_t w = in.width, h = in.height;
  Image out{in.width, in.height, vcc::Buffer<uint8_t>(in.size())};
  auto src = in.pixels.cview();
  auto dst = out.pixels.view();
  vcc::parallel_for(vcc::Extent2{h, w}, [=] VCC_KERNEL(size_t y, size_t x) {
    int32_t p[3][3];
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j)
        p[i][j] = src[clampIndex(int64_t(y) + i - 1, h) * w + clampIndex(int64_t(x) + j - 1, w)];
    const int32_t gx = (p[0][2] + 2 * p[1][2] + p[2][2]) - (p[0][0] + 2 * p[1][0] + p[2][0]);
    const int32_t gy = (p[2][0] + 2 * p[2][1] + p[2][2]) - (p[0][0] + 2 * p[0][1] + p[0][2]);
    const uint32_t m = integerSqrt(static_cast<uint32_t>(gx * gx + gy * gy));
    dst[y * w + x] = static_cast<uint8_t>(m > 255 ? 255 : m);
  });
  return out;
}

// The source position of output pixel d (of newN) in 16.16 fixed point.
VCC_HD inline int64_t sourceCoordinate(size_t d, size_t n, size_t newN) {
  const int64_t s = static_cast<int64_t>(((2 * d + 1) * n << 16) / (2 * newN)) - (int64_t{1} << 15);
  const int64_t last = static_cast<int64_t>(n - 1) << 16;
  return s < 0 ? int64_t{0} : (s > last ? last : s);
}

// Bilinear with pixel centres aligned (as OpenCV's INTER_LINEAR), in 16.16
// fixed point: s = ((2d + 1)·n·2^16) / (2·newN) − 2^15 (integer division),
// clamped to [0, (n − 1)·2^16]; the four neighbours weighted by the
// fractions, rounded half up once at the end (>> 32).
Image resized(const Image& in, uint32_t newWidth, uint32_t newHeight) {
  const size_t w = in.width, h = in.height, nw = newWidth, nh = newHeight;
  Image out{newWidth, newHeight, vcc::Buffer<uint8_t>(nw * nh)};
  auto src = in.pixels.cview();
  auto dst = out.pixels.view();
  vcc::parallel_for(vcc::Extent2{nh, nw}, [=] VCC_KERNEL(size_t y, size_t x) {
    const int64_t sx = sourceCoordinate(x, w, nw), sy = sourceCoordinate(y, h, nh);
    const size_t x0 = static_cast<size_t>(sx >> 16), y0 = static_cast<size_t>(sy >> 16);
    const size_t x1 = x0 + 1 < w ? x0 + 1 : x0, y1 = y0 + 1 < h ? y0 + 1 : y0;
    const uint64_t fx = static_cast<uint64_t>(sx & 0xffff), fy = static_cast<uint64_t>(sy & 0xffff);
    const uint64_t top = src[y0 * w + x0] * ((1u << 16) - fx) + src[y0 * w + x1] * fx;
    const uint64_t bottom = src[y1 * w + x0] * ((1u << 16) - fx) + src[y1 * w + x1] * fx;
    dst[y * nw + x] = static_cast<uint8_t>((top * ((1u << 16) - fy) + bottom * fy + (uint64_t{1} << 31)) >> 32);
  });
  return out;
}

// Partial histograms of kRowsPerPartial rows each (one iteration per
// partial), then one iteration per bin adding the partials: integer sums,
// so the counts do not depend on how the work is split.
std::vector<uint32_t> histogramOf(const Image& in) {
  const size_t w = in.width, h = in.height, parts = (h + kRowsPerPartial - 1) / kRowsPerPartial;
  vcc::Buffer<uint32_t> partial(parts * 256), bins(256);
  {
    auto src = in.pixels.cview();
    auto counts = partial.view();
    vcc::parallel_for(parts, [=] VCC_KERNEL(size_t part) {
      const size_t end = (part + 1) * kRowsPerPartial < h ? (part + 1) * kRowsPerPartial : h;
      for (size_t i = part * kRowsPerPartial * w; i < end * w; ++i) counts[part * 256 + src[i]] += 1;
    });
  }
  auto counts = partial.cview();
  auto total = bins.view();
  vcc::parallel_for(size_t{256}, [=] VCC_KERNEL(size_t bin) {
    uint32_t sum = 0;
    for (size_t part = 0; part < parts; ++part) sum += counts[part * 256 + bin];
    total[bin] = sum;
  });
  std::span<const uint32_t> host = bins.chost();
  return std::vector<uint32_t>(host.begin(), host.end());
}

struct Summary {
  uint64_t sum;
  uint32_t minimum, maximum;
};

Summary summaryOf(const Image& in) {
  auto src = in.pixels.cview();
  return vcc::reduce(
      in.size(), Summary{0, 255, 0}, [=] VCC_KERNEL(size_t i) { return Summary{src[i], src[i], src[i]}; },
      [] VCC_KERNEL(Summary a, Summary b) {
        return Summary{a.sum + b.sum, a.minimum < b.minimum ? a.minimum : b.minimum,
                       a.maximum > b.maximum ? a.maximum : b.maximum};
      });
}

uint32_t load32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

}  // namespace

VCC_METHOD vcc::bytes blur(uint32_t width, uint32_t height, vcc::bytes pixels) {
  Image image;
  return imageOf(width, height, pixels, image) ? bytesOf(blurred(image)) : vcc::bytes{};
}

VCC_METHOD vcc::bytes sobel(uint32_t width, uint32_t height, vcc::bytes pixels) {
  Image image;
  return imageOf(width, height, pixels, image) ? bytesOf(edgeMagnitude(image)) : vcc::bytes{};
}

VCC_METHOD vcc::bytes resize(uint32_t width, uint32_t height, vcc::bytes pixels, uint32_t newWidth,
                             uint32_t newHeight) {
  Image image;
  if (!validShape(newWidth, newHeight) || !imageOf(width, height, pixels, image)) return {};
  return bytesOf(resized(image, newWidth, newHeight));
}

VCC_METHOD std::vector<uint32_t> histogram(uint32_t width, uint32_t height, vcc::bytes pixels) {
  Image image;
  return imageOf(width, height, pixels, image) ? histogramOf(image) : std::vector<uint32_t>{};
}

VCC_METHOD std::tuple<uint64_t, uint32_t, uint32_t> statistics(uint32_t width, uint32_t height, vcc::bytes pixels) {
  Image image;
  if (!imageOf(width, height, pixels, image)) return {};
  const Summary s = summaryOf(image);
  return {s.sum, s.minimum, s.maximum};
}

// The image blob: "VIM1", width u32, height u32, 0 u32, then the pixels.
VCC_METHOD std::tuple<vcc::bytes, std::vector<uint32_t>, uint64_t> edges(vcc::bytes32 image, uint32_t newWidth,
                                                                        uint32_t newHeight) {
  const vcc::oracle::Key key = vcc::oracle::keyOf(image);
  uint8_t header[kHeaderBytes];
  if (vcc::oracle::read(key, 0, header) != kHeaderBytes || load32(header) != kMagic) return {};
  Image source;
  source.width = load32(header + 4);
  source.height = load32(header + 8);
  if (!validShape(source.width, source.height) || !validShape(newWidth, newHeight) ||
      vcc::oracle::size(key) != kHeaderBytes + source.size())
    return {};
  source.pixels = vcc::Buffer<uint8_t>(source.size());
  if (vcc::oracle::read(key, kHeaderBytes, source.pixels.host()) != source.size()) return {};
  const Image result = edgeMagnitude(resized(blurred(source), newWidth, newHeight));
  return {bytesOf(result), histogramOf(result), summaryOf(result).sum};
}
