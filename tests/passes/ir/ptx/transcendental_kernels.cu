// Kernels that no flag makes bit-exact: CUDA's expf and __sinf are built on
// ex2.approx / sin.approx, and a float atomicAdd sums in arrival order.
__global__ void activate(const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = expf(x[i]) + __sinf(x[i]);
}

__global__ void total(const float* x, float* sum, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) atomicAdd(sum, x[i]);
}
