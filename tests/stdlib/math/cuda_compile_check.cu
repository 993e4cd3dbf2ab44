// Compile-only check that every vcc::math function builds as CUDA device
// code with SPEC §4's nvcc flags (ctest stdlib.math.cuda_compiles; skipped
// when nvcc is not installed). The bitwise device test is math_bitwise-cuda
// (vcc_add_dual_program ... CUDA), which needs a GPU to run.
#include "vcc/math.hpp"

__global__ void evaluateAll(const double* x, double* out, const float* xf, float* outf) {
  namespace m = vcc::math;
  unsigned i = threadIdx.x;
  double d = x[i];
  float f = xf[i];
  out[i] = m::exp(d) + m::expm1(d) + m::log(d) + m::log1p(d) + m::pow(d, x[i + 1]) + m::sin(d) +
           m::cos(d) + m::tanh(d) + m::sigmoid(d) + m::erf(d) + m::erfc(d) + m::gelu(d) +
           m::rsqrt(d);
  outf[i] = m::exp(f) + m::expm1(f) + m::log(f) + m::log1p(f) + m::pow(f, xf[i + 1]) + m::sin(f) +
            m::cos(f) + m::tanh(f) + m::sigmoid(f) + m::erf(f) + m::erfc(f) + m::gelu(f) +
            m::gelu_tanh(f) + m::rsqrt(f);
}
