// Where the data oracle (SPEC §3.4) finds blobs: content-addressed by data
// root (docs/data-roots.md). The VM only ever serves a blob whose data root
// is the key it was asked for.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vcc/vm/keccak.hpp"

namespace vcc::vm {

class BlobStore {
public:
  virtual ~BlobStore() = default;
  // The blob whose data root is `key`, or null when the store has none.
  virtual const std::vector<uint8_t>* find(const Hash& key) = 0;
};

// Blobs in memory, keyed by their data root (tests, embedding).
class MemoryBlobStore final : public BlobStore {
public:
  Hash add(std::vector<uint8_t> contents);
  const std::vector<uint8_t>* find(const Hash& key) override;

private:
  std::map<Hash, std::vector<uint8_t>> blobs_;
};

// A directory of files, each named by the lowercase hex of its data root
// (64 digits, no 0x). A file is read on first use and served only if its
// data root matches its name; a mismatching or unreadable file counts as
// missing.
class DirectoryBlobStore final : public BlobStore {
public:
  static constexpr uint64_t kMaxBlobBytes = uint64_t{1} << 30;
  explicit DirectoryBlobStore(std::filesystem::path directory) : directory_(std::move(directory)) {}
  const std::vector<uint8_t>* find(const Hash& key) override;
  // Writes `contents` into the store and returns its key (vcc publish, tests).
  static Hash put(const std::filesystem::path& directory, const std::vector<uint8_t>& contents);

private:
  std::filesystem::path directory_;
  std::map<Hash, std::optional<std::vector<uint8_t>>> cache_;
};

}  // namespace vcc::vm
