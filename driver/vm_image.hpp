// Shared by the `vcc vm` subcommands: reading an image into a machine, and
// printing errors and hex.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vcc/vm/blob_store.hpp"
#include "vcc/vm/machine.hpp"

namespace vcc::driver {

// Reads and loads IMAGE; on failure prints "vcc: error: ..." and returns null.
std::unique_ptr<vm::Machine> loadImage(const std::string& path);

// The request served on fd 0: the bytes of PATH (at most 256 MiB), or none
// when PATH is empty. On failure prints the error and returns nullopt.
std::optional<std::vector<uint8_t>> readRequest(const std::string& path);

// Serves the machine's data-oracle calls from the store directory DIR (no
// store when DIR is empty); `holder` keeps the store alive as long as the
// machine runs. On failure prints the error and returns false.
bool attachStore(vm::Machine& machine, const std::string& dir, std::unique_ptr<vm::DirectoryBlobStore>& holder);

// Prints "vcc: error: MESSAGE" on stderr and returns kExitBadInput.
int reportError(const std::string& message);

std::string hex64(uint64_t value);  // "0x" + lowercase hex, no padding

}  // namespace vcc::driver
