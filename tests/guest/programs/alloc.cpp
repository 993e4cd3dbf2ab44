// Allocation-heavy guest: many new/delete of varying sizes (array and
// aligned forms included) from a deterministic stream, with every block's
// contents checked, then the nothrow and malloc failure paths.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

namespace {

uint64_t next(uint64_t& state) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

struct alignas(64) CacheLine {
  uint64_t words[8];
};

struct Block {
  unsigned char* data = nullptr;
  size_t size = 0;
  unsigned char fill = 0;
};

// Blocks are filled with one byte; checking the ends and the middle finds
// any overlap between live blocks.
bool intact(const Block& block) {
  if (block.size == 0) return true;
  return block.data[0] == block.fill && block.data[block.size / 2] == block.fill &&
         block.data[block.size - 1] == block.fill;
}

}  // namespace

int main() {
  uint64_t state = 0x1234567887654321ull;
  std::vector<Block> live(512);
  uint64_t checksum = 0, allocations = 0, bytes = 0;
  uintptr_t lowest = UINTPTR_MAX, highest = 0;
  bool ok = true;
  for (int round = 0; round < 50000; ++round) {
    Block& slot = live[next(state) % live.size()];
    if (slot.data) {
      ok = ok && intact(slot);
      checksum += slot.size;
      delete[] slot.data;
      slot = Block{};
    }
    // Mostly small blocks, sometimes up to 16 KiB, rarely up to 1 MiB.
    uint64_t r = next(state);
    size_t size = r % 64 == 0 ? r % (1u << 20) : r % 8 == 0 ? r % 16384 : r % 256;
    slot.data = new unsigned char[size];
    slot.size = size;
    slot.fill = static_cast<unsigned char>(r >> 40);
    std::memset(slot.data, slot.fill, size);
    auto address = reinterpret_cast<uintptr_t>(slot.data);
    lowest = address < lowest ? address : lowest;
    highest = address + size > highest ? address + size : highest;
    ++allocations;
    bytes += size;
  }
  for (Block& block : live) {
    ok = ok && intact(block);
    delete[] block.data;
  }
  std::printf("allocations %llu bytes %llu checksum %llu intact %d\n",
              static_cast<unsigned long long>(allocations), static_cast<unsigned long long>(bytes),
              static_cast<unsigned long long>(checksum), ok ? 1 : 0);
  std::printf("heap range inside [0x40000000, 0xC0000000): %d\n",
              lowest >= 0x40000000u && highest <= 0xC0000000u ? 1 : 0);

  // Over-aligned types go through the align_val_t overloads.
  std::vector<std::unique_ptr<CacheLine>> lines;
  bool aligned = true;
  for (int i = 0; i < 100; ++i) {
    lines.push_back(std::make_unique<CacheLine>());
    aligned = aligned && reinterpret_cast<uintptr_t>(lines.back().get()) % 64 == 0;
  }
  auto* array = new CacheLine[7];
  aligned = aligned && reinterpret_cast<uintptr_t>(array) % 64 == 0;
  delete[] array;
  void* page = ::operator new(100, std::align_val_t{4096});
  aligned = aligned && reinterpret_cast<uintptr_t>(page) % 4096 == 0;
  ::operator delete(page, std::align_val_t{4096});
  std::printf("over-aligned allocations aligned: %d\n", aligned ? 1 : 0);
  std::printf("default new alignment %zu\n", static_cast<size_t>(__STDCPP_DEFAULT_NEW_ALIGNMENT__));

  // Sized delete and a zero-byte new give distinct, valid pointers.
  int* one = new int(5);
  delete one;
  char* empty1 = new char[0];
  char* empty2 = new char[0];
  std::printf("zero-size new distinct: %d\n", empty1 != empty2 ? 1 : 0);
  delete[] empty1;
  delete[] empty2;

  // Failure that can be reported is reported, not fatal.
  // (volatile: otherwise the optimizer may assume an unused malloc succeeds)
  void* volatile tooBig = ::operator new(size_t{3} << 30, std::nothrow);  // > the 2 GiB heap
  void* volatile viaMalloc = std::malloc(size_t{3} << 30);
  std::printf("nothrow new of 3 GiB: %s, malloc: %s\n", tooBig ? "memory" : "nullptr",
              viaMalloc ? "memory" : "NULL");
  // The heap is still usable afterwards.
  std::vector<uint64_t> after(100000, 7);
  std::printf("after failure: %llu\n", static_cast<unsigned long long>(after[99999] * after.size()));
  return 0;
}
