// The parts of the C++ ABI runtime (libc++abi) that code compiled with
// -fno-exceptions -fno-rtti still calls: pure and deleted virtual calls and
// the guards of function-local statics (one thread, so no locking).
#include <stdint.h>

#include "runtime_internal.h"

extern "C" {

void __cxa_pure_virtual() { __vcc_trap("vcc: pure virtual function called\n"); }
void __cxa_deleted_virtual() { __vcc_trap("vcc: deleted virtual function called\n"); }

// The guard's first byte is 1 once the static is initialized (Itanium ABI);
// the second byte marks an initialization in progress, to catch recursion.
int __cxa_guard_acquire(uint64_t* guard) {
  auto* bytes = reinterpret_cast<uint8_t*>(guard);
  if (bytes[0] != 0) return 0;
  if (bytes[1] != 0) __vcc_trap("vcc: recursive initialization of a function-local static\n");
  bytes[1] = 1;
  return 1;
}
void __cxa_guard_release(uint64_t* guard) {
  auto* bytes = reinterpret_cast<uint8_t*>(guard);
  bytes[1] = 0;
  bytes[0] = 1;
}
void __cxa_guard_abort(uint64_t* guard) { reinterpret_cast<uint8_t*>(guard)[1] = 0; }

}  // extern "C"
