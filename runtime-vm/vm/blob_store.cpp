#include "vcc/vm/blob_store.hpp"

#include <cstdio>
#include <memory>

#include "vcc/vm/data_root.hpp"

namespace vcc::vm {
namespace {

// C stdio rather than iostreams: this library is also built against the
// service configuration of libc++, which has no localization (iostreams).
using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

File openFile(const std::filesystem::path& path, const char* mode) {
  return File(std::fopen(path.c_str(), mode), &std::fclose);
}

}  // namespace

Hash MemoryBlobStore::add(std::vector<uint8_t> contents) {
  Hash key = dataRoot(contents);
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
      File in = openFile(file, "rb");
      std::vector<uint8_t> bytes(size);
      if (in && std::fread(bytes.data(), 1, bytes.size(), in.get()) == bytes.size() && dataRoot(bytes) == key)
        contents = std::move(bytes);
    }
    cached = cache_.emplace(key, std::move(contents)).first;
  }
  return cached->second ? &*cached->second : nullptr;
}

Hash DirectoryBlobStore::put(const std::filesystem::path& directory, const std::vector<uint8_t>& contents) {
  Hash key = dataRoot(contents);
  std::filesystem::create_directories(directory);
  File out = openFile(directory / toHex(key).substr(2), "wb");
  if (out && !contents.empty()) std::fwrite(contents.data(), 1, contents.size(), out.get());
  return key;
}

}  // namespace vcc::vm
