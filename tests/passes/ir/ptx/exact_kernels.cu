// Kernels that use only IEEE-exact operations: with vcc's CUDA flags
// (-fmad=false -prec-div=true -prec-sqrt=true -ftz=false) their PTX has no
// finding; with nvcc's defaults or -use_fast_math it has.
__global__ void axpy(float a, const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}

__global__ void normalize(const float* x, float* y, const double* u, double* v, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    y[i] = x[i] / sqrtf(x[i] * x[i] + 1.0f) + fmaf(x[i], 2.0f, 1.0f);
    v[i] = u[i] * u[i] - u[i] / 3.0 + sqrt(u[i]);
  }
}
