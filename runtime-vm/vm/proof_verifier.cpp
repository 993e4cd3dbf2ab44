// The step verifier: executeStep (step.hpp) over an Access that takes every
// memory leaf and data chunk from the proof's records and checks it against
// the roots it has, so the post-state root follows from the proof alone.
#include <cstdio>
#include <cstring>

#include "proof_records.hpp"
#include "step.hpp"
#include "vcc/vm/data_root.hpp"
#include "vcc/vm/proof.hpp"

namespace vcc::vm {
namespace {

class ProofAccess {
public:
  ProofAccess(StateFields& fields, std::span<const uint8_t> records) : fields_(fields), records_(records) {}

  // The first reason the proof was rejected; empty while it holds.
  const std::string& error() const { return error_; }
  void fail(std::string reason) {
    if (error_.empty()) error_ = std::move(reason);
  }
  void finish() {
    if (at_ != records_.size())
      fail("trailing bytes: " + std::to_string(records_.size() - at_) + " after the step's last record");
  }

  uint32_t fetch(uint64_t pc) {
    Hash leaf = memoryLeaf(pc, "instruction");
    uint32_t word;
    std::memcpy(&word, leaf.data() + (pc & 31), 4);  // little-endian host (interpreter.cpp)
    return word;
  }
  template <class T> T load(uint64_t address) {
    Hash leaf = memoryLeaf(address, "load");
    T value;
    std::memcpy(&value, leaf.data() + (address & 31), sizeof(T));
    return value;
  }
  template <class T> bool store(uint64_t address, T value) {
    uint8_t bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    writeMemory(address, std::span<const uint8_t>(bytes, sizeof(T)));
    return true;
  }

  const Hash& requestRoot() const { return fields_.requestRoot; }
  uint64_t requestOffset() const { return fields_.requestOffset; }
  void setRequestOffset(uint64_t offset) { fields_.requestOffset = offset; }
  std::optional<uint64_t> dataLength(const Hash& root) {
    Hash treeRoot = take<Hash>("data length");
    uint64_t length = takeU64("data length");
    if (error_.empty() && bindLength(treeRoot, length) != root)
      fail("the data length record does not match data root " + toHex(root));
    dataTreeRoot_ = treeRoot;
    return length;
  }
  Hash dataChunk(const Hash&, uint64_t length, uint64_t index) {
    std::array<Hash, 64> siblings;
    unsigned depth = dataTreeDepth(length);
    Hash chunk = merkleRecord("data chunk", depth, siblings);
    if (error_.empty() && merkleRoot(chunk, index, std::span(siblings.data(), depth)) != dataTreeRoot_)
      fail("data chunk " + std::to_string(index) + " is not under the data root");
    return chunk;
  }
  bool canWrite(uint64_t, uint64_t) const { return true; }
  void writeMemory(uint64_t address, std::span<const uint8_t> bytes) {
    std::array<Hash, MemoryTree::kDepth> siblings;
    Hash leaf = memoryLeaf(address, "store", &siblings);
    std::memcpy(leaf.data() + (address & 31), bytes.data(), bytes.size());
    fields_.memoryRoot = merkleRoot(leaf, address / kLeafSize, siblings);
  }
  void readMemory(uint64_t address, std::span<uint8_t> out) {
    Hash leaf = memoryLeaf(address, "write buffer");
    std::memcpy(out.data(), leaf.data() + (address & 31), out.size());
  }
  uint64_t responseLength() const { return fields_.response.length; }
  void appendResponse(std::span<const uint8_t> bytes) {
    ResponseCommitment& response = fields_.response;
    for (uint8_t byte : bytes) {
      response.pending[response.length % kLeafSize] = byte;
      ++response.length;
      if (response.length % kLeafSize == 0) {
        response.chain = keccak256Pair(response.chain, response.pending);
        response.pending = Hash{};
      }
    }
  }
  void debugLog(uint64_t, uint64_t) {}  // not part of the state

private:
  template <class T> T take(const char* what) {
    T value{};
    if (records_.size() - at_ < sizeof(T)) {
      fail(std::string("truncated proof: the ") + what + " record is cut short");
      at_ = records_.size();
      return value;
    }
    std::memcpy(&value, records_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return value;
  }
  uint64_t takeU64(const char* what) {
    std::array<uint8_t, 8> bytes = take<std::array<uint8_t, 8>>(what);
    uint64_t value = 0;
    for (uint8_t byte : bytes) value = value << 8 | byte;
    return value;
  }
  // A value, its zero mask and `depth` siblings.
  Hash merkleRecord(const char* what, unsigned depth, std::span<Hash> siblings) {
    Hash value = take<Hash>(what);
    uint32_t mask = static_cast<uint32_t>(takeU64Bytes<4>(what));
    if (depth < kMaskLevels && (mask >> depth) != 0)
      fail(std::string("the ") + what + " record's zero mask has bits above its depth");
    for (unsigned level = 0; level < depth; ++level)
      siblings[level] = level < kMaskLevels && (mask >> level & 1) ? zeroSubtree(level) : take<Hash>(what);
    return value;
  }
  template <size_t N> uint64_t takeU64Bytes(const char* what) {
    std::array<uint8_t, N> bytes = take<std::array<uint8_t, N>>(what);
    uint64_t value = 0;
    for (uint8_t byte : bytes) value = value << 8 | byte;
    return value;
  }
  Hash memoryLeaf(uint64_t address, const char* what, std::array<Hash, MemoryTree::kDepth>* out = nullptr) {
    std::array<Hash, MemoryTree::kDepth> siblings;
    Hash leaf = merkleRecord(what, MemoryTree::kDepth, siblings);
    if (error_.empty() && merkleRoot(leaf, address / kLeafSize, siblings) != fields_.memoryRoot)
      fail(std::string("the ") + what + " leaf at " + hexAddress(address & ~uint64_t{31}) +
           " is not under the memory root");
    if (out != nullptr) *out = siblings;
    return leaf;
  }
  static std::string hexAddress(uint64_t address) {
    char text[24];
    std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(address));
    return text;
  }

