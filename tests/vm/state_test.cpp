// keccak256, the memory Merkle tree and state roots (SPEC §3.3).
#include <map>
#include <random>

#include "vcc/vm/keccak.hpp"
#include "vcc/vm/memory_tree.hpp"
#include "vcc/vm/state.hpp"
#include "vcc/vm/state_root_pipeline.hpp"
#include "vm_test_support.hpp"

namespace vcc::vm::test {
namespace {

std::span<const uint8_t> text(const char* s) { return {reinterpret_cast<const uint8_t*>(s), std::strlen(s)}; }

TEST(Keccak256, PublishedVectors) {
  EXPECT_EQ(toHex(keccak256({})), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  EXPECT_EQ(toHex(keccak256(text("abc"))), "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  EXPECT_EQ(toHex(keccak256(text("The quick brown fox jumps over the lazy dog"))),
            "0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
}

TEST(Keccak256, IncrementalEqualsOneShotAcrossBlockBoundaries) {
  std::vector<uint8_t> message(1000);
  for (size_t i = 0; i < message.size(); ++i) message[i] = static_cast<uint8_t>(i * 7 + 1);
  for (size_t split : {0, 1, 135, 136, 137, 500, 999}) {
    Keccak256 hasher;
    hasher.update(std::span(message).first(split)).update(std::span(message).subspan(split));
    EXPECT_EQ(hasher.finalize(), keccak256(message)) << split;
  }
}

TEST(Keccak256, PairHashIsHashOfConcatenation) {
  Hash left, right;
  for (int i = 0; i < 32; ++i) left[i] = static_cast<uint8_t>(i), right[i] = static_cast<uint8_t>(255 - i);
  std::vector<uint8_t> joined(left.begin(), left.end());
  joined.insert(joined.end(), right.begin(), right.end());
  EXPECT_EQ(keccak256Pair(left, right), keccak256(joined));
}

// An independent, slow root: hash every level of a sparse memory given as
// page -> bytes, with zero subtrees from first principles.
Hash naiveRoot(const std::map<uint64_t, std::vector<uint8_t>>& pages) {
  std::map<uint64_t, Hash> level;  // nodes at the current level that may be non-zero
  Hash zero{};
  std::vector<Hash> zeros{zero};
  for (unsigned i = 1; i <= 27; ++i) zeros.push_back(keccak256Pair(zeros.back(), zeros.back()));
  for (const auto& [page, bytes] : pages) {
    for (unsigned leaf = 0; leaf < 128; ++leaf) {
      Hash value;
      std::memcpy(value.data(), bytes.data() + 32 * leaf, 32);
      level[page * 128 + leaf] = value;
    }
  }
  for (unsigned height = 0; height < 27; ++height) {
    std::map<uint64_t, Hash> parents;
    for (const auto& [index, value] : level) {
      uint64_t parent = index / 2;
      if (parents.count(parent)) continue;
      auto sibling = [&](uint64_t i) { auto f = level.find(i); return f == level.end() ? zeros[height] : f->second; };
      parents[parent] = keccak256Pair(sibling(2 * parent), sibling(2 * parent + 1));
    }
    level = std::move(parents);
  }
  return level.empty() ? zeros[27] : level.begin()->second;
}

TEST(MemoryTree, EmptyMemoryIsTheZeroRoot) {
  Memory memory;
  MemoryTree tree;
  EXPECT_EQ(tree.update(memory), MemoryTree::zeroHash(27));
  EXPECT_EQ(toHex(MemoryTree::zeroHash(1)), toHex(keccak256(std::vector<uint8_t>(64, 0))));
}

TEST(MemoryTree, IncrementalRootsMatchANaiveTreeAfterRandomWrites) {
  std::mt19937_64 random(42);
  Memory memory;
  MemoryTree tree;
  std::map<uint64_t, std::vector<uint8_t>> shadow;
  for (int round = 0; round < 6; ++round) {
    for (int write = 0; write < 40; ++write) {
      // Cluster some writes, scatter others across the whole 4 GiB.
      uint64_t address = (write % 3 == 0) ? kNullGuardEnd + random() % (kMemorySize - kNullGuardEnd - 8)
                                          : 0x20000 + random() % 0x8000;
      uint8_t bytes[8];
      for (uint8_t& b : bytes) b = static_cast<uint8_t>(random());
      ASSERT_TRUE(memory.write(address, bytes));
      for (int i = 0; i < 8; ++i) {
        uint64_t at = address + i;
        auto& page = shadow[at >> 12];
        page.resize(4096);
        page[at & 4095] = bytes[i];
      }
    }
    EXPECT_EQ(tree.update(memory), naiveRoot(shadow)) << "round " << round;
    EXPECT_TRUE(memory.dirtyPages().empty());
  }
}

TEST(MemoryTree, RootChangesWithOneByteAndReturnsWhenRestored) {
  Memory memory;
  MemoryTree tree;
  uint8_t value = 1;
  ASSERT_TRUE(memory.write(0x12345, std::span(&value, 1)));
  Hash before = tree.update(memory);
  value = 2;
  ASSERT_TRUE(memory.write(0x12345, std::span(&value, 1)));
  Hash changed = tree.update(memory);
  EXPECT_NE(changed, before);
  value = 1;
  ASSERT_TRUE(memory.write(0x12345, std::span(&value, 1)));
  EXPECT_EQ(tree.update(memory), before);
}

TEST(ResponseCommitment, IndependentOfHowWritesAreSplit) {
  // Two programs write the same 70 bytes, one in 1-byte writes and one in
  // leaf-sized writes: the response fields of the state must agree.
  std::vector<uint8_t> data(96);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 3);
  std::vector<std::vector<uint8_t>> responses;
  std::vector<ResponseCommitment> commitments;
  for (int chunk : {1, 7, 40}) {
    Assembler code;
    code.li(s0, kDataBase).li(s1, 70);
    size_t loop = code.here();
    code.li(a0, 1).addi(a1, s0, 0).li(a2, static_cast<uint64_t>(chunk));
    code.bge(s1, a2, 8).addi(a2, s1, 0);  // a2 = min(chunk, bytes left)
    code.li(a7, 64).ecall();
    code.add(s0, s0, a0).sub(s1, s1, a0);
    size_t branch = code.here();
    code.blt(zero, s1, static_cast<int32_t>(loop) - static_cast<int32_t>(branch));
    Outcome out = runToExit(code, data);
    responses.emplace_back(out.machine->response().begin(), out.machine->response().end());
    PackedState packed = packState(*out.machine, out.machine->memoryRoot());
    ResponseCommitment fromNative = commitResponse(out.machine->response());
    EXPECT_TRUE(std::equal(fromNative.chain.begin(), fromNative.chain.end(), packed.begin() + 73));
    EXPECT_TRUE(std::equal(fromNative.pending.begin(), fromNative.pending.end(), packed.begin() + 105));
    EXPECT_EQ(packed[144], 70);
    commitments.push_back(fromNative);
  }
  EXPECT_EQ(responses[0], std::vector<uint8_t>(data.begin(), data.begin() + 70));
  EXPECT_EQ(responses[1], responses[0]);
  EXPECT_EQ(responses[2], responses[0]);
  EXPECT_EQ(commitments[0].chain, commitments[2].chain);
  EXPECT_EQ(commitments[1].pending, commitments[2].pending);
}

TEST(StateRoot, PackedLayoutOfTheInitialState) {
  Assembler code;
  code.exit(0);
  Machine machine;
  ASSERT_TRUE(machine.load(buildProgram(code)).ok());
  Hash memoryRoot = machine.memoryRoot();
  PackedState packed = packState(machine, memoryRoot);
  EXPECT_EQ(packed[0], kStateLayoutVersion);
  EXPECT_TRUE(std::equal(memoryRoot.begin(), memoryRoot.end(), packed.begin() + 1));
  for (size_t i = 33; i < 153; ++i) EXPECT_EQ(packed[i], 0) << i;  // no request, no response, step 0
  uint64_t pc = 0;
  for (int i = 0; i < 8; ++i) pc = pc << 8 | packed[153 + i];
  EXPECT_EQ(pc, kCodeBase);
  for (size_t i = 161; i < 203; ++i) EXPECT_EQ(packed[i], 0) << i;  // running, no exit code, no extension state
  uint64_t sp = 0;
  for (int i = 0; i < 8; ++i) sp = sp << 8 | packed[203 + 8 + i];  // x2
  EXPECT_EQ(sp, kInitialStackPointer);
  EXPECT_EQ(machine.stateRoot(), keccak256(packed));
  std::optional<StateFields> fields = unpackState(packed);
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ(packState(*fields), packed) << "unpack and pack are inverses";
  packed[0] = 1;
  EXPECT_FALSE(unpackState(packed).has_value()) << "layout version 1 is not read as version 2";
}

std::vector<Hash> checkpoints(const std::vector<uint8_t>& elf, std::vector<uint8_t> request, uint64_t every) {
  Machine machine;
  EXPECT_TRUE(machine.load(elf).ok());
  machine.bindRequest(std::move(request));
  std::vector<Hash> roots{machine.stateRoot()};
  while (machine.run(machine.state().steps + every) == StopReason::StepLimit) roots.push_back(machine.stateRoot());
  roots.push_back(machine.stateRoot());
  return roots;
}

std::vector<uint8_t> echoProgram() {
  // Reads 8 request bytes, adds them up into memory, writes them back out.
  Assembler code;
  code.li(s0, kDataBase).li(a0, 0).addi(a1, s0, 0).li(a2, 8).syscall(63);
  code.ld(t0, s0, 0).addi(t1, zero, 0);
  for (int i = 0; i < 20; ++i) code.add(t1, t1, t0).sd(t1, s0, 8 * (i % 4 + 1));
  code.li(a0, 1).addi(a1, s0, 8).li(a2, 32).syscall(64).exit(0);
  return buildProgram(code, {}, 64);
}

TEST(StateRoot, SameRunTwiceGivesTheSameRoots) {
  std::vector<uint8_t> request{1, 2, 3, 4, 5, 6, 7, 8};
  EXPECT_EQ(checkpoints(echoProgram(), request, 3), checkpoints(echoProgram(), request, 3));
}

TEST(StateRoot, EveryStepChangesTheRoot) {
  std::vector<Hash> roots = checkpoints(echoProgram(), {1, 2, 3, 4, 5, 6, 7, 8}, 1);
  for (size_t i = 1; i + 1 < roots.size(); ++i) EXPECT_NE(roots[i], roots[i - 1]) << "step " << i;
}

TEST(StateRoot, OneFlippedRequestByteChangesEveryRoot) {
  std::vector<uint8_t> request{1, 2, 3, 4, 5, 6, 7, 8};
  std::vector<Hash> a = checkpoints(echoProgram(), request, 4);
  request[5] ^= 0x10;
  std::vector<Hash> b = checkpoints(echoProgram(), request, 4);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_NE(a[i], b[i]) << "checkpoint " << i;
}

// The same checkpoints through StateRootPipeline: hashed on its worker
// from snapshots while the machine runs on, roots in order.
std::vector<Hash> pipelinedCheckpoints(const std::vector<uint8_t>& elf, std::vector<uint8_t> request,
                                       uint64_t every) {
  Machine machine;
  EXPECT_TRUE(machine.load(elf).ok());
  machine.bindRequest(std::move(request));
  std::vector<Hash> roots;
  std::vector<uint64_t> steps;
  auto keep = [&](const std::optional<StateRootPipeline::Root>& root) {
    if (!root) return;
    roots.push_back(root->stateRoot);
    steps.push_back(root->step);
  };
  {
    StateRootPipeline pipeline(machine);
    keep(pipeline.capture());
    while (machine.run(machine.state().steps + every) == StopReason::StepLimit) keep(pipeline.capture());
    keep(pipeline.capture());
    keep(pipeline.finish());
    EXPECT_FALSE(pipeline.finish().has_value()) << "nothing left in flight";
  }
  for (size_t i = 1; i < steps.size(); ++i) EXPECT_GE(steps[i], steps[i - 1]);
  EXPECT_EQ(machine.stateRoot(), roots.back()) << "the tree the worker updated is the machine's";
  return roots;
}

TEST(StateRootPipeline, SameRootsAsSynchronousCheckpoints) {
  std::vector<uint8_t> request{1, 2, 3, 4, 5, 6, 7, 8};
  for (uint64_t every : {1, 2, 3, 7, 1000})
    EXPECT_EQ(pipelinedCheckpoints(echoProgram(), request, every), checkpoints(echoProgram(), request, every))
        << "every " << every;
}

TEST(StateRootPipeline, SnapshotsAreTakenAtCaptureNotWhenHashed) {
  // Writes after a capture must not reach that capture's root: compare with
  // a tree updated synchronously at the same moments.
  std::mt19937_64 random(7);
  Machine machine;
  Memory reference;
  MemoryTree referenceTree;
  std::vector<Hash> expected, got;
  StateRootPipeline pipeline(machine);
  for (int round = 0; round < 8; ++round) {
    for (int write = 0; write < 300; ++write) {
      uint64_t address = kNullGuardEnd + random() % (uint64_t{1} << 26);
      uint8_t bytes[8];
      for (uint8_t& b : bytes) b = static_cast<uint8_t>(random());
      ASSERT_TRUE(machine.memory().write(address, bytes));
      ASSERT_TRUE(reference.write(address, bytes));
    }
    expected.push_back(keccak256([&] {
      PackedState packed = packState(machine, referenceTree.update(reference));
      return packed;
    }()));
    if (auto root = pipeline.capture()) got.push_back(root->stateRoot);
  }
  if (auto root = pipeline.finish()) got.push_back(root->stateRoot);
  EXPECT_EQ(got, expected);
}

TEST(ProgramHash, DependsOnTheImageOnlyAndNotOnTheRequest) {
  Machine first, second, other;
  ASSERT_TRUE(first.load(echoProgram()).ok());
  ASSERT_TRUE(second.load(echoProgram()).ok());
  Hash programHash = first.stateRoot();
  EXPECT_EQ(second.stateRoot(), programHash);
  second.bindRequest({1});
  EXPECT_NE(second.stateRoot(), programHash) << "binding a request sets requestRoot";
  std::vector<uint8_t> changed = echoProgram();
  changed[0x1000 + 4] ^= 1;  // one bit of the second instruction
  ASSERT_TRUE(other.load(changed).ok());
  EXPECT_NE(other.stateRoot(), programHash);
}

}  // namespace
}  // namespace vcc::vm::test
