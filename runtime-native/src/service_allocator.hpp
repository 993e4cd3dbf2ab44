// Switching malloc between the service heap and glibc's (service_allocator.cpp).
#pragma once

#include "vcc/native/exit_codes.hpp"

namespace vcc::native {

// true: malloc and operator new allocate from the service heap; false: from
// glibc's, for the runtime's own work.
void setServiceHeapMode(bool service);

// An empty service heap again, every byte zero (in-process fuzzing: each
// input starts as a fresh process would).
void restartServiceHeap();

// The service heap for the lifetime of the scope.
class ServiceHeapScope {
public:
  ServiceHeapScope() { setServiceHeapMode(true); }
  ~ServiceHeapScope() { setServiceHeapMode(false); }
  ServiceHeapScope(const ServiceHeapScope&) = delete;
  ServiceHeapScope& operator=(const ServiceHeapScope&) = delete;
};

}  // namespace vcc::native
