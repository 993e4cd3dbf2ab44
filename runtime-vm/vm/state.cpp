#include "vcc/vm/state.hpp"

#include <cstring>

#include "vcc/vm/machine.hpp"

namespace vcc::vm {
namespace {

class Packer {
public:
  explicit Packer(PackedState& out) : out_(out) {}
  void bytes(std::span<const uint8_t> value) {
    std::memcpy(out_.data() + at_, value.data(), value.size());
    at_ += value.size();
  }
  void u64(uint64_t value) {
    for (int i = 7; i >= 0; --i) out_[at_++] = static_cast<uint8_t>(value >> (8 * i));
  }
  void u8(uint8_t value) { out_[at_++] = value; }
  size_t size() const { return at_; }

private:
  PackedState& out_;
  size_t at_ = 0;
};

Hash pendingBytes(std::span<const uint8_t> response) {
  Hash pending{};
  size_t count = response.size() % kLeafSize;
  if (count != 0) std::memcpy(pending.data(), response.data() + response.size() - count, count);
  return pending;
}

}  // namespace

PackedState packState(const Machine& machine, const Hash& memoryRoot) {
  const MachineState& state = machine.state();
  PackedState packed{};
  Packer out(packed);
  out.bytes(memoryRoot);
  out.bytes(machine.requestHash());
  out.u64(machine.requestOffset());
  out.bytes(machine.responseChain());
  out.bytes(pendingBytes(machine.response()));
  out.u64(machine.response().size());
  out.u64(state.steps);
  out.u64(state.pc);
  out.u8(static_cast<uint8_t>(state.status));
  out.u8(static_cast<uint8_t>(state.trap.kind));
  out.u64(state.exitCode);
  for (unsigned r = 1; r < 32; ++r) out.u64(state.x[r]);
  if (out.size() != kPackedStateSize) __builtin_trap();  // layout and size constant disagree
  return packed;
}

ResponseCommitment commitResponse(std::span<const uint8_t> response) {
  ResponseCommitment commitment;
  size_t complete = response.size() - response.size() % kLeafSize;
  for (size_t at = 0; at < complete; at += kLeafSize) {
    Hash block;
    std::memcpy(block.data(), response.data() + at, kLeafSize);
    commitment.chain = keccak256Pair(commitment.chain, block);
  }
  commitment.pending = pendingBytes(response);
  commitment.length = response.size();
  return commitment;
}

}  // namespace vcc::vm
