#include "vcc/vm/elf_loader.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "vcc/vm/layout.hpp"

namespace vcc::vm {
namespace {

// ELF constants used here (System V gABI and the RISC-V psABI).
constexpr uint8_t kElfClass64 = 2;
constexpr uint8_t kElfDataLittle = 1;
constexpr uint8_t kElfVersionCurrent = 1;
constexpr uint16_t kTypeExecutable = 2;
constexpr uint16_t kTypeShared = 3;
constexpr uint16_t kMachineRiscv = 243;
constexpr uint32_t kFlagRvc = 0x1;
constexpr uint32_t kFlagFloatAbiMask = 0x6;
constexpr uint32_t kFlagRve = 0x8;
constexpr uint32_t kSegmentLoad = 1;
constexpr uint32_t kSegmentDynamic = 2;
constexpr uint32_t kSegmentInterpreter = 3;
constexpr uint32_t kSegmentFlagExecute = 1;
constexpr size_t kHeaderSize = 64;
constexpr size_t kProgramHeaderSize = 56;
constexpr uint16_t kMaxProgramHeaders = 256;

template <class T> T readLe(std::span<const uint8_t> bytes, size_t offset) {
  T value = 0;
  for (size_t i = 0; i < sizeof(T); ++i) value |= static_cast<T>(bytes[offset + i]) << (8 * i);
  return value;
}

std::string hex(uint64_t value) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "0x%llx", static_cast<unsigned long long>(value));
  return buffer;
}

ElfLoadResult fail(std::string message) {
  ElfLoadResult result;
  result.error = std::move(message);
  return result;
}

ElfLoadResult checkHeader(std::span<const uint8_t> file) {
  if (file.size() > kMaxElfFileSize)
    return fail("file is " + std::to_string(file.size()) + " bytes; the limit is " +
                std::to_string(kMaxElfFileSize));
  if (file.size() < kHeaderSize)
    return fail("file is " + std::to_string(file.size()) +
                " bytes, shorter than an ELF64 header (64)");
  if (std::memcmp(file.data(), "\x7f" "ELF", 4) != 0) return fail("not an ELF file (bad magic)");
  if (file[4] != kElfClass64) return fail("not a 64-bit ELF file (EI_CLASS is " + std::to_string(file[4]) + ")");
  if (file[5] != kElfDataLittle) return fail("not a little-endian ELF file (EI_DATA is " + std::to_string(file[5]) + ")");
  if (file[6] != kElfVersionCurrent) return fail("unsupported ELF identification version " + std::to_string(file[6]));
  uint16_t type = readLe<uint16_t>(file, 16);
  if (type == kTypeShared) return fail("ELF type is ET_DYN (position-independent or shared); a static ET_EXEC is required");
  if (type != kTypeExecutable) return fail("ELF type is " + std::to_string(type) + "; a static executable (ET_EXEC) is required");
  uint16_t machine = readLe<uint16_t>(file, 18);
  if (machine != kMachineRiscv) return fail("ELF machine is " + std::to_string(machine) + ", not RISC-V (243)");
  if (readLe<uint32_t>(file, 20) != kElfVersionCurrent) return fail("unsupported ELF version");
  uint32_t flags = readLe<uint32_t>(file, 48);
  if (flags & kFlagRvc) return fail("image uses compressed instructions (EF_RISCV_RVC); the VM runs RV64IM only");
  if (flags & kFlagFloatAbiMask) return fail("image uses a hardware floating-point ABI; build with -mabi=lp64");
  if (flags & kFlagRve) return fail("image uses the RV32E/RV64E register subset");
  if (readLe<uint16_t>(file, 52) != kHeaderSize) return fail("unexpected ELF header size");
  return {};
}

}  // namespace

