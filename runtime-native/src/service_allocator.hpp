// Switching malloc between the service heap and glibc's (service_allocator.cpp).
#pragma once

#include "vcc/native/exit_codes.hpp"

namespace vcc::native {

// true: malloc and operator new allocate from the service heap; false: from
// glibc's, for the runtime's own work.
void setServiceHeapMode(bool service);

// The service heap for the lifetime of the scope.
class ServiceHeapScope {
public:
  ServiceHeapScope() { setServiceHeapMode(true); }
  ~ServiceHeapScope() { setServiceHeapMode(false); }
  ServiceHeapScope(const ServiceHeapScope&) = delete;
  ServiceHeapScope& operator=(const ServiceHeapScope&) = delete;
};

}  // namespace vcc::native
