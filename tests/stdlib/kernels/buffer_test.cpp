// vcc::Buffer: one copy on the CPU backends; with device memory (a fake
// backend whose "device" is separate host memory, so the bookkeeping can be
// checked without a GPU) chained kernels copy nothing and each side copies
// once when it next looks.
#include "test_support.hpp"
#include "vcc/buffer.hpp"
#include "vcc/native/backends.hpp"

#include <cstring>
#include <gtest/gtest.h>
#include <set>
#include <vector>

namespace vcc {
namespace {

class FakeDeviceBackend final : public detail::Backend {
public:
  detail::BackendKind kind() const override { return detail::BackendKind::serial; }
  const char* name() const override { return "fake-device"; }
  size_t concurrency() const override { return 1; }
  void runTasks(size_t count, detail::TaskFunction task, void* context) override {
    for (size_t t = 0; t < count; ++t)
      task(context, t);
  }
  bool hasDeviceMemory() const override { return true; }
  void* deviceAllocate(size_t bytes) override {
    void* memory = ::operator new(bytes);
    std::memset(memory, 0xAB, bytes);  // not the host's values
    live.insert(memory);
    ++allocations;
    return memory;
  }
  void deviceFree(void* pointer) override {
    EXPECT_EQ(live.erase(pointer), 1u);
    ::operator delete(pointer);
  }
  void copyToDevice(void* device, const void* host, size_t bytes) override {
    EXPECT_TRUE(live.count(device));
    std::memcpy(device, host, bytes);
    ++uploads;
  }
  void copyToHost(void* host, const void* device, size_t bytes) override {
    EXPECT_TRUE(live.count(const_cast<void*>(device)));
    std::memcpy(host, device, bytes);
    ++downloads;
  }
  bool isDevicePointer(const void* pointer) const override {
    for (void* block : live)
      if (pointer == block) return true;
    return false;
  }
  [[noreturn]] void fail(const char* operation, const char* message) override {
    std::fprintf(stderr, "fake-device: %s: %s\n", operation, message);
    std::abort();
  }

  std::set<void*> live;
  int allocations = 0, uploads = 0, downloads = 0;
};

TEST(Buffer, StartsZeroedAndKeepsHostValues) {
  Buffer<int> zeros(5);
  for (int v : zeros.chost())
    EXPECT_EQ(v, 0);
  Buffer<double> filled(3, 2.5);
  EXPECT_EQ(filled.to_vector(), (std::vector<double>{2.5, 2.5, 2.5}));
  std::vector<float> values = {1, 2, 3};
  Buffer<float> copied(values);
  EXPECT_EQ(copied.to_vector(), values);
  EXPECT_TRUE(Buffer<int>().empty());
}

TEST(Buffer, OnTheCpuViewsAreTheHostMemory) {
  auto pool = native::makeThreadsBackend(3);
  native::ScopedBackend installed(*pool);
  Buffer<float> x(5000);
  EXPECT_EQ(x.view().data(), x.host().data());
  EXPECT_EQ(x.cview().data(), x.chost().data());
}

TEST(Buffer, ChainedKernelsCopyNothing) {
  FakeDeviceBackend device;
  native::ScopedBackend installed(device);
  Buffer<float> x(std::vector<float>{1, 2, 3, 4}), y(4);
  auto in = x.cview();
  auto out = y.view();
  EXPECT_EQ(device.uploads, 2);  // each buffer's values once
  parallel_for(4, [=](size_t i) { out[i] = in[i] * 2; });
  auto again = y.view();
  parallel_for(4, [=](size_t i) { again[i] += 1; });
  auto third = x.cview();
  (void)third;
  EXPECT_EQ(device.uploads, 2);
  EXPECT_EQ(device.downloads, 0);
  EXPECT_EQ(y.to_vector(), (std::vector<float>{3, 5, 7, 9}));
  EXPECT_EQ(device.downloads, 1);
  y.chost();
  y.cview();  // host and device agree after a read
  EXPECT_EQ(device.downloads, 1);
  EXPECT_EQ(device.uploads, 2);
}

TEST(Buffer, HostWritesGoBackToTheKernels) {
  FakeDeviceBackend device;
  native::ScopedBackend installed(device);
  Buffer<int> x(3);
  x.cview();
  x.host()[1] = 42;
  auto v = x.cview();
  EXPECT_EQ(v[1], 42);
  EXPECT_EQ(device.uploads, 2);
  EXPECT_EQ(device.downloads, 0);  // the kernel view never wrote
}

TEST(Buffer, FreesItsDeviceCopy) {
  FakeDeviceBackend device;
  native::ScopedBackend installed(device);
  {
    Buffer<double> x(100);
    x.view();
    Buffer<double> moved(std::move(x));
    EXPECT_EQ(device.live.size(), 1u);
    Buffer<double> cloned = moved.clone();
    EXPECT_EQ(device.live.size(), 1u);  // a clone lives on the host until used
  }
  EXPECT_TRUE(device.live.empty());
  EXPECT_EQ(device.downloads, 1);  // clone() read it; destruction does not
}

TEST(Buffer, ComesHomeWhenTheBackendChanges) {
  FakeDeviceBackend device;
  auto serial = native::makeSerialBackend();
  Buffer<int> x(4);
  {
    native::ScopedBackend installed(device);
    auto v = x.view();
    parallel_for(4, [=](size_t i) { v[i] = static_cast<int>(i) + 10; });
  }
  native::ScopedBackend installed(*serial);
  auto v = x.cview();
  EXPECT_EQ(v.data(), x.chost().data());
  EXPECT_EQ(x.to_vector(), (std::vector<int>{10, 11, 12, 13}));
}

TEST(BufferDeathTest, DeviceDataInCodeNotCompiledByNvccIsReported) {
  EXPECT_DEATH(
      {
        FakeDeviceBackend device;
        native::ScopedBackend installed(device);
        Buffer<float> x(10, 1.0f);
        (void)reduce_sum(x);
      },
      "not compiled by nvcc");
}

TEST(Buffer, ReductionsOnHostBuffersAndViews) {
  auto pool = native::makeThreadsBackend(2);
  native::ScopedBackend installed(*pool);
  Buffer<double> a(std::vector<double>{1, -0.0, 3, 3}), b(std::vector<double>{2, 2, 2, 2});
  EXPECT_EQ(reduce_sum(a), 7.0);
  EXPECT_EQ(reduce_max(a.view()), 3.0);
  EXPECT_EQ(argmax(a.cview()), 2u);
  EXPECT_EQ(dot(a, b), 14.0);
  EXPECT_EQ(dot(a.view(), b.cview()), 14.0);
}

}  // namespace
}  // namespace vcc
