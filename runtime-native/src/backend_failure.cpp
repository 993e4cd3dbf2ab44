#include "backend_failure.hpp"

#include "vcc/native/exit_codes.hpp"

#include <cstdio>
#include <cstdlib>

namespace vcc::native {

void failBackend(const char* backend, const char* operation, const char* message) {
  std::fflush(stdout);
  std::fprintf(stderr, "vcc: %s backend: %s: %s\n", backend, operation, message);
  std::exit(kExitBackendFailure);
}

}  // namespace vcc::native
