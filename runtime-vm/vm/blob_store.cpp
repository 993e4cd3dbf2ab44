#include "vcc/vm/blob_store.hpp"

#include <fstream>
#include <iterator>

namespace vcc::vm {

Hash MemoryBlobStore::add(std::vector<uint8_t> contents) {
  Hash key = keccak256(contents);
  blobs_[key] = std::move(contents);
  return key;
}

const std::vector<uint8_t>* MemoryBlobStore::find(const Hash& key) {
  auto found = blobs_.find(key);
  return found == blobs_.end() ? nullptr : &found->second;
}

const std::vector<uint8_t>* DirectoryBlobStore::find(const Hash& key) {
  auto cached = cache_.find(key);
  if (cached == cache_.end()) {
    std::optional<std::vector<uint8_t>> contents;
    std::error_code error;
    std::filesystem::path file = directory_ / toHex(key).substr(2);
    uint64_t size = std::filesystem::file_size(file, error);
    if (!error && size <= kMaxBlobBytes) {
      std::ifstream in(file, std::ios::binary);
      std::vector<uint8_t> bytes(size);
      if (in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)) &&
          keccak256(bytes) == key)
        contents = std::move(bytes);
    }
    cached = cache_.emplace(key, std::move(contents)).first;
  }
  return cached->second ? &*cached->second : nullptr;
}

Hash DirectoryBlobStore::put(const std::filesystem::path& directory, const std::vector<uint8_t>& contents) {
  Hash key = keccak256(contents);
  std::filesystem::create_directories(directory);
  std::ofstream out(directory / toHex(key).substr(2), std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(contents.data()), static_cast<std::streamsize>(contents.size()));
  return key;
}

}  // namespace vcc::vm
