// The matrix multiplication service: a provider multiplies two square
// float32 matrices; the result is the same bits natively (CUDA, threads) and
// in the fraud-proof VM, so any dispute is settled by replaying it.
//
//   multiply(uint32 n, bytes a, bytes b) -> bytes
//
// a and b hold n×n float32 values, row-major, little-endian (4·n² bytes
// each); the response holds C = A·B in the same layout, every element
// computed as fma in ascending k (vcc::ops::matmul, docs/ops.md). A request
// whose sizes do not match n returns an empty result.
#include <vcc/buffer.hpp>
#include <vcc/ops.hpp>
#include <vcc/service.hpp>

#include <cstring>

namespace {

constexpr uint32_t kMaxDimension = 2048;

vcc::Buffer<float> matrixFrom(const vcc::bytes& raw) {
  vcc::Buffer<float> matrix(raw.size() / sizeof(float));
  std::memcpy(matrix.host().data(), raw.data(), raw.size());
  return matrix;
}

}  // namespace

VCC_METHOD vcc::bytes multiply(uint32_t n, vcc::bytes a, vcc::bytes b) {
  const size_t bytesPerMatrix = size_t{n} * n * sizeof(float);
  if (n == 0 || n > kMaxDimension || a.size() != bytesPerMatrix || b.size() != bytesPerMatrix) return {};
  vcc::Buffer<float> left = matrixFrom(a), right = matrixFrom(b), product(size_t{n} * n);
  vcc::ops::matmul(left.cview().data(), right.cview().data(), product.view().data(), n, n, n);
  vcc::bytes result(bytesPerMatrix);
  std::memcpy(result.data(), product.chost().data(), bytesPerMatrix);
  return result;
}

// The trace of A·B, reduced with the fixed tree of vcc::reduce_sum: a small
// second method, so that the service has more than one selector.
VCC_METHOD uint64_t traceBits(uint32_t n, vcc::bytes a, vcc::bytes b) {
  vcc::bytes product = multiply(n, a, b);
  if (product.empty()) return 0;
  vcc::Buffer<float> diagonal(n);
  std::span<float> host = diagonal.host();
  for (uint32_t i = 0; i < n; ++i) std::memcpy(&host[i], product.data() + (size_t{i} * n + i) * sizeof(float), sizeof(float));
  float trace = vcc::reduce_sum(diagonal);
  uint32_t bits;
  std::memcpy(&bits, &trace, sizeof bits);
  return bits;
}
