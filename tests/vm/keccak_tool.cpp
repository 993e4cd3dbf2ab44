// Test helper for the JavaScript peer check (tests/js): prints random
// messages and their keccak256 as computed by the VM library.
//   keccak_tool --keccak-random N SEED   ->  N lines "HEXMSG HEXHASH"
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "vcc/vm/keccak.hpp"

int main(int argc, char** argv) {
  if (argc != 4 || std::strcmp(argv[1], "--keccak-random") != 0) {
    std::fprintf(stderr, "usage: keccak_tool --keccak-random N SEED\n");
    return 2;
  }
  unsigned long count = std::strtoul(argv[2], nullptr, 10);
  std::mt19937_64 random(std::strtoull(argv[3], nullptr, 10));
  // Lengths around the 136-byte block boundary first, then random ones.
  const size_t boundaries[] = {0, 1, 31, 32, 33, 63, 64, 65, 135, 136, 137, 271, 272, 273};
  for (unsigned long i = 0; i < count; ++i) {
    size_t length = i < std::size(boundaries) ? boundaries[i] : random() % 1001;
    std::vector<uint8_t> message(length);
    for (uint8_t& byte : message) byte = static_cast<uint8_t>(random());
    std::string hex = vcc::vm::toHex(message);
    std::printf("%s %s\n", hex.c_str() + 2, vcc::vm::toHex(vcc::vm::keccak256(message)).c_str() + 2);
  }
  return 0;
}
