// Shared by the `vcc vm` subcommands: reading an image into a machine, and
// printing errors and hex.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "vcc/vm/machine.hpp"

namespace vcc::driver {

// Reads and loads IMAGE; on failure prints "vcc: error: ..." and returns null.
std::unique_ptr<vm::Machine> loadImage(const std::string& path);

// Prints "vcc: error: MESSAGE" on stderr and returns kExitBadInput.
int reportError(const std::string& message);

std::string hex64(uint64_t value);  // "0x" + lowercase hex, no padding

}  // namespace vcc::driver
