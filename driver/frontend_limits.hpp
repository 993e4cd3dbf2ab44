// Resource limits around the in-process Clang frontend (docs/security.md):
// a service source is untrusted input, and a macro that expands to 2^30
// tokens must end in "out of memory" and exit 2, not take the machine.
#pragma once

#include <sys/resource.h>

#include <cstdint>

namespace vcc::driver {

// The frontend's address-space limit. Clang needs a few hundred MiB for a
// service; sanitizer builds reserve terabytes of shadow and go unlimited.
inline constexpr uint64_t kFrontendAddressSpaceBytes = uint64_t{8} << 30;

// Lowers the process's soft RLIMIT_AS to `bytes` (never raises it) for the
// object's lifetime, then restores it.
class ScopedAddressSpaceLimit {
public:
  explicit ScopedAddressSpaceLimit(uint64_t bytes) {
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
    bytes = 0;
#endif
#endif
    if (bytes == 0 || ::getrlimit(RLIMIT_AS, &saved_) != 0) return;
    struct rlimit lowered = saved_;
    if (lowered.rlim_cur != RLIM_INFINITY && lowered.rlim_cur <= bytes) return;
    lowered.rlim_cur = bytes;
    active_ = ::setrlimit(RLIMIT_AS, &lowered) == 0;
  }
  ~ScopedAddressSpaceLimit() {
    if (active_) ::setrlimit(RLIMIT_AS, &saved_);
  }
  ScopedAddressSpaceLimit(const ScopedAddressSpaceLimit&) = delete;
  ScopedAddressSpaceLimit& operator=(const ScopedAddressSpaceLimit&) = delete;

private:
  struct rlimit saved_ {};
  bool active_ = false;
};

}  // namespace vcc::driver