  StateFields& fields_;
  std::span<const uint8_t> records_;
  size_t at_ = 0;
  Hash dataTreeRoot_{};
  std::string error_;
};

}  // namespace

VerifyResult verifyStep(std::span<const uint8_t> preState, std::span<const uint8_t> records) {
  VerifyResult result;
  std::optional<StateFields> fields = unpackState(preState);
  if (!fields) {
    result.error = preState.size() != kPackedStateSize
                       ? "the pre-state is " + std::to_string(preState.size()) + " bytes, not " +
                             std::to_string(kPackedStateSize)
                       : "the pre-state has layout version " + std::to_string(preState[0]) + ", not " +
                             std::to_string(kStateLayoutVersion);
    return result;
  }
  result.preStateRoot = keccak256(preState);
  MachineState state;
  state.x = fields->x;
  state.x[0] = 0;
  state.pc = fields->pc;
  state.steps = fields->steps;
  state.status = static_cast<RunStatus>(fields->status);
  state.exitCode = fields->exitCode;
  state.trap.kind = static_cast<TrapKind>(fields->trapKind);
  ProofAccess access(*fields, records);
  executeStep(access, state);
  access.finish();
  if (!access.error().empty()) {
    result.error = access.error();
    return result;
  }
  fields->x = state.x;
  fields->pc = state.pc;
  fields->steps = state.steps;
  fields->status = static_cast<uint8_t>(state.status);
  fields->exitCode = state.exitCode;
  fields->trapKind = static_cast<uint8_t>(state.trap.kind);
  result.postState = packState(*fields);
  result.postStateRoot = keccak256(result.postState);
  result.valid = true;
  return result;
}

VerifyResult verifyStep(const StepProof& proof) { return verifyStep(proof.preState, proof.records); }

}  // namespace vcc::vm
