// The native half of `vcc build`: the service's dispatch glue compiled and
// linked with the native runtime. With nvcc (when vcc was configured with
// CUDA and nvcc is still there) the binary offers the cuda backend besides
// threads and serial; otherwise it is a clang build with threads and serial.
//
// Either way clang compiles the glue once with the IR plugin's checks and
// rewrites (docs/passes.md). The CUDA build then compiles it again with
// nvcc: the host half through clang with the plugin's rewrites only, the
// device half for each GPU architecture, whose PTX is scanned for
// approximate instructions before the binary is linked (docs/cli.md).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vcc::driver {

struct NativeBuildRequest {
  std::filesystem::path glue;                      // the generated dispatch source
  std::vector<std::filesystem::path> includeDirs;  // -I, in this order
  std::vector<std::string> defines;                // -D
  std::filesystem::path workDir;                   // objects, dependency list, kept PTX
  std::filesystem::path depsFile;                  // clang's -MD list of every file read
  std::filesystem::path output;                    // the executable
  bool cuda = false;                               // use nvcc if there is one (--cuda)
  std::vector<std::string> nvccFlags;              // after vcc's own nvcc flags (the PTX scan still applies)
  std::filesystem::path fuzzer;                    // not empty: also build the in-process fuzzer here
};

// What a CUDA build records in the manifest.
struct CudaBuildInfo {
  std::string nvccVersion;                 // "Cuda compilation tools, release 13.0, V13.0.48"
  std::vector<std::string> flags;          // nvcc's code-affecting flags
  std::vector<std::string> architectures;  // "sm_75", ...
};

struct NativeBuildResult {
  enum class Status { Built, Rejected, Failed } status = Status::Failed;
  std::string diagnostics;  // Rejected: the PTX scan's findings, clang style
  std::string error;        // Failed: which step and the tool's own output
  std::optional<CudaBuildInfo> cuda;  // set when the binary has the cuda backend
};

// True when a build here would use nvcc (vcc configured with CUDA, nvcc present).
bool cudaAvailable();

// The native compile's flags besides paths: SPEC §4's, as in the guest.
std::vector<std::string> nativeCodeFlags();

NativeBuildResult buildNative(const NativeBuildRequest& request);

}  // namespace vcc::driver
