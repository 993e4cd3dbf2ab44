// The native backends behind the kernel API's narrow interface
// (vcc::detail::Backend in vcc/kernel.hpp): serial, threads and, in builds
// that link vcc::runtime_native_cuda, cuda. Each says only *where* work
// runs; results are the same bits on all of them (docs/kernels.md).
#pragma once

#include "vcc/kernel.hpp"

#include <cstddef>
#include <memory>
#include <string>

namespace vcc::native {

using Backend = vcc::detail::Backend;
using BackendKind = vcc::detail::BackendKind;

// Everything in order on the calling thread.
std::unique_ptr<Backend> makeSerialBackend();

// A persistent pool of `threads` threads (the caller counts as one; 0 means
// one per hardware thread), each task range handed out statically.
std::unique_ptr<Backend> makeThreadsBackend(size_t threads);

// The hardware threads the machine reports (at least 1).
size_t hardwareThreads();

// Makes the CUDA backend, or returns null and says why (no device, no
// driver). `hostThreads` sizes its pool for CPU-side work. Defined in
// vcc::runtime_native_cuda only; builds without CUDA pass no factory.
using CudaFactory = std::unique_ptr<Backend> (*)(size_t hostThreads, std::string& whyNot);
std::unique_ptr<Backend> makeCudaBackend(size_t hostThreads, std::string& whyNot);

// Installs a backend for the kernel API for the scope's lifetime, then
// puts back the one before.
class ScopedBackend {
public:
  explicit ScopedBackend(Backend& backend);
  ~ScopedBackend();
  ScopedBackend(const ScopedBackend&) = delete;
  ScopedBackend& operator=(const ScopedBackend&) = delete;

private:
  Backend* previous_;
};

const char* backendName(BackendKind kind);

}  // namespace vcc::native
