// The cuda backend: kernels and reductions launched by code that nvcc
// compiled (vcc/kernel.hpp's __CUDACC__ paths) run on device 0; Buffers keep
// a device copy in plain cudaMalloc memory; CPU-side tasks (host data, code
// not compiled by nvcc) run on a thread pool. The one default stream orders
// all launches and copies, so chained kernels need no synchronization and a
// copy back to the host waits for the kernels before it.
#include <cuda_runtime.h>
#include <memory>
#include <string>

#include "backend_failure.hpp"
#include "thread_pool.hpp"
#include "vcc/native/backends.hpp"

namespace vcc::native {
namespace {

class CudaBackend final : public Backend {
public:
  explicit CudaBackend(size_t hostThreads) : pool_(hostThreads) {}
  ~CudaBackend() override {
    // Errors are ignored here: at process exit the runtime may be gone.
    if (scratch_ != nullptr) cudaFree(scratch_);
  }

  BackendKind kind() const override { return BackendKind::cuda; }
  const char* name() const override { return "cuda"; }
  size_t concurrency() const override { return pool_.size(); }
  void runTasks(size_t count, detail::TaskFunction task, void* context) override {
    pool_.run(count, task, context);
  }

  bool hasDeviceMemory() const override { return true; }

  void* deviceAllocate(size_t bytes) override {
    void* pointer = nullptr;
    check(cudaMalloc(&pointer, bytes), "cudaMalloc");
    return pointer;
  }

  void deviceFree(void* pointer) override { cudaFree(pointer); }

  void copyToDevice(void* device, const void* host, size_t bytes) override {
    check(cudaMemcpy(device, host, bytes, cudaMemcpyHostToDevice), "copy to the device");
  }

  void copyToHost(void* host, const void* device, size_t bytes) override {
    // Also where a failed kernel (an illegal address, say) reports.
    check(cudaMemcpy(host, device, bytes, cudaMemcpyDeviceToHost), "copy to the host");
  }

  bool isDevicePointer(const void* pointer) const override {
    cudaPointerAttributes attributes{};
    if (cudaPointerGetAttributes(&attributes, pointer) != cudaSuccess) {
      cudaGetLastError();  // an unknown host pointer is not an error worth keeping
      return false;
    }
    return attributes.type == cudaMemoryTypeDevice || attributes.type == cudaMemoryTypeManaged;
  }

  void* deviceScratch(size_t bytes) override {
    if (bytes > scratchBytes_) {
      if (scratch_ != nullptr) check(cudaFree(scratch_), "cudaFree");
      scratch_ = nullptr;
      check(cudaMalloc(&scratch_, bytes), "cudaMalloc");
      scratchBytes_ = bytes;
    }
    return scratch_;
  }

  void synchronize() override { check(cudaDeviceSynchronize(), "synchronize"); }

  [[noreturn]] void fail(const char* operation, const char* message) override {
    failBackend("cuda", operation, message);
  }

private:
  void check(cudaError_t error, const char* operation) {
    if (error != cudaSuccess) fail(operation, cudaGetErrorString(error));
  }

  ThreadPool pool_;
  void* scratch_ = nullptr;
  size_t scratchBytes_ = 0;
};

}  // namespace

std::unique_ptr<Backend> makeCudaBackend(size_t hostThreads, std::string& whyNot) {
  int devices = 0;
  cudaError_t error = cudaGetDeviceCount(&devices);
  if (error != cudaSuccess) {
    whyNot = cudaGetErrorString(error);
    cudaGetLastError();
    return nullptr;
  }
  if (devices == 0) {
    whyNot = "no CUDA device found";
    return nullptr;
  }
  error = cudaSetDevice(0);
  if (error == cudaSuccess) error = cudaFree(nullptr);  // creates the context now, not mid-kernel
  if (error != cudaSuccess) {
    whyNot = std::string("device 0: ") + cudaGetErrorString(error);
    cudaGetLastError();
    return nullptr;
  }
  return std::make_unique<CudaBackend>(hostThreads);
}

}  // namespace vcc::native
