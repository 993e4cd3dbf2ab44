// A test-only CPU backend for the kernel API: N threads that take tasks in a
// different order on every run, to show that results do not depend on the
// schedule. (runtime-native's threads backend is the production one; this
// keeps ops_tests free of it.)
#pragma once

#include "vcc/kernel.hpp"

#include <cstddef>

namespace vcc::ops::testing {

// Installs an N-thread CPU backend for its lifetime.
class ScopedThreads {
public:
  explicit ScopedThreads(size_t threads);
  ~ScopedThreads();
  ScopedThreads(const ScopedThreads&) = delete;
  ScopedThreads& operator=(const ScopedThreads&) = delete;

private:
  vcc::detail::Backend* backend_;
  vcc::detail::Backend* previous_;
};

} // namespace vcc::ops::testing
