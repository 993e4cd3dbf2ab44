#include "vcc/vm/state.hpp"

#include <cstring>

#include "vcc/vm/layout.hpp"
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

class Unpacker {
public:
  explicit Unpacker(std::span<const uint8_t> in) : in_(in) {}
  Hash hash() {
    Hash value;
    std::memcpy(value.data(), in_.data() + at_, value.size());
    at_ += value.size();
    return value;
  }
  uint64_t u64() {
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value = value << 8 | in_[at_++];
    return value;
  }
  uint8_t u8() { return in_[at_++]; }

private:
  std::span<const uint8_t> in_;
  size_t at_ = 0;
};

Hash pendingBytes(std::span<const uint8_t> response) {
  Hash pending{};
  size_t count = response.size() % kLeafSize;
  if (count != 0) std::memcpy(pending.data(), response.data() + response.size() - count, count);
  return pending;
}

}  // namespace

PackedState packState(const StateFields& fields) {
  PackedState packed{};
  Packer out(packed);
  out.u8(kStateLayoutVersion);
  out.bytes(fields.memoryRoot);
  out.bytes(fields.requestRoot);
  out.u64(fields.requestOffset);
  out.bytes(fields.response.chain);
  out.bytes(fields.response.pending);
  out.u64(fields.response.length);
  out.u64(fields.steps);
  out.u64(fields.pc);
  out.u8(fields.status);
  out.u8(fields.trapKind);
  out.u64(fields.exitCode);
  out.bytes(fields.extensionRoot);
  for (unsigned r = 1; r < 32; ++r) out.u64(fields.x[r]);
  if (out.size() != kPackedStateSize) __builtin_trap();  // layout and size constant disagree
  return packed;
}

std::optional<StateFields> unpackState(std::span<const uint8_t> bytes) {
  if (bytes.size() != kPackedStateSize || bytes[0] != kStateLayoutVersion) return std::nullopt;
  Unpacker in(bytes.subspan(1));
  StateFields fields;
  fields.memoryRoot = in.hash();
  fields.requestRoot = in.hash();
  fields.requestOffset = in.u64();
  fields.response.chain = in.hash();
  fields.response.pending = in.hash();
  fields.response.length = in.u64();
  fields.steps = in.u64();
  fields.pc = in.u64();
  fields.status = in.u8();
  fields.trapKind = in.u8();
  fields.exitCode = in.u64();
  fields.extensionRoot = in.hash();
  for (unsigned r = 1; r < 32; ++r) fields.x[r] = in.u64();
  return fields;
}

PackedState packState(const Machine& machine, const Hash& memoryRoot) {
  const MachineState& state = machine.state();
  StateFields fields;
  fields.memoryRoot = memoryRoot;
  fields.requestRoot = machine.requestRoot();
  fields.requestOffset = machine.requestOffset();
  fields.response.chain = machine.responseChain();
  fields.response.pending = pendingBytes(machine.response());
  fields.response.length = machine.response().size();
  fields.steps = state.steps;
  fields.pc = state.pc;
  fields.status = static_cast<uint8_t>(state.status);
  fields.trapKind = static_cast<uint8_t>(state.trap.kind);
  fields.exitCode = state.exitCode;
  fields.x = state.x;
  return packState(fields);
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
