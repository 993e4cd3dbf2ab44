// vcc::Buffer<T>: an array that kernels read and write on every backend,
// and vcc::View<T>, what a kernel captures to reach it.
//
//   vcc::Buffer<float> x(n), y(n);
//   std::ranges::copy(input, x.host().begin());          // host side
//   auto in = x.cview();
//   auto out = y.view();
//   vcc::parallel_for(n, [=] VCC_KERNEL(size_t i) { out[i] = 2 * in[i]; });
//   float total = vcc::reduce_sum(y);                   // runs where y lives
//   std::span<const float> result = y.chost();          // waits, copies back once
//
// Where the data lives (docs/kernels.md): on the CPU backends and in the VM
// there is one copy, in host memory, and views point at it. On the cuda
// backend the buffer keeps a device copy (plain cudaMalloc memory, not
// managed memory) beside the host copy and remembers which one is current:
// view() uploads only when the host copy changed since, host() downloads
// only when a kernel may have written since (cudaMemcpy also waits for the
// kernels). Chained kernels therefore never copy; each side pays one copy
// when it next looks. Managed memory was not chosen: page-fault migration
// makes timings depend on access patterns, it can oversubscribe the GPU,
// and explicit copies keep the cost visible.
//
// Rules: take a view right before the kernels that use it; a host() or
// view() call after that makes older views stale (they may point at the
// copy that is no longer current). Use cview()/chost() when only reading,
// so the other copy stays valid. A Buffer is moved, not copied (clone()
// copies explicitly).
#pragma once

#include "vcc/config.hpp"
#include "vcc/kernel.hpp"

#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace vcc {

// A pointer and a length that kernels capture by value.
template <class T> class View {
public:
  View() = default;
  VCC_HD View(T* data, size_t size) : data_(data), size_(size) {}
  // A View<T> converts to a View<const T>.
  template <class U>
  requires(std::is_same_v<const U, T> && !std::is_same_v<U, T>) VCC_HD View(View<U> other)
      : data_(other.data()), size_(other.size()) {}

  VCC_HD T& operator[](size_t i) const { return data_[i]; }
  VCC_HD T* data() const { return data_; }
  VCC_HD size_t size() const { return size_; }
  VCC_HD bool empty() const { return size_ == 0; }

private:
  T* data_ = nullptr;
  size_t size_ = 0;
};

