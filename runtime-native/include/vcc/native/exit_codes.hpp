// Exit codes of native dual-program and service executables
// (docs/kernels.md). 0 and 2 follow SPEC §1; the others mirror the guest
// runtime's codes (runtime-vm/guest/include/vcc/guest/exit_codes.h) so a
// program fails alike on both targets where it can.
#pragma once

namespace vcc::native {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadUsage = 2;     // bad options, unreadable input or store
inline constexpr int kExitOutOfMemory = 70;  // = VCC_EXIT_OUT_OF_MEMORY in the guest
inline constexpr int kExitOutputFailed =
    71;  // = VCC_EXIT_IO_ERROR: the response could not be written
inline constexpr int kExitBackendFailure =
    72;  // the backend failed (a CUDA error); no guest counterpart
inline constexpr int kExitTrapped = 100;  // a fault or failed check: `vcc run`'s code for a trapped guest
// The host could not give the service its 2 GiB heap (ulimit -v): a host
// limit, not the service running out of memory (docs/security.md); the VM's
// --max-memory stop has the same code.
inline constexpr int kExitHostMemory = 102;

}  // namespace vcc::native
