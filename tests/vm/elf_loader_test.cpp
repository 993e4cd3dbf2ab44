// The ELF loader accepts well-formed static RV64 executables and rejects
// each malformed one with a message naming the problem.
#include <gtest/gtest.h>

#include "assembler.hpp"
#include "vcc/vm/elf_loader.hpp"
#include "vcc/vm/machine.hpp"

namespace vcc::vm::test {
namespace {

std::vector<uint8_t> validElf() {
  Assembler code;
  code.exit(0);
  return buildProgram(code, {1, 2, 3}, 8192);
}

template <class T> void poke(std::vector<uint8_t>& file, size_t at, T value) {
  for (size_t i = 0; i < sizeof(T); ++i) file[at + i] = static_cast<uint8_t>(static_cast<uint64_t>(value) >> (8 * i));
}

constexpr size_t kPhdr0 = 64;
constexpr size_t kPhdr1 = 64 + 56;

TEST(ElfLoader, AcceptsValidImageAndLoadsSegments) {
  std::vector<uint8_t> file = validElf();
  Memory memory;
  ElfLoadResult result = loadElf(file, memory);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.image.entry, kCodeBase);
  ASSERT_EQ(result.image.segments.size(), 2u);
  EXPECT_TRUE(result.image.segments[0].executable);
  EXPECT_FALSE(result.image.segments[1].executable);
  uint8_t data[4];
  ASSERT_TRUE(memory.read(kDataBase, data));
  EXPECT_EQ(data[0], 1);
  EXPECT_EQ(data[2], 3);
  EXPECT_EQ(data[3], 0) << "memory beyond the file size is zero";
}

TEST(ElfLoader, RunsImageBuiltByLld) {
  // Minimal sanity for the machine wrapper around the loader.
  Machine machine;
  ASSERT_TRUE(machine.load(validElf()).ok());
  EXPECT_EQ(machine.state().pc, kCodeBase);
  EXPECT_FALSE(machine.load(validElf()).ok()) << "a machine is loaded once";
}

struct Corruption {
  const char* name;
  void (*apply)(std::vector<uint8_t>&);
  const char* expectedMessage;
};

class ElfRejections : public ::testing::TestWithParam<Corruption> {};

TEST_P(ElfRejections, RejectedWithMessage) {
  const Corruption& c = GetParam();
  std::vector<uint8_t> file = validElf();
  c.apply(file);
  ElfLoadResult result = parseElf(file);
  ASSERT_FALSE(result.ok()) << c.name;
  EXPECT_NE(result.error.find(c.expectedMessage), std::string::npos)
      << c.name << ": got \"" << result.error << "\"";
}

INSTANTIATE_TEST_SUITE_P(
    Validation, ElfRejections,
    ::testing::Values(
        Corruption{"empty", [](auto& f) { f.clear(); }, "shorter than an ELF64 header"},
        Corruption{"truncated header", [](auto& f) { f.resize(40); }, "shorter than an ELF64 header"},
        Corruption{"magic", [](auto& f) { f[1] = 'X'; }, "bad magic"},
        Corruption{"class 32", [](auto& f) { f[4] = 1; }, "not a 64-bit"},
        Corruption{"big endian", [](auto& f) { f[5] = 2; }, "not a little-endian"},
        Corruption{"ident version", [](auto& f) { f[6] = 0; }, "identification version"},
        Corruption{"ET_DYN", [](auto& f) { poke<uint16_t>(f, 16, 3); }, "ET_DYN"},
        Corruption{"ET_REL", [](auto& f) { poke<uint16_t>(f, 16, 1); }, "static executable (ET_EXEC)"},
        Corruption{"x86-64", [](auto& f) { poke<uint16_t>(f, 18, 62); }, "not RISC-V"},
        Corruption{"version", [](auto& f) { poke<uint32_t>(f, 20, 2); }, "unsupported ELF version"},
        Corruption{"RVC", [](auto& f) { poke<uint32_t>(f, 48, 1); }, "compressed"},
        Corruption{"double-float ABI", [](auto& f) { poke<uint32_t>(f, 48, 4); }, "floating-point ABI"},
        Corruption{"RVE", [](auto& f) { poke<uint32_t>(f, 48, 8); }, "RV64E"},
        Corruption{"no program headers", [](auto& f) { poke<uint16_t>(f, 56, 0); }, "no program headers"},
        Corruption{"too many program headers", [](auto& f) { poke<uint16_t>(f, 56, 0xffff); }, "too many"},
        Corruption{"phentsize", [](auto& f) { poke<uint16_t>(f, 54, 32); }, "program header size"},
        Corruption{"phoff past end", [](auto& f) { poke<uint64_t>(f, 32, f.size() - 8); }, "past the end"},
        Corruption{"phoff overflow", [](auto& f) { poke<uint64_t>(f, 32, ~uint64_t{0}); }, "past the end"},
        Corruption{"interpreter", [](auto& f) { poke<uint32_t>(f, kPhdr1, 3); }, "dynamically linked"},
        Corruption{"dynamic", [](auto& f) { poke<uint32_t>(f, kPhdr1, 2); }, "dynamically linked"},
        Corruption{"filesz > memsz", [](auto& f) { poke<uint64_t>(f, kPhdr1 + 40, 1); }, "exceeds memory size"},
        Corruption{"segment past file end", [](auto& f) { poke<uint64_t>(f, kPhdr0 + 32, f.size()); poke<uint64_t>(f, kPhdr0 + 40, f.size()); }, "past the end of the file"},
        Corruption{"offset overflow", [](auto& f) { poke<uint64_t>(f, kPhdr0 + 8, ~uint64_t{0} - 2); }, "past the end of the file"},
        Corruption{"segment in null guard", [](auto& f) { poke<uint64_t>(f, kPhdr1 + 16, 0x1000); }, "outside guest memory"},
        Corruption{"segment past 4 GiB", [](auto& f) { poke<uint64_t>(f, kPhdr1 + 16, 0xffff'f000); }, "outside guest memory"},
        Corruption{"address overflow", [](auto& f) { poke<uint64_t>(f, kPhdr1 + 16, ~uint64_t{0} - 0xfff); }, "outside guest memory"},
        Corruption{"alignment not power of two", [](auto& f) { poke<uint64_t>(f, kPhdr1 + 48, 0x1800); }, "not a power of two"},
        Corruption{"alignment mismatch", [](auto& f) { poke<uint64_t>(f, kPhdr1 + 16, kDataBase + 0x10); }, "modulo the alignment"},
        Corruption{"overlap", [](auto& f) { poke<uint64_t>(f, kPhdr1 + 16, kCodeBase); }, "overlap"},
        Corruption{"no load segment", [](auto& f) { poke<uint32_t>(f, kPhdr0, 4); poke<uint32_t>(f, kPhdr1, 4); }, "no loadable segment"},
        Corruption{"entry misaligned", [](auto& f) { poke<uint64_t>(f, 24, kCodeBase + 2); }, "not 4-byte aligned"},
        Corruption{"entry outside code", [](auto& f) { poke<uint64_t>(f, 24, kDataBase); }, "not inside an executable segment"},
        Corruption{"entry past code", [](auto& f) { poke<uint64_t>(f, 24, kCodeBase + 0x100); }, "not inside an executable segment"},
        Corruption{"code not executable", [](auto& f) { poke<uint32_t>(f, kPhdr0 + 4, 4); }, "not inside an executable segment"}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

TEST(ElfLoader, IgnoresEmptyLoadSegmentAtAddressZero) {
  // GNU ld writes PT_LOAD entries that load nothing, at address 0.
  std::vector<uint8_t> file = validElf();
  poke<uint64_t>(file, kPhdr1 + 8, 0);   // offset
  poke<uint64_t>(file, kPhdr1 + 16, 0);  // vaddr
  poke<uint64_t>(file, kPhdr1 + 24, 0);  // paddr
  poke<uint64_t>(file, kPhdr1 + 32, 0);  // filesz
  poke<uint64_t>(file, kPhdr1 + 40, 0);  // memsz
  ElfLoadResult result = parseElf(file);
  ASSERT_TRUE(result.ok()) << result.error;
  ASSERT_EQ(result.image.segments.size(), 1u);
  EXPECT_TRUE(result.image.segments[0].executable);
}

TEST(ElfLoader, RejectsOversizedFiles) {
  std::vector<uint8_t> file = validElf();
  file.resize(kMaxElfFileSize + 1);
  ElfLoadResult result = parseElf(file);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("limit"), std::string::npos);
}

TEST(ElfLoader, IgnoresNonLoadSegments) {
  std::vector<uint8_t> file = validElf();
  poke<uint32_t>(file, kPhdr1, 0x6474e551);  // PT_GNU_STACK
  ElfLoadResult result = parseElf(file);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.image.segments.size(), 1u);
}

}  // namespace
}  // namespace vcc::vm::test
