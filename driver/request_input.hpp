// Building a request (calldata) from the command line: a method with JSON
// arguments, or literal calldata (0x-hex or @FILE).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "manifest.hpp"

namespace vcc::driver {

// Exactly one of (method with argsJson) and calldata must be given. Sets
// `method` when it is known (given, or found by the calldata's selector).
bool makeRequest(const Manifest& manifest, const std::string& method, const std::string& argsJson,
                 const std::string& calldata, std::optional<ManifestMethod>& methodOut,
                 std::vector<uint8_t>& request, std::string& error);

// Parses 0x-hex (whitespace allowed between digits); nullopt when malformed.
std::optional<std::vector<uint8_t>> parseHexBytes(const std::string& text);

}  // namespace vcc::driver
