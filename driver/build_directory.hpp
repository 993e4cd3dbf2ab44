// Reading what `vcc build` wrote: the manifest and the files it names,
// checked against the manifest's digests and the image's programHash.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "manifest.hpp"

namespace vcc::driver {

struct BuildDirectory {
  std::string path;
  Manifest manifest;
  std::vector<uint8_t> manifestBytes;
  std::vector<uint8_t> image;     // <name>.rv64.elf
  std::vector<uint8_t> contract;  // <Name>Service.sol
  std::string nativePath;         // absolute path of <name>.native
};

enum class BuildDirectoryError { None, Unreadable, Mismatch };

// Loads DIR and checks every digest and the programHash. On failure returns
// nullopt, sets `kind` (Unreadable: missing/invalid files, exit 2;
// Mismatch: files disagree with the manifest, exit 1) and `error`.
std::optional<BuildDirectory> loadBuildDirectory(const std::string& path, BuildDirectoryError& kind,
                                                 std::string& error);

// loadBuildDirectory for a command: on failure prints "vcc: error: ..." on
// stderr and sets `exitCode` (1 for a mismatch, 2 otherwise).
std::optional<BuildDirectory> openBuildDirectory(const std::string& path, int& exitCode);

// Where `vcc build --fuzzer` puts the in-process differential fuzzer that
// `vcc verify-equiv --fuzz-time` runs.
inline std::filesystem::path fuzzerPath(const std::filesystem::path& buildDir, const std::string& service) {
  return buildDir / ".vcc-work" / "fuzz" / (service + ".fuzz");
}

// The libFuzzer dictionary beside it: the constants the service compares
// its input with (the IR plugin's vcc-fuzz-dictionary).
inline std::filesystem::path fuzzerDictionaryPath(const std::filesystem::path& fuzzer) {
  std::filesystem::path dictionary = fuzzer;
  return dictionary.replace_extension(".dict");
}

}  // namespace vcc::driver
