// One-step proofs (docs/proofs.md): the recorder and the verifier against
// the interpreter, step by step; the fixed point of halted states; every
// rejection; snapshots that restore exactly.
#include <map>

#include "vcc/vm/blob_store.hpp"
#include "vcc/vm/data_root.hpp"
#include "vcc/vm/proof.hpp"
#include "vcc/vm/snapshot.hpp"
#include "vcc/vm/state.hpp"
#include "vcc/vm/syscalls.hpp"
#include "vm_test_support.hpp"

namespace vcc::vm::test {
namespace {

// A program that reaches every kind of step: ALU, branches, loads and
// stores near both ends of memory, request reads across a chunk boundary,
// response writes, oracle calls, and the exit.
std::vector<uint8_t> everyKindOfStep(const Hash& blobRoot) {
  Assembler code;
  code.li(s0, kDataBase).li(s1, 0xfffffff8).li(t0, 0x1122334455667788);
  code.sd(t0, s0, 8).ld(t1, s0, 8).sw(t0, s1, 4).lw(t2, s1, 4).lbu(t3, s0, 9).sh(t3, s0, 30);
  code.mul(t4, t0, t1).div(t5, t0, t3).remw(t6, t0, t3).beq(t4, t4, 8).addi(t4, t4, 1);
  for (int i = 0; i < 3; ++i) code.li(a0, 0).li(a1, kDataBase + 64 + 24 * i).li(a2, 100).syscall(syscall::kRead);
  code.li(a0, 1).li(a1, kDataBase + 64).li(a2, 40).syscall(syscall::kWrite);
  code.li(a0, 2).li(a1, kDataBase + 64).li(a2, 5).syscall(syscall::kWrite);
  loadRoot(code, blobRoot);
  code.syscall(syscall::kOracleSize);
  loadRoot(code, blobRoot);
  code.li(a4, 27).li(a5, kDataBase + 160).syscall(syscall::kOracleRead);
  code.li(a0, 7).li(a7, 93).ecall();
  return buildProgram(code, std::vector<uint8_t>(32, 0x5a), 4096);
}

// Steps the machine until pc is on an ecall.
void runToEcall(Machine& machine) {
  for (int i = 0; i < 1000; ++i) {
    std::vector<uint8_t> word(4);
    ASSERT_TRUE(machine.memory().read(machine.state().pc, word));
    if (word == std::vector<uint8_t>{0x73, 0, 0, 0}) return;
    machine.run(machine.state().steps + 1);
  }
  FAIL() << "no ecall reached";
}

struct Pair {
  Machine interpreter, recorder;
  MemoryBlobStore store;
  Pair(const std::vector<uint8_t>& elf, const std::vector<uint8_t>& request) {
    EXPECT_TRUE(interpreter.load(elf).ok());
    EXPECT_TRUE(recorder.load(elf).ok());
    interpreter.bindRequest(request);
    recorder.bindRequest(request);
    interpreter.setBlobStore(&store);
    recorder.setBlobStore(&store);
  }
};

std::vector<uint8_t> blobBytes() {
  std::vector<uint8_t> blob(1000);
  for (size_t i = 0; i < blob.size(); ++i) blob[i] = static_cast<uint8_t>(i * 7 + 3);
  return blob;
}

TEST(Proof, EveryStepVerifiesToTheInterpretersRoot) {
  std::vector<uint8_t> blob = blobBytes();
  std::vector<uint8_t> request(70);
  for (size_t i = 0; i < request.size(); ++i) request[i] = static_cast<uint8_t>(200 - i);
  Pair pair(everyKindOfStep(dataRoot(blob)), request);
  pair.store.add(blob);
  std::map<StepKind, int> kinds;
  for (int step = 0; step < 10000 && pair.recorder.state().status == RunStatus::Running; ++step) {
    ProveResult proved = proveStep(pair.recorder);
    ASSERT_TRUE(proved.proof) << proved.error;
    std::string error;
    std::optional<StepProof> decoded = decodeProof(encodeProof(*proved.proof), error);
    ASSERT_TRUE(decoded) << error;
    VerifyResult verified = verifyStep(*decoded);
    ASSERT_TRUE(verified.valid) << "step " << step << ": " << verified.error;
    EXPECT_EQ(verified.preStateRoot, keccak256(proved.proof->preState));
    pair.interpreter.run(pair.interpreter.state().steps + 1);
    ASSERT_EQ(verified.postStateRoot, pair.interpreter.stateRoot()) << "step " << step;
    ASSERT_EQ(verified.postStateRoot, proved.postStateRoot);
    ++kinds[proved.kind];
  }
  EXPECT_EQ(pair.recorder.state().status, RunStatus::Exited);
  EXPECT_EQ(pair.recorder.state().exitCode, 7u);
  EXPECT_EQ(pair.recorder.response().size(), 32u) << "one write moves at most to the end of its leaf";
  EXPECT_EQ(pair.recorder.debugLog().size(), 5u);
  for (StepKind kind : {StepKind::Alu, StepKind::Branch, StepKind::Load, StepKind::Store, StepKind::Syscall})
    EXPECT_GT(kinds[kind], 0) << stepKindName(kind);
}

TEST(Proof, HaltedStatesAreFixedPoints) {
  Assembler code;
  code.ebreak();
  Machine machine;
  ASSERT_TRUE(machine.load(buildProgram(code)).ok());
  ProveResult trap = proveStep(machine);
  ASSERT_TRUE(trap.proof);
  EXPECT_EQ(trap.kind, StepKind::Trap);
  EXPECT_EQ(machine.state().status, RunStatus::Trapped);
  Hash trapped = machine.stateRoot();
  for (int i = 0; i < 3; ++i) {
    ProveResult again = proveStep(machine);
    ASSERT_TRUE(again.proof);
    EXPECT_EQ(again.kind, StepKind::Halted);
    EXPECT_TRUE(again.proof->records.empty());
    VerifyResult verified = verifyStep(*again.proof);
    ASSERT_TRUE(verified.valid);
    EXPECT_EQ(verified.postStateRoot, trapped) << "not even the step counter moves";
    EXPECT_EQ(verified.preStateRoot, trapped);
  }
}

// The proof of the first read of a 70-byte request: instruction leaf, data
// length, chunk, buffer leaf.
StepProof readProof() {
  Assembler code;
  code.li(a0, 0).li(a1, kDataBase + 8).li(a2, 100).syscall(syscall::kRead).exit(0);
  Machine machine;
  EXPECT_TRUE(machine.load(buildProgram(code, {}, 64)).ok());
  machine.bindRequest(std::vector<uint8_t>(70, 9));
  runToEcall(machine);
  ProveResult proved = proveStep(machine);
  EXPECT_EQ(proved.kind, StepKind::Syscall);
  return *proved.proof;
}

TEST(Proof, RejectionsSayWhy) {
  StepProof good = readProof();
  ASSERT_TRUE(verifyStep(good).valid);
  auto reason = [](StepProof proof) {
    VerifyResult result = verifyStep(proof);
    EXPECT_FALSE(result.valid);
    return result.error;
  };
  StepProof cut = good;
  cut.records.resize(cut.records.size() - 1);
  EXPECT_NE(reason(cut).find("truncated"), std::string::npos);
  StepProof longer = good;
  longer.records.push_back(0);
  EXPECT_NE(reason(longer).find("trailing"), std::string::npos);
  StepProof leaf = good;
  leaf.records[3] ^= 1;  // the instruction leaf
  EXPECT_NE(reason(leaf).find("instruction leaf"), std::string::npos);
  StepProof sibling = good;
  sibling.records[36] ^= 1;  // the instruction leaf's first sibling
  EXPECT_NE(reason(sibling).find("not under the memory root"), std::string::npos);
  // The records after the instruction record: data length (tree root, length).
  size_t instructionRecord = 36 + 32 * (27 - static_cast<size_t>(__builtin_popcount(
                                             good.records[32] << 24 | good.records[33] << 16 |
                                             good.records[34] << 8 | good.records[35])));
  StepProof length = good;
  length.records[instructionRecord + 32 + 7] ^= 1;  // the length's low byte
  EXPECT_NE(reason(length).find("data length"), std::string::npos);
  StepProof chunk = good;
  chunk.records[instructionRecord + 40] ^= 1;  // the chunk's first byte
  EXPECT_NE(reason(chunk).find("data chunk"), std::string::npos);
  StepProof version = good;
  version.preState[0] = 1;
  EXPECT_NE(reason(version).find("layout version"), std::string::npos);
  StepProof mask = good;
  mask.records[32] |= 0x80;  // bit 31: above the memory tree's 27 levels
  EXPECT_NE(reason(mask).find("zero mask"), std::string::npos);

  std::string error;
  std::vector<uint8_t> file = encodeProof(good);
  file[4] = 2;
  EXPECT_FALSE(decodeProof(file, error));
  EXPECT_NE(error.find("version 2"), std::string::npos);
  file = encodeProof(good);
  file.resize(100);
  EXPECT_FALSE(decodeProof(file, error));
  EXPECT_NE(error.find("truncated"), std::string::npos);
  EXPECT_FALSE(decodeProof(std::vector<uint8_t>{'n', 'o'}, error));
}

TEST(Proof, MissingBlobCannotBeProved) {
  Assembler code;
  loadRoot(code, dataRoot(blobBytes()));
  code.syscall(syscall::kOracleSize).exit(0);
  Machine machine;
  ASSERT_TRUE(machine.load(buildProgram(code)).ok());
  runToEcall(machine);
  Hash before = machine.stateRoot();
  ProveResult proved = proveStep(machine);
  EXPECT_FALSE(proved.proof);
  EXPECT_NE(proved.error.find("missing data"), std::string::npos);
  EXPECT_EQ(machine.stateRoot(), before) << "nothing happened";
}

TEST(Snapshot, RestoresExactlyAndOnlyIntoItsOwnRun) {
  std::vector<uint8_t> blob = blobBytes();
  std::vector<uint8_t> elf = everyKindOfStep(dataRoot(blob));
  std::vector<uint8_t> request(70, 1);
  MemoryBlobStore store;
  store.add(blob);
  Machine original;
  ASSERT_TRUE(original.load(elf).ok());
  Hash programHash = original.stateRoot();
  original.bindRequest(request);
  original.setBlobStore(&store);
  original.run(60);
  std::vector<uint8_t> snapshot = saveSnapshot(original, programHash);
  Hash at60 = original.stateRoot();

  Machine restored;
  ASSERT_TRUE(restored.load(elf).ok());
  restored.bindRequest(request);
  restored.setBlobStore(&store);
  std::string error;
  ASSERT_TRUE(restoreSnapshot(restored, programHash, snapshot, error)) << error;
  EXPECT_EQ(restored.stateRoot(), at60);
  EXPECT_EQ(original.run(100000), StopReason::Exited);
  EXPECT_EQ(restored.run(100000), StopReason::Exited);
  EXPECT_EQ(restored.stateRoot(), original.stateRoot());
  EXPECT_TRUE(std::equal(restored.response().begin(), restored.response().end(), original.response().begin(),
                         original.response().end()));

  auto restoreInto = [&](std::vector<uint8_t> bytes, std::vector<uint8_t> withRequest) {
    Machine machine;
    EXPECT_TRUE(machine.load(elf).ok());
    machine.bindRequest(std::move(withRequest));
    std::string reason;
    EXPECT_FALSE(restoreSnapshot(machine, programHash, bytes, reason));
    return reason;
  };
  EXPECT_NE(restoreInto(snapshot, std::vector<uint8_t>(70, 2)).find("another request"), std::string::npos);
  std::vector<uint8_t> cut(snapshot.begin(), snapshot.end() - 1);
  EXPECT_NE(restoreInto(cut, request).find("truncated"), std::string::npos);
  std::vector<uint8_t> corrupted = snapshot;
  corrupted.back() ^= 1;  // a byte of the last page
  EXPECT_NE(restoreInto(corrupted, request).find("does not restore"), std::string::npos);
  std::vector<uint8_t> stateFlipped = snapshot;
  stateFlipped[100] ^= 1;
  EXPECT_NE(restoreInto(stateFlipped, request).find("does not hash"), std::string::npos);
  Machine other;
  ASSERT_TRUE(other.load(elf).ok());
  other.bindRequest(request);
  Hash wrongProgram = programHash;
  wrongProgram[0] ^= 1;
  EXPECT_FALSE(restoreSnapshot(other, wrongProgram, snapshot, error));
  EXPECT_NE(error.find("another image"), std::string::npos);
}

}  // namespace
}  // namespace vcc::vm::test
