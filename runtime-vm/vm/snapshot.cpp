#include "vcc/vm/snapshot.hpp"

#include <cstring>

#include "vcc/vm/layout.hpp"
#include "vcc/vm/machine.hpp"
#include "vcc/vm/state.hpp"
#include "vcc/vm/syscalls.hpp"

namespace vcc::vm {
namespace {

constexpr char kMagic[4] = {'V', 'C', 'C', 'S'};
constexpr size_t kHeaderSize = kSnapshotHeaderSize;
static_assert(kHeaderSize == 4 + 1 + 32 + 32 + kPackedStateSize);

void putBig(std::vector<uint8_t>& out, uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

class Reader {
public:
  explicit Reader(std::span<const uint8_t> in) : in_(in) {}
  bool has(uint64_t n) const { return in_.size() - at_ >= n; }
  uint64_t big(int bytes) {
    uint64_t value = 0;
    for (int i = 0; i < bytes; ++i) value = value << 8 | in_[at_++];
    return value;
  }
  std::span<const uint8_t> take(size_t n) {
    std::span<const uint8_t> part = in_.subspan(at_, n);
    at_ += n;
    return part;
  }
  bool atEnd() const { return at_ == in_.size(); }

private:
  std::span<const uint8_t> in_;
  size_t at_ = 0;
};

}  // namespace

struct SnapshotAccess {
  static std::vector<uint8_t> save(Machine& machine, const Hash& programHash) {
    PackedState packed = packState(machine, machine.memoryRoot());
    Hash root = keccak256(packed);
    std::vector<uint8_t> out(std::begin(kMagic), std::end(kMagic));
    out.push_back(kSnapshotVersion);
    out.insert(out.end(), programHash.begin(), programHash.end());
    out.insert(out.end(), root.begin(), root.end());
    out.insert(out.end(), packed.begin(), packed.end());
    putBig(out, machine.response_.size(), 8);
    out.insert(out.end(), machine.response_.begin(), machine.response_.end());
    const Memory& memory = machine.memory_;
    putBig(out, memory.allocatedPages(), 4);
    for (uint64_t page = 0; page < kPageCount; ++page) {
      if (!memory.allocated(page)) continue;
      putBig(out, page, 4);
      const uint8_t* contents = memory.pageData(page);
      out.insert(out.end(), contents, contents + kPageSize);
    }
    return out;
  }

  static bool restore(Machine& machine, const Hash& programHash, std::span<const uint8_t> snapshot,
                      std::string& error) {
    std::optional<SnapshotHeader> header = readSnapshotHeader(snapshot, error);
    if (!header) return false;
    if (header->programHash != programHash) {
      error = "the snapshot is of another image (programHash " + toHex(header->programHash) + ")";
      return false;
    }
    if (header->requestRoot != machine.requestRoot_) {
      error = "the snapshot serves another request (request root " + toHex(header->requestRoot) + ")";
      return false;
    }
    if (machine.state_.steps != 0 || !machine.decodedStorage_.empty()) {
      error = "a snapshot is restored into a machine that has not run";
      return false;
    }
    Reader in(snapshot.subspan(kHeaderSize));
    StateFields fields = *unpackState(snapshot.subspan(kHeaderSize - kPackedStateSize, kPackedStateSize));
    if (!in.has(8)) return truncated(error);
    uint64_t responseLength = in.big(8);
    if (responseLength > syscall::kMaxStreamBytes || !in.has(responseLength)) return truncated(error);
    std::span<const uint8_t> response = in.take(responseLength);
    if (!in.has(4)) return truncated(error);
    uint64_t pages = in.big(4);
    if (pages > kPageCount || !in.has(pages * (4 + kPageSize))) return truncated(error);
    for (uint64_t i = 0; i < pages; ++i) {
      uint64_t page = in.big(4);
      if (page >= kPageCount) {
        error = "page index " + std::to_string(page) + " is outside memory";
        return false;
      }
      std::memcpy(machine.memory_.writablePage(page), in.take(kPageSize).data(), kPageSize);
    }
    if (!in.atEnd()) {
      error = "trailing bytes after the last page";
      return false;
    }
    MachineState& state = machine.state_;
    state.x = fields.x;
    state.x[0] = 0;
    state.pc = fields.pc;
    state.steps = fields.steps;
    state.status = static_cast<RunStatus>(fields.status);
    state.exitCode = fields.exitCode;
    state.trap = Trap{static_cast<TrapKind>(fields.trapKind), fields.pc, 0};
    machine.requestOffset_ = fields.requestOffset;
    machine.response_.assign(response.begin(), response.end());
    machine.responseChain_ = commitResponse(response).chain;
    if (machine.stateRoot() != header->stateRoot) {
      error = "the snapshot does not restore to the state root it records";
      return false;
    }
    return true;
  }

private:
  static bool truncated(std::string& error) {
    error = "truncated snapshot";
    return false;
  }
};

std::vector<uint8_t> saveSnapshot(Machine& machine, const Hash& programHash) {
  return SnapshotAccess::save(machine, programHash);
}

std::optional<SnapshotHeader> readSnapshotHeader(std::span<const uint8_t> snapshot, std::string& error) {
  if (snapshot.size() < kHeaderSize || std::memcmp(snapshot.data(), kMagic, 4) != 0) {
    error = "not a vcc snapshot";
    return std::nullopt;
  }
  if (snapshot[4] != kSnapshotVersion) {
    error = "snapshot version " + std::to_string(snapshot[4]) + " (this vcc reads version " +
            std::to_string(kSnapshotVersion) + ")";
    return std::nullopt;
  }
  std::span<const uint8_t> packed = snapshot.subspan(kHeaderSize - kPackedStateSize, kPackedStateSize);
  std::optional<StateFields> fields = unpackState(packed);
  if (!fields) {
    error = "the snapshot's state is not of layout version " + std::to_string(kStateLayoutVersion);
    return std::nullopt;
  }
  SnapshotHeader header;
  std::memcpy(header.programHash.data(), snapshot.data() + 5, 32);
  std::memcpy(header.stateRoot.data(), snapshot.data() + 37, 32);
  if (keccak256(packed) != header.stateRoot) {
    error = "the snapshot's state does not hash to its state root";
    return std::nullopt;
  }
  header.requestRoot = fields->requestRoot;
  header.steps = fields->steps;
  return header;
}

bool restoreSnapshot(Machine& machine, const Hash& programHash, std::span<const uint8_t> snapshot,
                     std::string& error) {
  return SnapshotAccess::restore(machine, programHash, snapshot, error);
}

}  // namespace vcc::vm