template <class T> class Buffer {
  static_assert(std::is_trivially_copyable_v<T>, "Buffer elements are copied bytewise");

public:
  Buffer() = default;
  // n zero-initialized elements.
  explicit Buffer(size_t n) : host_(n != 0 ? new T[n]() : nullptr), size_(n) {}
  Buffer(size_t n, const T& value) : Buffer(n) {
    for (size_t i = 0; i < n; ++i)
      host_[i] = value;
  }
  explicit Buffer(std::span<const T> values) : Buffer(values.size()) {
    if (!values.empty()) std::memcpy(host_.get(), values.data(), values.size_bytes());
  }
  explicit Buffer(const std::vector<T>& values) : Buffer(std::span<const T>(values)) {}

  Buffer(Buffer&& other) noexcept { swap(other); }
  Buffer& operator=(Buffer&& other) noexcept {
    Buffer moved(std::move(other));
    swap(moved);
    return *this;
  }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer() { releaseDevice(/*keepValues=*/false); }

  // A copy with its own storage (on the host).
  Buffer clone() const { return Buffer(chost()); }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Kernel access, in the memory the installed backend's kernels use.
  // view() may be written through; cview() (and view() of a const Buffer)
  // only read.
  View<T> view() { return View<T>(kernelData(/*write=*/true), size_); }
  View<const T> cview() const { return View<const T>(kernelData(/*write=*/false), size_); }
  View<const T> view() const { return cview(); }

  // Host access: waits for the kernels and copies back when they may have
  // written since the last host access.
  std::span<T> host() { return std::span<T>(hostData(/*write=*/true), size_); }
  std::span<const T> chost() const { return std::span<const T>(hostData(/*write=*/false), size_); }
  std::span<const T> host() const { return chost(); }

  std::vector<T> to_vector() const {
    std::span<const T> values = chost();
    return std::vector<T>(values.begin(), values.end());
  }

  void swap(Buffer& other) noexcept {
    std::swap(host_, other.host_);
    std::swap(size_, other.size_);
    std::swap(device_, other.device_);
    std::swap(deviceOwner_, other.deviceOwner_);
    std::swap(current_, other.current_);
  }

private:
  // Which copy holds the latest values (only meaningful with a device copy).
  enum class Current : uint8_t { host, device, both };

  T* kernelData(bool write) const {
#if !VCC_TARGET_GUEST
    detail::Backend* backend = detail::installedBackend;
    if (size_ != 0 && backend != nullptr && backend->hasDeviceMemory()) {
      if (device_ != nullptr && deviceOwner_ != backend) releaseDevice(/*keepValues=*/true);
      if (device_ == nullptr) {
        device_ = static_cast<T*>(backend->deviceAllocate(size_ * sizeof(T)));
        deviceOwner_ = backend;
        current_ = Current::host;
      }
      if (current_ == Current::host) backend->copyToDevice(device_, host_.get(), size_ * sizeof(T));
      current_ = write ? Current::device : Current::both;
      return device_;
    }
#endif
    return hostData(write);
  }

  T* hostData(bool write) const {
#if !VCC_TARGET_GUEST
    if (device_ != nullptr) {
      if (current_ == Current::device)
        deviceOwner_->copyToHost(host_.get(), device_, size_ * sizeof(T));
      current_ = write ? Current::host : Current::both;
    }
#else
    (void)write;
#endif
    return host_.get();
  }

  // Frees the device copy, first bringing its values home if asked (when
  // the installed backend changed since it was made).
  void releaseDevice(bool keepValues) const {
#if !VCC_TARGET_GUEST
    if (device_ == nullptr) return;
    if (keepValues) hostData(/*write=*/true);
    deviceOwner_->deviceFree(device_);
    device_ = nullptr;
    deviceOwner_ = nullptr;
#else
    (void)keepValues;
#endif
  }

  std::unique_ptr<T[]> host_;
  size_t size_ = 0;
  mutable T* device_ = nullptr;
  mutable detail::Backend* deviceOwner_ = nullptr;
  mutable Current current_ = Current::host;
};

// Reductions of a whole buffer, run where its current copy is.
template <class T> T reduce_sum(const Buffer<T>& data) {
  return reduce_sum(data.cview().data(), data.size());
}
template <class T> T reduce_max(const Buffer<T>& data) {
  return reduce_max(data.cview().data(), data.size());
}
template <class T> size_t argmax(const Buffer<T>& data) {
  return argmax(data.cview().data(), data.size());
}
// The shorter length wins if the two differ.
template <class T> T dot(const Buffer<T>& a, const Buffer<T>& b) {
  return dot(a.cview().data(), b.cview().data(), a.size() < b.size() ? a.size() : b.size());
}

// The same on views (already in the memory kernels use).
template <class T> std::remove_const_t<T> reduce_sum(View<T> data) {
  return reduce_sum<std::remove_const_t<T>>(data.data(), data.size());
}
template <class T> std::remove_const_t<T> reduce_max(View<T> data) {
  return reduce_max<std::remove_const_t<T>>(data.data(), data.size());
}
template <class T> size_t argmax(View<T> data) {
  return argmax<std::remove_const_t<T>>(data.data(), data.size());
}
template <class T, class U> std::remove_const_t<T> dot(View<T> a, View<U> b) {
  static_assert(std::is_same_v<std::remove_const_t<T>, std::remove_const_t<U>>);
  return dot<std::remove_const_t<T>>(a.data(), b.data(), a.size() < b.size() ? a.size() : b.size());
}

}  // namespace vcc
