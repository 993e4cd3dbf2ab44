// Runs out of heap on purpose: 64 MiB blocks until operator new fails,
// which ends the program with the documented exit code 70 and the message
// "vcc: out of memory (allocating 67108864 bytes)" on the debug log.
#include <cstdio>
#include <vector>

int main() {
  std::vector<char*> blocks;
  blocks.reserve(64);
  for (;;) {
    char* block = new char[64 << 20];
    block[0] = 1;  // touch one page only: the rest is never materialized
    blocks.push_back(block);
    std::printf("block %zu\n", blocks.size());
  }
}
