// Guest memory: 2^20 pages of 4 KiB. A page that was never written reads
// as zeros from one shared page; the first write allocates it. Every page
// written since the last clearDirty() is listed, so that the state
// commitment re-hashes only those.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <vector>

#include "vcc/vm/layout.hpp"

namespace vcc::vm {

// A zero-filled array from calloc: large tables cost no time to create, and
// the operating system supplies their pages on first touch.
struct FreeDeleter {
  void operator()(void* pointer) const { std::free(pointer); }
};
template <class T> using ZeroedArray = std::unique_ptr<T[], FreeDeleter>;
template <class T> ZeroedArray<T> allocateZeroed(size_t count) {
  void* pointer = std::calloc(count, sizeof(T));
  if (pointer == nullptr) throw std::bad_alloc();
  return ZeroedArray<T>(static_cast<T*>(pointer));
}

class Memory {
public:
  // Per-page flags. The interpreter's store fast path applies only when a
  // page's flags are exactly kAllocated | kDirty; anything else (never
  // written, clean since the last commitment, holding decoded code) goes
  // through the slow path.
  enum PageFlag : uint8_t { kAllocated = 1, kDirty = 2, kHoldsCode = 4 };
  static constexpr uint8_t kFastWritable = kAllocated | kDirty;

  Memory();
  Memory(const Memory&) = delete;
  Memory& operator=(const Memory&) = delete;

  // Byte copies for the loader and system calls. They return false, and
  // copy nothing, when the range is not accessible (SPEC §3.1).
  bool read(uint64_t address, std::span<uint8_t> out) const;
  bool write(uint64_t address, std::span<const uint8_t> bytes);

  // Page-level access used by the interpreter.
  const uint8_t* pageData(uint64_t pageIndex) const { return pages_[pageIndex]; }
  uint8_t* writablePage(uint64_t pageIndex);  // allocates and marks dirty
  uint8_t flags(uint64_t pageIndex) const { return flags_[pageIndex]; }
  void setHoldsCode(uint64_t pageIndex) { flags_[pageIndex] |= kHoldsCode; }
  void clearHoldsCode(uint64_t pageIndex) { flags_[pageIndex] &= static_cast<uint8_t>(~kHoldsCode); }

  // Raw tables for the interpreter's hot loop. Every entry of the page
  // table points at a page: its own once written, else the shared zero page,
  // so that loads need no test.
  uint8_t* const* pageTable() const { return pages_.get(); }
  const uint8_t* flagTable() const { return flags_.get(); }

  // The host memory bound (--max-memory): at most this many pages are
  // allocated. writablePage must not be called for a page that would exceed
  // it; callers ask canWrite first. The default is the whole address space.
  void setPageLimit(uint64_t pages) { pageLimit_ = pages; }
  uint64_t pageLimit() const { return pageLimit_; }
  bool allocated(uint64_t pageIndex) const { return flags_[pageIndex] & kAllocated; }
  // Whether writing [address, address + size) (accessible, at most two
  // pages) stays within the page limit.
  bool canWrite(uint64_t address, uint64_t size) const;

  const std::vector<uint32_t>& dirtyPages() const { return dirtyPages_; }
  void clearDirty();
  size_t allocatedPages() const { return storage_.size(); }

private:
  std::unique_ptr<uint8_t*[]> pages_;  // kPageCount entries
  ZeroedArray<uint8_t> flags_;          // kPageCount entries
  std::vector<uint32_t> dirtyPages_;
  std::vector<std::unique_ptr<uint8_t[]>> storage_;
  uint64_t pageLimit_ = kPageCount;
};

}  // namespace vcc::vm
