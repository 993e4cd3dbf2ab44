#include "build_directory.hpp"

#include <cstdio>
#include <filesystem>

#include "exit_codes.hpp"
#include "file_io.hpp"
#include "sha256.hpp"
#include "vcc/vm/keccak.hpp"
#include "vcc/vm/machine.hpp"

namespace vcc::driver {
namespace {

constexpr uint64_t kMaxArtifactBytes = uint64_t{1} << 30;

// A manifest names files inside its own directory, never a path.
bool plainFileName(const std::string& name) {
  return !name.empty() && name.find('/') == std::string::npos && name != "." && name != "..";
}

}  // namespace

std::optional<BuildDirectory> loadBuildDirectory(const std::string& path, BuildDirectoryError& kind,
                                                 std::string& error) {
  namespace fs = std::filesystem;
  kind = BuildDirectoryError::Unreadable;
  if (!fs::is_directory(path)) {
    error = path + ": not a build directory (run vcc build first)";
    return std::nullopt;
  }
  BuildDirectory out;
  out.path = path;
  fs::path root(path);
  auto bytes = readBinary((root / "manifest.json").string(), kMaxArtifactBytes, error);
  if (!bytes) return std::nullopt;
  out.manifestBytes = std::move(*bytes);
  std::string text(out.manifestBytes.begin(), out.manifestBytes.end());
  std::optional<Manifest> manifest = parseManifest(text, error);
  if (!manifest) {
    error = (root / "manifest.json").string() + ": " + error.substr(error.find(':') + 2);
    return std::nullopt;
  }
  out.manifest = std::move(*manifest);
  for (const std::string* name : {&out.manifest.vm.elf.file, &out.manifest.contract.file, &out.manifest.native.binary.file}) {
    if (!plainFileName(*name)) {
      error = "manifest.json names \"" + *name + "\", which is not a file name in the build directory";
      return std::nullopt;
    }
  }
  auto image = readBinary((root / out.manifest.vm.elf.file).string(), kMaxArtifactBytes, error);
  if (!image) return std::nullopt;
  out.image = std::move(*image);
  auto contract = readBinary((root / out.manifest.contract.file).string(), kMaxArtifactBytes, error);
  if (!contract) return std::nullopt;
  out.contract = std::move(*contract);
  out.nativePath = fs::absolute(root / out.manifest.native.binary.file).string();

  kind = BuildDirectoryError::Mismatch;
  if (vm::keccak256(out.image) != out.manifest.vm.elf.keccak256 || sha256(out.image) != out.manifest.vm.elf.sha256) {
    error = out.manifest.vm.elf.file + " does not match the digests in manifest.json (rebuild it)";
    return std::nullopt;
  }
  if (vm::keccak256(out.contract) != out.manifest.contract.keccak256) {
    error = out.manifest.contract.file + " does not match its digest in manifest.json";
    return std::nullopt;
  }
  vm::Machine machine;
  vm::ElfLoadResult loaded = machine.load(out.image);
  if (!loaded.ok()) {
    kind = BuildDirectoryError::Unreadable;
    error = out.manifest.vm.elf.file + ": invalid image: " + loaded.error;
    return std::nullopt;
  }
  vm::Hash programHash = machine.stateRoot();
  if (programHash != out.manifest.vm.programHash) {
    error = "the image's programHash " + vm::toHex(programHash) + " differs from manifest.json's " +
            vm::toHex(out.manifest.vm.programHash);
    return std::nullopt;
  }
  for (const ManifestMethod& method : out.manifest.methods) {
    if (method.programHash != programHash) {
      error = "manifest.json gives method " + method.name + " a programHash other than the image's";
      return std::nullopt;
    }
  }
  kind = BuildDirectoryError::None;
  return out;
}

std::optional<BuildDirectory> openBuildDirectory(const std::string& path, int& exitCode) {
  BuildDirectoryError kind;
  std::string error;
  std::optional<BuildDirectory> build = loadBuildDirectory(path, kind, error);
  if (!build) {
    std::fprintf(stderr, "vcc: error: %s\n", error.c_str());
    exitCode = kind == BuildDirectoryError::Mismatch ? kExitCheckFailed : kExitBadInput;
  }
  return build;
}

}  // namespace vcc::driver