ElfLoadResult parseElf(std::span<const uint8_t> file) {
  if (ElfLoadResult header = checkHeader(file); !header.ok()) return header;

  uint64_t entry = readLe<uint64_t>(file, 24);
  uint64_t tableOffset = readLe<uint64_t>(file, 32);
  uint16_t entrySize = readLe<uint16_t>(file, 54);
  uint16_t count = readLe<uint16_t>(file, 56);
  if (count == 0) return fail("no program headers");
  if (count > kMaxProgramHeaders)
    return fail("too many program headers (" + std::to_string(count) + ", at most " +
                std::to_string(kMaxProgramHeaders) + ")");
  if (entrySize != kProgramHeaderSize) return fail("unexpected program header size " + std::to_string(entrySize));
  if (tableOffset > file.size() || uint64_t{count} * entrySize > file.size() - tableOffset)
    return fail("program header table at " + hex(tableOffset) + " extends past the end of the file");

  ElfLoadResult result;
  for (uint16_t i = 0; i < count; ++i) {
    size_t at = tableOffset + size_t{i} * entrySize;
    uint32_t type = readLe<uint32_t>(file, at);
    std::string where = "segment " + std::to_string(i) + ": ";
    if (type == kSegmentInterpreter || type == kSegmentDynamic)
      return fail(where + "image is dynamically linked; a static executable is required");
    if (type != kSegmentLoad) continue;  // notes, attributes, GNU_STACK: nothing to load
    LoadSegment segment;
    uint32_t flags = readLe<uint32_t>(file, at + 4);
    segment.executable = (flags & kSegmentFlagExecute) != 0;
    segment.fileOffset = readLe<uint64_t>(file, at + 8);
    segment.virtualAddress = readLe<uint64_t>(file, at + 16);
    segment.fileSize = readLe<uint64_t>(file, at + 32);
    segment.memorySize = readLe<uint64_t>(file, at + 40);
    uint64_t align = readLe<uint64_t>(file, at + 48);
    if (segment.fileSize > segment.memorySize)
      return fail(where + "file size " + hex(segment.fileSize) + " exceeds memory size " + hex(segment.memorySize));
    if (segment.fileOffset > file.size() || segment.fileSize > file.size() - segment.fileOffset)
      return fail(where + "file range " + hex(segment.fileOffset) + "+" + hex(segment.fileSize) +
                  " extends past the end of the file");
    // A segment that loads nothing places nothing: GNU ld writes empty
    // PT_LOAD entries at address 0, below the null guard.
    if (segment.memorySize == 0) continue;
    if (!isAccessible(segment.virtualAddress, segment.memorySize))
      return fail(where + "address range " + hex(segment.virtualAddress) + "+" + hex(segment.memorySize) +
                  " is outside guest memory [0x10000, 0x100000000)");
    if (align > 1) {
      if ((align & (align - 1)) != 0) return fail(where + "alignment " + hex(align) + " is not a power of two");
      if ((segment.virtualAddress - segment.fileOffset) & (align - 1))
        return fail(where + "address and file offset disagree modulo the alignment " + hex(align));
    }
    result.image.segments.push_back(segment);
  }
  auto& segments = result.image.segments;
  if (segments.empty()) return fail("no loadable segment");
  std::sort(segments.begin(), segments.end(),
            [](const LoadSegment& a, const LoadSegment& b) { return a.virtualAddress < b.virtualAddress; });
  for (size_t i = 1; i < segments.size(); ++i) {
    const LoadSegment& before = segments[i - 1];
    if (segments[i].virtualAddress < before.virtualAddress + before.memorySize)
      return fail("loadable segments at " + hex(before.virtualAddress) + " and " +
                  hex(segments[i].virtualAddress) + " overlap");
  }
  if (entry & 3) return fail("entry point " + hex(entry) + " is not 4-byte aligned");
  bool entryInCode = std::any_of(segments.begin(), segments.end(), [&](const LoadSegment& s) {
    return s.executable && entry >= s.virtualAddress && entry - s.virtualAddress < s.fileSize;
  });
  if (!entryInCode) return fail("entry point " + hex(entry) + " is not inside an executable segment");
  result.image.entry = entry;
  return result;
}

ElfLoadResult loadElf(std::span<const uint8_t> file, Memory& memory) {
  ElfLoadResult result = parseElf(file);
  if (!result.ok()) return result;
  for (const LoadSegment& segment : result.image.segments) {
    if (segment.fileSize == 0) continue;
    memory.write(segment.virtualAddress, file.subspan(segment.fileOffset, segment.fileSize));
  }
  return result;
}

}  // namespace vcc::vm
