#include "build_directory.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "abi_values.hpp"
#include "exit_codes.hpp"
#include "file_io.hpp"
#include "service_contract.hpp"
#include "sha256.hpp"
#include "vcc/vm/keccak.hpp"
#include "vcc/vm/machine.hpp"

namespace vcc::driver {
namespace {

constexpr uint64_t kMaxArtifactBytes = uint64_t{1} << 30;
constexpr uint64_t kMaxManifestBytes = uint64_t{16} << 20;

// A manifest names files inside its own directory, never a path.
bool plainFileName(const std::string& name) {
  return !name.empty() && name.find('/') == std::string::npos && name != "." && name != "..";
}

// What a manifest says about itself that can be recomputed: each selector
// is keccak256 of its signature, names are identifiers, the three files are
// distinct plain names. Empty when it holds.
std::string manifestInconsistency(const Manifest& manifest) {
  if (!isIdentifier(manifest.service)) return "the service name \"" + manifest.service + "\" is not an identifier";
  for (const std::string* name : {&manifest.vm.elf.file, &manifest.contract.file, &manifest.native.binary.file})
    if (!plainFileName(*name) || *name == "manifest.json")
      return "\"" + *name + "\" is not a file name in the build directory";
  if (manifest.vm.elf.file == manifest.native.binary.file || manifest.vm.elf.file == manifest.contract.file ||
      manifest.contract.file == manifest.native.binary.file)
    return "two artifacts have the same file name";
  for (size_t i = 0; i < manifest.methods.size(); ++i) {
    const ManifestMethod& method = manifest.methods[i];
    if (!isIdentifier(method.name)) return "method name \"" + method.name + "\" is not an identifier";
    std::optional<std::vector<AbiType>> types = signatureTypes(method.signature);
    if (!types || !method.signature.starts_with(method.name + "("))
      return "method " + method.name + " has an invalid signature \"" + method.signature + "\"";
    vm::Hash hash = vm::keccak256(std::span(reinterpret_cast<const uint8_t*>(method.signature.data()), method.signature.size()));
    if (!std::equal(method.selector.begin(), method.selector.end(), hash.begin()))
      return "the selector of " + method.signature + " is " + vm::toHex(method.selector) + ", not keccak256's " +
             vm::toHex(std::span(hash.data(), 4));
    if (!method.returns.empty() && !parseAbiType(method.returns))
      return "method " + method.name + " returns an unknown type \"" + method.returns + "\"";
    for (size_t j = 0; j < i; ++j)
      if (manifest.methods[j].selector == method.selector) return "two methods have the selector " + vm::toHex(method.selector);
  }
  return {};
}

}  // namespace

std::optional<BuildDirectory> loadBuildDirectory(const std::string& path, BuildDirectoryError& kind,
                                                 std::string& error) {
  namespace fs = std::filesystem;
  kind = BuildDirectoryError::Unreadable;
  if (path.empty() || !fs::is_directory(path)) {
    error = path + ": not a build directory (run vcc build first)";
    return std::nullopt;
  }
  BuildDirectory out;
  out.path = path;
  fs::path root(path);
  auto bytes = readRegularFile(root / "manifest.json", kMaxManifestBytes, error);
  if (!bytes) return std::nullopt;
  out.manifestBytes = std::move(*bytes);
  std::string text(out.manifestBytes.begin(), out.manifestBytes.end());
  std::optional<Manifest> manifest = parseManifest(text, error);
  if (!manifest) {
    error = (root / "manifest.json").string() + ": " + error.substr(error.find(':') + 2);
    return std::nullopt;
  }
  out.manifest = std::move(*manifest);
  std::string inconsistency = manifestInconsistency(out.manifest);
  if (!inconsistency.empty()) {
    kind = BuildDirectoryError::Mismatch;
    error = "manifest.json is inconsistent: " + inconsistency;
    return std::nullopt;
  }
  auto image = readRegularFile(root / out.manifest.vm.elf.file, kMaxArtifactBytes, error);
  if (!image) return std::nullopt;
  out.image = std::move(*image);
  auto contract = readRegularFile(root / out.manifest.contract.file, kMaxArtifactBytes, error);
  if (!contract) return std::nullopt;
  out.contract = std::move(*contract);
  // The native binary is executed by run and verify-equiv: it must be the
  // file the manifest describes, and a regular file, not a link.
  auto native = readRegularFile(root / out.manifest.native.binary.file, kMaxArtifactBytes, error);
  if (!native) return std::nullopt;
  out.nativePath = fs::absolute(root / out.manifest.native.binary.file).string();

  kind = BuildDirectoryError::Mismatch;
  if (vm::keccak256(out.image) != out.manifest.vm.elf.keccak256 || sha256(out.image) != out.manifest.vm.elf.sha256) {
    error = out.manifest.vm.elf.file + " does not match the digests in manifest.json (rebuild it)";
    return std::nullopt;
  }
  if (vm::keccak256(*native) != out.manifest.native.binary.keccak256 ||
      sha256(*native) != out.manifest.native.binary.sha256) {
    error = out.manifest.native.binary.file + " does not match the digests in manifest.json (rebuild it)";
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
