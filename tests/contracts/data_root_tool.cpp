// Writes data-root test vectors as JSON for tests/contracts/js: for data of
// each size (bytes from a seeded generator), its data root and, for a few
// chunks, the chunk and its siblings (vcc::vm, the C++ implementation).
// Usage: data_root_tool OUT.json
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "vcc/vm/data_root.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: data_root_tool OUT.json\n");
    return 2;
  }
  std::FILE* out = std::fopen(argv[1], "w");
  if (!out) return 2;
  const size_t sizes[] = {0, 1, 31, 32, 33, 63, 64, 65, 96, 127, 128, 129, 200, 1000, 1024, 1025, 4097, 10000};
  std::fprintf(out, "[");
  bool first = true;
  for (size_t size : sizes) {
    std::mt19937_64 random(size * 7919 + 1);
    std::vector<uint8_t> data(size);
    for (uint8_t& byte : data) byte = static_cast<uint8_t>(random());
    std::fprintf(out, "%s\n{\"data\":\"%s\",\"root\":\"%s\",\"chunks\":[", first ? "" : ",",
                 vcc::vm::toHex(data).c_str(), vcc::vm::toHex(vcc::vm::dataRoot(data)).c_str());
    first = false;
    uint64_t chunks = size == 0 ? 1 : (size + 31) / 32;
    bool firstChunk = true;
    for (uint64_t index : {uint64_t{0}, chunks / 3, chunks - 1}) {
      std::fprintf(out, "%s{\"index\":%llu,\"chunk\":\"%s\",\"siblings\":[", firstChunk ? "" : ",",
                   static_cast<unsigned long long>(index), vcc::vm::toHex(vcc::vm::dataChunk(data, index)).c_str());
      firstChunk = false;
      std::vector<vcc::vm::Hash> siblings = vcc::vm::dataChunkSiblings(data, index);
      for (size_t i = 0; i < siblings.size(); ++i)
        std::fprintf(out, "%s\"%s\"", i ? "," : "", vcc::vm::toHex(siblings[i]).c_str());
      std::fprintf(out, "]}");
    }
    std::fprintf(out, "]}");
  }
  std::fprintf(out, "\n]\n");
  return std::fclose(out) == 0 ? 0 : 2;
}
