// The data oracle (SPEC §3.4): blobs by data root, read at most one leaf of
// memory and one chunk of the blob at a time; a missing blob stops the run.
#include <filesystem>
#include <fstream>

#include "vcc/vm/blob_store.hpp"
#include "vcc/vm/data_root.hpp"
#include "vcc/vm/syscalls.hpp"
#include "vm_test_support.hpp"

namespace vcc::vm::test {
namespace {

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
  loadRoot(code, key);
  code.syscall(syscall::kOracleSize).addi(s1, a0, 0);
  loadRoot(code, key);
  code.li(a4, 10).li(a5, kDataBase + 8).syscall(syscall::kOracleRead).addi(s2, a0, 0);   // 22 to the chunk end
  loadRoot(code, key);
  code.li(a4, 34).li(a5, kDataBase + 32).syscall(syscall::kOracleRead).addi(s3, a0, 0);  // 30 to the chunk end
  loadRoot(code, key);
  code.li(a4, 90).li(a5, kDataBase + 72).syscall(syscall::kOracleRead).addi(s4, a0, 0);  // 6 to the chunk end
  loadRoot(code, key);
  code.li(a4, 96).li(a5, kDataBase + 88).syscall(syscall::kOracleRead).addi(s6, a0, 0);  // 4 left, 8 to the leaf end
  loadRoot(code, key);
  code.li(a4, 100).li(a5, kDataBase + 96).syscall(syscall::kOracleRead).addi(s5, a0, 0); // end
  Outcome out = runWithStore(code, &store);
  EXPECT_EQ(out.reg(s1), 100u);
  EXPECT_EQ(out.reg(s2), 22u);
  EXPECT_EQ(out.reg(s3), 30u);
  EXPECT_EQ(out.reg(s4), 6u);
  EXPECT_EQ(out.reg(s6), 4u);
  EXPECT_EQ(out.reg(s5), 0u);
  std::vector<uint8_t> memory(22);
  ASSERT_TRUE(out.machine->memory().read(kDataBase + 8, memory));
  EXPECT_EQ(memory, std::vector<uint8_t>(blob.begin() + 10, blob.begin() + 32));
  std::vector<uint8_t> six(6), four(4);
  ASSERT_TRUE(out.machine->memory().read(kDataBase + 72, six));
  EXPECT_EQ(six, std::vector<uint8_t>(blob.begin() + 90, blob.begin() + 96));
  ASSERT_TRUE(out.machine->memory().read(kDataBase + 88, four));
  EXPECT_EQ(four, std::vector<uint8_t>(blob.begin() + 96, blob.end()));
}

TEST(Oracle, BadBufferIsAFault) {
  MemoryBlobStore store;
  Hash key = store.add(blobOf(40));
  Assembler code;
  loadRoot(code, key);
  code.li(a4, 0).li(a5, 0x100).syscall(syscall::kOracleRead).addi(s3, a0, 0);  // null guard
  loadRoot(code, key);
  code.li(a4, 41).li(a5, 0x100).syscall(syscall::kOracleRead).addi(s4, a0, 0);  // past the end: 0 first
  Outcome out = runWithStore(code, &store);
  EXPECT_EQ(out.reg(s3), static_cast<uint64_t>(syscall::kErrorFault));
  EXPECT_EQ(out.reg(s4), 0u);
}

// A blob the host does not have is never visible to the guest: the run
// stops before the call (pc on it, the step not counted) and continues
// exactly once the blob is there.
TEST(Oracle, MissingBlobStopsTheRunAndResumes) {
  std::vector<uint8_t> blob = blobOf(40);
  Hash key = dataRoot(blob);
  for (uint64_t number : {syscall::kOracleSize, syscall::kOracleRead}) {
    Assembler code;
    loadRoot(code, key);
    code.li(a4, 3).li(a5, kDataBase).syscall(number).addi(s1, a0, 0).li(a7, 93).ecall();
    Machine machine;
    ASSERT_TRUE(machine.load(buildProgram(code, {}, 256)).ok());
    MemoryBlobStore empty;
    machine.setBlobStore(&empty);
    Hash before = machine.stateRoot();
    uint64_t steps = machine.state().steps;
    EXPECT_EQ(machine.run(1000), StopReason::MissingData);
    uint64_t pcAtCall = machine.state().pc;
    uint32_t word = 0;
    std::vector<uint8_t> bytes(4);
    ASSERT_TRUE(machine.memory().read(pcAtCall, bytes));
    word = bytes[0] | bytes[1] << 8 | bytes[2] << 16 | static_cast<uint32_t>(bytes[3]) << 24;
    EXPECT_EQ(word, 0x00000073u) << "stopped on the ecall";
    EXPECT_GT(machine.state().steps, steps);
    EXPECT_NE(machine.stateRoot(), before);
    Hash stopped = machine.stateRoot();
    EXPECT_EQ(machine.run(1000), StopReason::MissingData) << "no blob, no progress";
    EXPECT_EQ(machine.stateRoot(), stopped);
    machine.setBlobStore(nullptr);
    EXPECT_EQ(machine.run(1000), StopReason::MissingData) << "no store at all: missing too";
    MemoryBlobStore store;
    store.add(blob);
    machine.setBlobStore(&store);
    EXPECT_EQ(machine.run(1000), StopReason::Exited);
    EXPECT_EQ(machine.state().x[s1], number == syscall::kOracleSize ? 40u : 29u);
  }
}

TEST(Oracle, DirectoryStoreServesOnlyMatchingContents) {
  std::filesystem::path directory = std::filesystem::temp_directory_path() / "vcc-oracle-test";
  std::filesystem::remove_all(directory);
  std::vector<uint8_t> blob = blobOf(5000);
  Hash key = DirectoryBlobStore::put(directory, blob);
  Hash forged = dataRoot(blobOf(6));
  {
    std::ofstream out(directory / toHex(forged).substr(2), std::ios::binary);
    out << "not the preimage";
  }
  DirectoryBlobStore store(directory);
  ASSERT_NE(store.find(key), nullptr);
  EXPECT_EQ(*store.find(key), blob);
  EXPECT_EQ(store.find(forged), nullptr) << "the name must be the contents' data root";
  EXPECT_EQ(key, dataRoot(blob));
  Hash missing{};
  EXPECT_EQ(store.find(missing), nullptr);
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace vcc::vm::test
