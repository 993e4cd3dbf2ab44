#include "vm_image.hpp"

#include <cinttypes>
#include <cstdio>

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

std::string hex64(uint64_t value) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "0x%" PRIx64, value);
  return buffer;
}

}  // namespace vcc::driver
