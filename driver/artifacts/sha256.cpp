#include "sha256.hpp"

#include <openssl/evp.h>

#include <new>

namespace vcc::driver {

std::array<uint8_t, 32> sha256(std::span<const uint8_t> bytes) {
  std::array<uint8_t, 32> digest{};
  unsigned length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != digest.size())
    throw std::bad_alloc();  // EVP_Digest fails only when it cannot allocate
  return digest;
}

}  // namespace vcc::driver
