// The data oracle on the native target: the same content-addressed store
// and the same "data root must be the name" rule as the VM, by reusing the
// VM library's DirectoryBlobStore. A missing blob ends the process, as it
// stops the VM: the program never sees it.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>

#include "vcc/oracle.hpp"
#include "vcc/vm/blob_store.hpp"

namespace vcc::oracle {
namespace {

std::mutex storeMutex;
std::unique_ptr<vm::DirectoryBlobStore> store;

const std::vector<uint8_t>& find(const Key& key) {
  std::lock_guard lock(storeMutex);
  const std::vector<uint8_t>* blob = store ? store->find(key) : nullptr;
  if (blob == nullptr) {
    std::fprintf(stderr, "vcc: missing data: the store has no blob %s\n", vm::toHex(key).c_str());
    std::fflush(stderr);
    std::_Exit(kMissingDataExitCode);
  }
  return *blob;
}

}  // namespace

void setStoreDirectory(const char* path) {
  std::lock_guard lock(storeMutex);
  store = path ? std::make_unique<vm::DirectoryBlobStore>(path) : nullptr;
}

uint64_t size(const Key& key) { return find(key).size(); }

uint64_t read(const Key& key, uint64_t offset, std::span<uint8_t> out) {
  const std::vector<uint8_t>& blob = find(key);
  if (offset >= blob.size()) return 0;
  size_t count = std::min<uint64_t>(out.size(), blob.size() - offset);
  std::memcpy(out.data(), blob.data() + offset, count);
  return count;
}

}  // namespace vcc::oracle
