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
// Host limits, not guest outcomes (docs/security.md): the VM's --max-memory
// and a native run's --timeout.
inline constexpr int kExitMemoryLimit = 102;
inline constexpr int kExitTimeLimit = 103;
// Neither a result nor a guest outcome: the data oracle was asked for a blob
// this host does not have (SPEC §3.4; vcc::oracle::kMissingDataExitCode).
inline constexpr int kExitMissingData = 104;

}  // namespace vcc::driver
