// Snapshots (docs/proofs.md, "Snapshots"): the whole machine at one step,
// written by `vcc vm run --snapshot-every N` so that `vcc vm prove` (and a
// provider answering bisection queries) continues from the nearest one
// instead of from step 0. A snapshot is only ever restored into a machine
// that has loaded the same image and bound the same request, and it must
// restore to exactly the state root it records.
//
//   "VCCS" | version 1 | programHash (32) | stateRoot (32) | packed state
//   | response length (8) | response bytes | page count (4) | pages: index (4) + 4096 bytes each
//
// Integers are big-endian; the packed state is layout version 2 (docs/vm.md).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vcc/vm/keccak.hpp"

namespace vcc::vm {

class Machine;

inline constexpr uint8_t kSnapshotVersion = 1;
// Bytes up to and including the packed state: all readSnapshotHeader needs.
inline constexpr size_t kSnapshotHeaderSize = 4 + 1 + 32 + 32 + 451;

// The machine as it is now; programHash names the image it runs.
std::vector<uint8_t> saveSnapshot(Machine& machine, const Hash& programHash);

struct SnapshotHeader {
  Hash programHash{};
  Hash stateRoot{};
  Hash requestRoot{};
  uint64_t steps = 0;
};
// The header of a snapshot file (its first kSnapshotHeaderSize bytes
// suffice), or null with the reason.
std::optional<SnapshotHeader> readSnapshotHeader(std::span<const uint8_t> snapshot, std::string& error);

// Restores a snapshot into `machine`, which has loaded the image whose
// programHash the snapshot names and bound the request it names, and has
// not run. False, with the reason, when the snapshot is malformed, belongs
// to another image or request, or does not restore to its state root.
bool restoreSnapshot(Machine& machine, const Hash& programHash, std::span<const uint8_t> snapshot,
                     std::string& error);

}  // namespace vcc::vm
