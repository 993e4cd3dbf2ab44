// `vcc build`: one service source into the native binary, the RISC-V image,
// the contract and the manifest (SPEC §1, docs/cli.md).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "manifest.hpp"

namespace vcc::driver {

struct BuildOptions {
  std::filesystem::path source;
  std::filesystem::path outputDir;
  std::vector<std::filesystem::path> includeDirs;
  std::vector<std::string> defines;
  bool force = false;  // rebuild even when nothing changed
  bool cuda = false;   // --cuda: the nvcc build with the cuda backend (libstdc++ host code)
  std::vector<std::string> nvccFlags;  // --nvcc-flag: more nvcc options, after vcc's
  bool fuzzer = false;  // --fuzzer: also .vcc-work/fuzz/<name>.fuzz (verify-equiv --fuzz-time)
};

struct BuildOutcome {
  enum class Status { Built, UpToDate, Rejected, Failed } status = Status::Failed;
  std::string diagnostics;  // clang-style text of the frontend, when any
  std::string error;        // what failed (Failed)
  Manifest manifest;
};

// Runs the whole build; `progress` receives one line per stage.
BuildOutcome buildService(const BuildOptions& options, const std::function<void(const std::string&)>& progress);

}  // namespace vcc::driver
