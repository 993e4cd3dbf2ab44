#pragma once

namespace vcc::native {

// Prints "vcc: BACKEND backend: OPERATION: MESSAGE" on stderr and ends the
// process with kExitBackendFailure.
[[noreturn]] void failBackend(const char* backend, const char* operation, const char* message);

}  // namespace vcc::native
