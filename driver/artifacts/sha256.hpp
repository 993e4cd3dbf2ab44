// SHA-256 (FIPS 180-4, OpenSSL's libcrypto), for the manifest's file digests next to keccak256.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace vcc::driver {

std::array<uint8_t, 32> sha256(std::span<const uint8_t> bytes);

}  // namespace vcc::driver
