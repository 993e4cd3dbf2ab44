// Whole-file reads and writes for the commands; "-" means stdin or stdout.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vcc::driver {

// Returns the bytes, or nullopt with a message in `error`. Files larger than
// maxBytes are refused without being read whole.
std::optional<std::vector<uint8_t>> readBinary(const std::string& path, uint64_t maxBytes,
                                               std::string& error);
bool writeBinary(const std::string& path, std::span<const uint8_t> bytes, std::string& error);

}  // namespace vcc::driver
