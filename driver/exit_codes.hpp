// Process exit codes of the vcc command (SPEC §1, docs/cli.md).
#pragma once

namespace vcc::driver {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;  // a mismatch or a rejected program
inline constexpr int kExitBadInput = 2;     // bad usage, unreadable or invalid input
// `vcc vm run` propagates the guest's exit code (low 8 bits); these mark the
// runs that ended without an exit.
inline constexpr int kExitGuestTrapped = 100;
inline constexpr int kExitStepLimit = 101;

}  // namespace vcc::driver
