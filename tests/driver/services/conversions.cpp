// A test service whose results C++ leaves to the target: float-to-integer
// casts of NaN and out-of-range values, and fmin/fmax of zeros of both
// signs. vcc's IR plugin rewrites them in every compile of a service (the
// native one, the host half of nvcc's and the RISC-V image's), so both
// artifacts agree (docs/passes.md, "Canonicalizations"). The casts run on
// the host and in a kernel (the cuda backend's device code, when built).
//
//   convert(bytes doubles) -> bytes   per input, 40 bytes: the int32,
//       uint32, int64 and uint64 casts, fmin(x, -0.0) and fmax(x, +0.0),
//       little-endian, in that order
//   castInKernel(bytes doubles) -> bytes   per input, int32 cast (4 bytes)
#include <vcc/buffer.hpp>
#include <vcc/kernel.hpp>
#include <vcc/service.hpp>

#include <cmath>
#include <cstring>

namespace {

template <class T> void put(uint8_t* at, T value) { std::memcpy(at, &value, sizeof value); }

double doubleAt(const vcc::bytes& raw, size_t i) {
  double value;
  std::memcpy(&value, raw.data() + i * sizeof value, sizeof value);
  return value;
}

}  // namespace

VCC_METHOD vcc::bytes convert(vcc::bytes doubles) {
  const size_t n = doubles.size() / sizeof(double);
  vcc::bytes out(n * 40);
  for (size_t i = 0; i < n; ++i) {
    const double x = doubleAt(doubles, i);
    uint8_t* block = out.data() + i * 40;
    put(block, static_cast<int32_t>(x));
    put(block + 4, static_cast<uint32_t>(x));
    put(block + 8, static_cast<int64_t>(x));
    put(block + 16, static_cast<uint64_t>(x));
    put(block + 24, std::fmin(x, -0.0));
    put(block + 32, std::fmax(x, 0.0));
  }
  return out;
}

VCC_METHOD vcc::bytes castInKernel(vcc::bytes doubles) {
  const size_t n = doubles.size() / sizeof(double);
  vcc::Buffer<double> in(n);
  for (size_t i = 0; i < n; ++i) in.host()[i] = doubleAt(doubles, i);
  vcc::Buffer<int32_t> cast(n);
  const double* source = in.cview().data();
  int32_t* target = cast.view().data();
  vcc::parallel_for(n, [=] VCC_KERNEL(size_t i) { target[i] = static_cast<int32_t>(source[i]); });
  vcc::bytes out(n * 4);
  std::memcpy(out.data(), cast.chost().data(), n * 4);
  return out;
}
