// The data oracle on the native target: the same content-addressed store
// and the same "contents must hash to the name" rule as the VM, by reusing
// the VM library's DirectoryBlobStore.
#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

#include "vcc/oracle.hpp"
#include "vcc/vm/blob_store.hpp"

namespace vcc::oracle {
namespace {

std::mutex storeMutex;
std::unique_ptr<vm::DirectoryBlobStore> store;

const std::vector<uint8_t>* find(const Key& key) {
  std::lock_guard lock(storeMutex);
  return store ? store->find(key) : nullptr;
}

}  // namespace

void setStoreDirectory(const char* path) {
  std::lock_guard lock(storeMutex);
  store = path ? std::make_unique<vm::DirectoryBlobStore>(path) : nullptr;
}

int64_t size(const Key& key) {
  const std::vector<uint8_t>* blob = find(key);
  return blob ? static_cast<int64_t>(blob->size()) : -1;
}

int64_t read(const Key& key, uint64_t offset, std::span<uint8_t> out) {
  const std::vector<uint8_t>* blob = find(key);
  if (blob == nullptr) return -1;
  if (offset >= blob->size()) return 0;
  size_t count = std::min<uint64_t>(out.size(), blob->size() - offset);
  std::memcpy(out.data(), blob->data() + offset, count);
  return static_cast<int64_t>(count);
}

}  // namespace vcc::oracle
