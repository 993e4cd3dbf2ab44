// manifest.json (SPEC §5, docs/manifest.md): what `vcc build` produced, with
// the hashes a contract, a pipeline or another tool checks.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vcc::driver {

inline constexpr int kManifestVersion = 2;

using Digest = std::array<uint8_t, 32>;

struct ManifestFile {
  std::string file;  // name inside the output directory
  Digest keccak256{};
  Digest sha256{};
};

struct ManifestMethod {
  std::string name;
  std::string signature;  // canonical, e.g. multiply(uint32,bytes,bytes)
  std::string returns;    // the return value's Solidity type; empty for none
  std::array<uint8_t, 4> selector{};
  Digest programHash{};
};

struct Manifest {
  std::string service;
  std::string vccVersion;
  struct Toolchain {
    std::string clang;
    std::string lld;
    std::optional<std::string> nvcc;  // null when the native binary has no CUDA backend
    std::vector<std::string> guestFlags;
    std::vector<std::string> nativeFlags;
    std::vector<std::string> cudaFlags;
  } toolchain;
  struct Vm {
    std::string isa = "rv64im";
    int layoutVersion = 1;
    int stateVersion = 2;  // the packed-state layout its programHash is a root of (docs/vm.md)
    Digest programHash{};
    ManifestFile elf;
  } vm;
  struct Native {
    ManifestFile binary;
    std::optional<std::vector<std::string>> cudaArchitectures;  // e.g. sm_90; null without CUDA
  } native;
  std::vector<ManifestMethod> methods;
  struct Contract {
    std::string file;
    Digest keccak256{};
  } contract;
};

// Digests of a file's bytes for the manifest.
ManifestFile describeFile(std::string name, const std::vector<uint8_t>& contents);

// The manifest as indented JSON with a fixed key order and a final newline.
std::string renderManifest(const Manifest& manifest);

// Reads a manifest; on failure returns nullopt with a message in `error`
// (malformed JSON, unknown manifestVersion, a missing or mistyped field).
std::optional<Manifest> parseManifest(std::string_view text, std::string& error);

}  // namespace vcc::driver
