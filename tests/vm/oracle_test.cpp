// The data oracle (SPEC §3.4): blobs by keccak256, read a leaf at a time.
#include <filesystem>
#include <fstream>

#include "vcc/vm/blob_store.hpp"
#include "vcc/vm/syscalls.hpp"
#include "vm_test_support.hpp"

namespace vcc::vm::test {
namespace {

// Loads the key into a0..a3 as four little-endian words.
void loadKey(Assembler& code, const Hash& key) {
  for (unsigned word = 0; word < 4; ++word) {
    uint64_t value = 0;
    for (unsigned byte = 0; byte < 8; ++byte) value |= uint64_t{key[8 * word + byte]} << (8 * byte);
    code.li(static_cast<Reg>(a0 + word), value);
  }
}

Outcome runWithStore(Assembler code, BlobStore* store) {
  code.li(a7, 93).ecall();
  Outcome outcome{std::make_unique<Machine>(), StopReason::Trapped};
  EXPECT_TRUE(outcome.machine->load(buildProgram(code, {}, 256)).ok());
  outcome.machine->setBlobStore(store);
  outcome.reason = outcome.machine->run(1'000'000);
  EXPECT_EQ(outcome.reason, StopReason::Exited);
  return outcome;
}

std::vector<uint8_t> blobOf(size_t size) {
  std::vector<uint8_t> blob(size);
  for (size_t i = 0; i < size; ++i) blob[i] = static_cast<uint8_t>(i * 13 + 5);
  return blob;
}

TEST(Oracle, SizeAndLeafBoundedReads) {
  MemoryBlobStore store;
  std::vector<uint8_t> blob = blobOf(100);
  Hash key = store.add(blob);
  Assembler code;
  loadKey(code, key);
  code.syscall(syscall::kOracleSize).addi(s1, a0, 0);
  loadKey(code, key);
  code.li(a4, 10).li(a5, kDataBase + 8).syscall(syscall::kOracleRead).addi(s2, a0, 0);   // 24 bytes to the leaf end
  loadKey(code, key);
  code.li(a4, 34).li(a5, kDataBase + 32).syscall(syscall::kOracleRead).addi(s3, a0, 0);  // 32 bytes
  loadKey(code, key);
  code.li(a4, 90).li(a5, kDataBase + 64).syscall(syscall::kOracleRead).addi(s4, a0, 0);  // 10 left
  loadKey(code, key);
  code.li(a4, 100).li(a5, kDataBase + 96).syscall(syscall::kOracleRead).addi(s5, a0, 0); // end
  Outcome out = runWithStore(code, &store);
  EXPECT_EQ(out.reg(s1), 100u);
  EXPECT_EQ(out.reg(s2), 24u);
  EXPECT_EQ(out.reg(s3), 32u);
  EXPECT_EQ(out.reg(s4), 10u);
  EXPECT_EQ(out.reg(s5), 0u);
  std::vector<uint8_t> memory(24);
  ASSERT_TRUE(out.machine->memory().read(kDataBase + 8, memory));
  EXPECT_EQ(memory, std::vector<uint8_t>(blob.begin() + 10, blob.begin() + 34));
  std::vector<uint8_t> tail(10);
  ASSERT_TRUE(out.machine->memory().read(kDataBase + 64, tail));
  EXPECT_EQ(tail, std::vector<uint8_t>(blob.begin() + 90, blob.end()));
}

TEST(Oracle, UnknownBlobBadBufferAndNoStore) {
  MemoryBlobStore store;
  Hash key = store.add(blobOf(40));
  Hash unknown = key;
  unknown[31] ^= 1;
  Assembler code;
  loadKey(code, unknown);
  code.syscall(syscall::kOracleSize).addi(s1, a0, 0);
  loadKey(code, unknown);
  code.li(a4, 0).li(a5, kDataBase).syscall(syscall::kOracleRead).addi(s2, a0, 0);
  loadKey(code, key);
  code.li(a4, 0).li(a5, 0x100).syscall(syscall::kOracleRead).addi(s3, a0, 0);  // null guard
  Outcome out = runWithStore(code, &store);
  EXPECT_EQ(out.reg(s1), static_cast<uint64_t>(syscall::kErrorNoEntry));
  EXPECT_EQ(out.reg(s2), static_cast<uint64_t>(syscall::kErrorNoEntry));
  EXPECT_EQ(out.reg(s3), static_cast<uint64_t>(syscall::kErrorFault));
  Outcome without = runWithStore(code, nullptr);
  EXPECT_EQ(without.reg(s1), static_cast<uint64_t>(syscall::kErrorNoEntry));
}

TEST(Oracle, DirectoryStoreServesOnlyMatchingContents) {
  std::filesystem::path directory = std::filesystem::temp_directory_path() / "vcc-oracle-test";
  std::filesystem::remove_all(directory);
  std::vector<uint8_t> blob = blobOf(5000);
  Hash key = DirectoryBlobStore::put(directory, blob);
  Hash forged = keccak256(blobOf(6));
  {
    std::ofstream out(directory / toHex(forged).substr(2), std::ios::binary);
    out << "not the preimage";
  }
  DirectoryBlobStore store(directory);
  ASSERT_NE(store.find(key), nullptr);
  EXPECT_EQ(*store.find(key), blob);
  EXPECT_EQ(store.find(forged), nullptr) << "contents must hash to the name";
  Hash missing{};
  EXPECT_EQ(store.find(missing), nullptr);
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace vcc::vm::test
