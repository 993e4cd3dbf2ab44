// Strict loader for static RV64 ELF executables (SPEC §3.1). Every
// rejection carries a message that names the offending field.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "vcc/vm/memory.hpp"

namespace vcc::vm {

struct LoadSegment {
  uint64_t fileOffset = 0;
  uint64_t virtualAddress = 0;
  uint64_t fileSize = 0;
  uint64_t memorySize = 0;
  bool executable = false;
};

struct ElfImage {
  uint64_t entry = 0;
  std::vector<LoadSegment> segments;  // PT_LOAD segments, sorted by address
};

struct ElfLoadResult {
  ElfImage image;
  std::string error;  // empty on success
  bool ok() const { return error.empty(); }
};

// Largest ELF file the loader accepts; guest memory itself is 4 GiB.
inline constexpr uint64_t kMaxElfFileSize = uint64_t{512} << 20;

// Validates the file and describes its loadable segments; writes nothing.
ElfLoadResult parseElf(std::span<const uint8_t> file);

// Validates the file and copies its segments into memory (the bytes beyond
// each segment's file size stay zero).
ElfLoadResult loadElf(std::span<const uint8_t> file, Memory& memory);

}  // namespace vcc::vm
