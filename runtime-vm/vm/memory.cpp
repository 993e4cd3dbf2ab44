#include "vcc/vm/memory.hpp"

#include <algorithm>
#include <cstring>

namespace vcc::vm {
namespace {
alignas(64) const uint8_t kZeroPage[kPageSize] = {};
}

Memory::Memory()
    : pages_(std::make_unique_for_overwrite<uint8_t*[]>(kPageCount)),
      flags_(allocateZeroed<uint8_t>(kPageCount)) {
  std::fill(pages_.get(), pages_.get() + kPageCount, const_cast<uint8_t*>(kZeroPage));
}

uint8_t* Memory::writablePage(uint64_t pageIndex) {
  uint8_t& flags = flags_[pageIndex];
  if (!(flags & kAllocated)) {
    storage_.push_back(std::make_unique<uint8_t[]>(kPageSize));  // value-initialised: zeros
    pages_[pageIndex] = storage_.back().get();
    flags |= kAllocated;
  }
  if (!(flags & kDirty)) {
    flags |= kDirty;
    dirtyPages_.push_back(static_cast<uint32_t>(pageIndex));
  }
  return pages_[pageIndex];
}

bool Memory::canWrite(uint64_t address, uint64_t size) const {
  if (size == 0) return true;
  uint64_t first = address >> kPageShift, last = (address + size - 1) >> kPageShift;
  uint64_t needed = 0;
  for (uint64_t page = first; page <= last; ++page) needed += allocated(page) ? 0 : 1;
  return storage_.size() + needed <= pageLimit_;
}

void Memory::clearDirty() {
  for (uint32_t page : dirtyPages_) flags_[page] &= static_cast<uint8_t>(~kDirty);
  dirtyPages_.clear();
}

bool Memory::read(uint64_t address, std::span<uint8_t> out) const {
  if (!isAccessible(address, out.size())) return false;
  size_t done = 0;
  while (done < out.size()) {
    uint64_t at = address + done;
    size_t offset = at & (kPageSize - 1);
    size_t chunk = std::min<size_t>(out.size() - done, kPageSize - offset);
    std::memcpy(out.data() + done, pageData(at >> kPageShift) + offset, chunk);
    done += chunk;
  }
  return true;
}

bool Memory::write(uint64_t address, std::span<const uint8_t> bytes) {
  if (!isAccessible(address, bytes.size())) return false;
  size_t done = 0;
  while (done < bytes.size()) {
    uint64_t at = address + done;
    size_t offset = at & (kPageSize - 1);
    size_t chunk = std::min<size_t>(bytes.size() - done, kPageSize - offset);
    std::memcpy(writablePage(at >> kPageShift) + offset, bytes.data() + done, chunk);
    done += chunk;
  }
  return true;
}

}  // namespace vcc::vm
