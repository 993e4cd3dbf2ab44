// The data oracle on the native target: the same content-addressed store
// and the same "data root must be the name" rule as the VM, by reusing the
// VM library's DirectoryBlobStore. A missing blob ends the process, as it
// stops the VM: the program never sees it.
//
// Verifying a blob means hashing all of it (its data root), which for a
// model of a few hundred megabytes costs seconds — on every request, since
// each request is a process. So the native side remembers a verification:
// after a blob's root checks out it writes a stamp, STORE/.verified/<root>,
// holding the file's identity (device, inode, size, modification and
// status-change times in nanoseconds); a later process that finds the same
// identity maps the file (read-only, pages faulted in as the program reads
// them) without hashing it. Replacing or writing the file
// changes its identity, and then it is hashed again. The VM never trusts a
// stamp (docs/security.md). A store the process cannot write to simply
// keeps hashing.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "vcc/oracle.hpp"
#include "vcc/vm/blob_store.hpp"

namespace vcc::oracle {
namespace {

namespace fs = std::filesystem;

std::mutex storeMutex;
std::unique_ptr<vm::DirectoryBlobStore> store;
fs::path storeDirectory;
// Every blob served so far: mapped on the strength of a stamp (never
// unmapped), or verified by hashing (held by `store`). Later reads of it
// stat nothing.
std::map<Key, std::span<const uint8_t>> served;

// The file's identity as the stamp records it; empty if it cannot be stat'ed.
std::string identityOf(const fs::path& file) {
  struct stat status;
  if (::stat(file.c_str(), &status) != 0 || !S_ISREG(status.st_mode)) return {};
  char text[200];
  std::snprintf(text, sizeof text, "vcc-verified 1 %llu %llu %lld %lld.%09ld %lld.%09ld\n",
                static_cast<unsigned long long>(status.st_dev), static_cast<unsigned long long>(status.st_ino),
                static_cast<long long>(status.st_size), static_cast<long long>(status.st_mtim.tv_sec),
                status.st_mtim.tv_nsec, static_cast<long long>(status.st_ctim.tv_sec), status.st_ctim.tv_nsec);
  return text;
}

std::string readSmallFile(const fs::path& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!in) return {};
  char buffer[256];
  size_t got = std::fread(buffer, 1, sizeof buffer, in.get());
  return std::string(buffer, got);
}

// The blob behind a stamp that still matches its file, mapped without
// hashing. An empty blob needs no mapping.
std::optional<std::span<const uint8_t>> fromStamp(const std::string& name) {
  const fs::path file = storeDirectory / name;
  const std::string identity = identityOf(file);
  if (identity.empty() || readSmallFile(storeDirectory / ".verified" / name) != identity) return std::nullopt;
  const int descriptor = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) return std::nullopt;
  struct stat status;
  std::span<const uint8_t> bytes;
  bool ok = ::fstat(descriptor, &status) == 0 && identityOf(file) == identity &&
            static_cast<uint64_t>(status.st_size) <= vm::DirectoryBlobStore::kMaxBlobBytes;
  if (ok && status.st_size > 0) {
    void* mapped = ::mmap(nullptr, static_cast<size_t>(status.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0);
    ok = mapped != MAP_FAILED;
    if (ok) bytes = std::span<const uint8_t>(static_cast<const uint8_t*>(mapped), static_cast<size_t>(status.st_size));
  }
  ::close(descriptor);
  if (!ok) return std::nullopt;
  return bytes;
}

// Best effort: a store we cannot write to keeps verifying every time.
void writeStamp(const std::string& name) {
  const std::string identity = identityOf(storeDirectory / name);
  std::error_code error;
  fs::create_directories(storeDirectory / ".verified", error);
  if (identity.empty() || error) return;
  const fs::path stamp = storeDirectory / ".verified" / name;
  const fs::path temporary = stamp.string() + ".tmp" + std::to_string(::getpid());
  {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(temporary.c_str(), "wb"), &std::fclose);
    if (!out || std::fwrite(identity.data(), 1, identity.size(), out.get()) != identity.size()) {
      fs::remove(temporary, error);
      return;
    }
  }
  fs::rename(temporary, stamp, error);
  if (error) fs::remove(temporary, error);
}

std::span<const uint8_t> find(const Key& key) {
  std::lock_guard lock(storeMutex);
  if (auto found = served.find(key); found != served.end()) return found->second;
  if (store) {
    const std::string name = vm::toHex(key).substr(2);
    if (std::optional<std::span<const uint8_t>> mapped = fromStamp(name)) return served.emplace(key, *mapped).first->second;
    if (const std::vector<uint8_t>* blob = store->find(key)) {
      writeStamp(name);
      return served.emplace(key, std::span<const uint8_t>(*blob)).first->second;
    }
  }
  std::fprintf(stderr, "vcc: missing data: the store has no blob %s\n", vm::toHex(key).c_str());
  std::fflush(stderr);
  std::_Exit(kMissingDataExitCode);
}

}  // namespace

void setStoreDirectory(const char* path) {
  std::lock_guard lock(storeMutex);
  store = path ? std::make_unique<vm::DirectoryBlobStore>(path) : nullptr;
  storeDirectory = path ? fs::path(path) : fs::path();
  served.clear();
}

uint64_t size(const Key& key) { return find(key).size(); }

uint64_t read(const Key& key, uint64_t offset, std::span<uint8_t> out) {
  const std::span<const uint8_t> blob = find(key);
  if (offset >= blob.size()) return 0;
  size_t count = std::min<uint64_t>(out.size(), blob.size() - offset);
  std::memcpy(out.data(), blob.data() + offset, count);
  return count;
}

}  // namespace vcc::oracle
