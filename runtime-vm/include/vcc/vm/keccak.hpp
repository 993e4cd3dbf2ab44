// keccak256 as Ethereum uses it: Keccak[r=1088, c=512] with the original
// 0x01 padding (not SHA3-256's 0x06).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace vcc::vm {

using Hash = std::array<uint8_t, 32>;

class Keccak256 {
public:
  Keccak256& update(std::span<const uint8_t> bytes);
  Hash finalize();  // the object must not be updated afterwards

private:
  static constexpr size_t kRate = 136;
  uint64_t state_[25] = {};
  size_t used_ = 0;  // bytes absorbed into the current block
};

Hash keccak256(std::span<const uint8_t> bytes);
// keccak256(left || right): the Merkle tree's node hash.
Hash keccak256Pair(const Hash& left, const Hash& right);
void keccakF1600(uint64_t state[25]);

std::string toHex(std::span<const uint8_t> bytes);  // "0x" + lowercase hex

}  // namespace vcc::vm
