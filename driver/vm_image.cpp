#include "vm_image.hpp"

#include <cinttypes>
#include <cstdio>
#include <filesystem>

#include "exit_codes.hpp"
#include "file_io.hpp"

namespace vcc::driver {

int reportError(const std::string& message) {
  std::fprintf(stderr, "vcc: error: %s\n", message.c_str());
  return kExitBadInput;
}

std::unique_ptr<vm::Machine> loadImage(const std::string& path) {
  std::string error;
  auto elf = readBinary(path, vm::kMaxElfFileSize, error);
  if (!elf) {
    reportError(error);
    return nullptr;
  }
  auto machine = std::make_unique<vm::Machine>();
  vm::ElfLoadResult loaded = machine->load(*elf);
  if (!loaded.ok()) {
    reportError(path + ": invalid image: " + loaded.error);
    return nullptr;
  }
  return machine;
}

std::optional<std::vector<uint8_t>> readRequest(const std::string& path) {
  constexpr uint64_t kMaxRequestBytes = uint64_t{256} << 20;
  if (path.empty()) return std::vector<uint8_t>{};
  std::string error;
  auto bytes = readBinary(path, kMaxRequestBytes, error);
  if (!bytes) reportError(error);
  return bytes;
}

bool attachStore(vm::Machine& machine, const std::string& dir, std::unique_ptr<vm::DirectoryBlobStore>& holder) {
  if (dir.empty()) return true;
  if (!std::filesystem::is_directory(dir)) {
    reportError(dir + ": not a directory");
    return false;
  }
  holder = std::make_unique<vm::DirectoryBlobStore>(dir);
  machine.setBlobStore(holder.get());
  return true;
}

std::string hex64(uint64_t value) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "0x%" PRIx64, value);
  return buffer;
}

}  // namespace vcc::driver
