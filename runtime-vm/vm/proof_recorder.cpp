// The proof recorder: executeStep (step.hpp) over an Access that reads and
// writes the machine itself and records every memory leaf and data chunk it
// touches, with its Merkle siblings, in the order the step touches them.
#include <cstring>

#include "machine_internal.hpp"
#include "proof_records.hpp"
#include "step.hpp"
#include "vcc/vm/data_root.hpp"
#include "vcc/vm/proof.hpp"

namespace vcc::vm {

class ProofRecorder {
public:
  ProofRecorder(Machine& machine, std::vector<uint8_t>& records) : machine_(machine), records_(records) {}
  static ProveResult prove(Machine& machine);

  std::optional<Operation> operation;  // the decoded instruction, once fetched
  std::string missing;                 // the blob the host does not have

  uint32_t fetch(uint64_t pc) {
    recordLeaf(pc);
    uint32_t word;
    machine_.memory_.read(pc, std::span(reinterpret_cast<uint8_t*>(&word), 4));
    operation = decode(word).kind;
    return word;
  }
  template <class T> T load(uint64_t address) {
    recordLeaf(address);
    T value;
    machine_.memory_.read(address, std::span(reinterpret_cast<uint8_t*>(&value), sizeof(T)));
    return value;
  }
  template <class T> bool store(uint64_t address, T value) {
    if (!machine_.memory_.canWrite(address, sizeof(T))) return false;
    recordLeaf(address);
    machine_.storeSlowPath(address, static_cast<uint64_t>(value), sizeof(T));
    return true;
  }

  const Hash& requestRoot() const { return machine_.requestRoot_; }
  uint64_t requestOffset() const { return machine_.requestOffset_; }
  void setRequestOffset(uint64_t offset) { machine_.requestOffset_ = offset; }
  std::optional<uint64_t> dataLength(const Hash& root) {
    const std::vector<uint8_t>* data = machine_.findData(root);
    if (data == nullptr) {
      missing = toHex(root);
      return std::nullopt;
    }
    appendLengthRecord(records_, vm::dataTreeRoot(*data), data->size());
    return data->size();
  }
  Hash dataChunk(const Hash& root, uint64_t, uint64_t index) {
    const std::vector<uint8_t>& data = *machine_.findData(root);
    Hash chunk = vm::dataChunk(data, index);
    appendMerkleRecord(records_, chunk, dataChunkSiblings(data, index));
    return chunk;
  }
  bool canWrite(uint64_t address, uint64_t size) const { return machine_.memory_.canWrite(address, size); }
  void writeMemory(uint64_t address, std::span<const uint8_t> bytes) {
    recordLeaf(address);
    machine_.copyToGuest(address, bytes);
  }
  void readMemory(uint64_t address, std::span<uint8_t> out) {
    recordLeaf(address);
    machine_.memory_.read(address, out);
  }
  uint64_t responseLength() const { return machine_.response_.size(); }
  void appendResponse(std::span<const uint8_t> bytes) { machine_.appendResponse(bytes); }
  void debugLog(uint64_t address, uint64_t size) { machine_.appendDebugLog(address, size); }

private:
  void recordLeaf(uint64_t address) {
    // The tree must describe memory as it is now: a step writes at most
    // once and last, but re-hashing the dirty pages here keeps it exact.
    machine_.memoryRoot();
    uint64_t leaf = address / kLeafSize;
    Hash value;
    machine_.memory_.read(leaf * kLeafSize, value);
    appendMerkleRecord(records_, value, machine_.memoryTree_.leafSiblings(machine_.memory_, leaf));
  }

  Machine& machine_;
  std::vector<uint8_t>& records_;
};

ProveResult proveStep(Machine& machine) { return ProofRecorder::prove(machine); }

ProveResult ProofRecorder::prove(Machine& machine) {
  ProveResult result;
  StepProof proof;
  proof.preState = packState(machine, machine.memoryRoot());
  ProofRecorder recorder(machine, proof.records);
  StepResult step = executeStep(recorder, machine.state_);
  switch (step) {
  case StepResult::MemoryLimit:
    result.error = "the step needs a page beyond the host's memory limit";
    return result;
  case StepResult::MissingData:
    result.error = "missing data: the step reads blob " + recorder.missing + ", which the host does not have";
    return result;
  case StepResult::Halted: result.kind = StepKind::Halted; break;
  case StepResult::Trapped: result.kind = StepKind::Trap; break;
  default: result.kind = recorder.operation ? stepKindOf(*recorder.operation) : StepKind::Trap; break;
  }
  result.postStateRoot = machine.stateRoot();
  result.proof = std::move(proof);
  return result;
}

}  // namespace vcc::vm
