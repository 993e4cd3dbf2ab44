// Running one request against a build: natively (the <name>.native binary
// with a backend) or in the fraud-proof VM (in process), or in qemu-riscv64
// as a third oracle. Shared by `vcc run` and `vcc verify-equiv`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "build_directory.hpp"

namespace vcc::driver {

struct RunResult {
  bool ok = false;             // the program ran and exited 0
  int exitCode = 0;            // the process's (native, qemu) or the guest's (VM) code
  std::string failure;         // why not ok: a trap, a signal, a non-zero exit, ...
  std::vector<uint8_t> response;
  uint64_t steps = 0;          // VM only
  // The run stopped at a limit of this host (the VM's steps or memory, the
  // native heap reservation or --timeout), not at an outcome of the program:
  // nothing to compare.
  bool hostLimit = false;
};

// --max-memory's default: room for a service's 2 GiB heap and its image;
// 4096 is the whole guest address space (docs/security.md).
inline constexpr uint64_t kDefaultMaxMemoryMiB = 3072;

// How runs are made; the limits are run's and verify-equiv's options
// (addRunLimitOptions in commands.hpp).
struct RunnerOptions {
  std::string store;  // data-oracle directory; empty: none
  uint64_t maxSteps = 100'000'000'000;
  uint64_t maxMemoryMiB = kDefaultMaxMemoryMiB;  // the VM's --max-memory
  std::string workDir;  // a directory of ours (makeDirectories): each native or qemu run gets a fresh one in it
  unsigned timeoutSeconds = 600;  // native and qemu runs; 0: none
};

RunResult runNative(const BuildDirectory& build, const std::string& backend, unsigned threads,
                    const std::vector<uint8_t>& request, const RunnerOptions& options);
RunResult runVm(const BuildDirectory& build, const std::vector<uint8_t>& request, const RunnerOptions& options);
RunResult runQemu(const BuildDirectory& build, const std::vector<uint8_t>& request, const RunnerOptions& options);

// The backends the native binary offers here (its --list-backends).
std::vector<std::string> nativeBackends(const BuildDirectory& build, const RunnerOptions& options);

// The signature's parameter list of the manifest method named `method` (a
// name or a full signature); nullopt with a message when there is none.
std::optional<ManifestMethod> findMethod(const Manifest& manifest, const std::string& method, std::string& error);

}  // namespace vcc::driver
