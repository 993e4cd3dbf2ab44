// libFuzzer target: arbitrary bytes as raw instruction words. They are
// placed in a writable, executable segment (so stores can rewrite code) next
// to a data segment, the first 31 doublewords seed the registers through a
// prologue, and the machine runs for a bounded number of steps, in slices
// of varying length that must add up to one uninterrupted run.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "../vm/assembler.hpp"
#include "vcc/vm/machine.hpp"

using namespace vcc::vm;

namespace {

constexpr uint64_t kStepBudget = 5'000;

std::vector<uint8_t> imageFor(const uint8_t* data, size_t size) {
  test::Assembler code;
  // Registers start from the input (or small values pointing into the data
  // segment), so loads and stores hit interesting addresses.
  for (unsigned r = 1; r < 32; ++r) {
    uint64_t value = test::kDataBase + 8 * r;
    if (size >= 8 * r) std::memcpy(&value, data + 8 * (r - 1), 8);
    code.li(static_cast<test::Reg>(r), value);
  }
  for (size_t i = 0; i + 4 <= size; i += 4) {
    uint32_t word;
    std::memcpy(&word, data + i, 4);
    code.emit(word);
  }
  code.exit(0);
  std::vector<uint8_t> text = test::codeBytes(code);
  std::vector<uint8_t> dataSegment(4096, 0xa5);
  return test::buildElf({{test::kCodeBase, text, text.size(), 7},
                         {test::kDataBase, dataSegment, 2 * dataSegment.size(), 6}},
                        test::kCodeBase);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  std::vector<uint8_t> elf = imageFor(data, size);

  Machine whole;
  if (!whole.load(elf).ok()) std::abort();
  whole.bindRequest({9, 8, 7});
  StopReason wholeReason = whole.run(kStepBudget);

  Machine sliced;
  if (!sliced.load(elf).ok()) std::abort();
  sliced.bindRequest({9, 8, 7});
  StopReason slicedReason = StopReason::StepLimit;
  uint64_t limit = 0;
  for (size_t i = 0; slicedReason == StopReason::StepLimit && limit < kStepBudget; ++i) {
    limit = std::min<uint64_t>(kStepBudget, limit + 1 + (size ? data[i % size] : 0));
    slicedReason = sliced.run(limit);
  }
  // Determinism: the same state whatever the slicing.
  if (wholeReason != slicedReason) std::abort();
  const MachineState& a = whole.state();
  const MachineState& b = sliced.state();
  if (a.x != b.x || a.pc != b.pc || a.steps != b.steps || a.status != b.status ||
      a.exitCode != b.exitCode || a.trap.kind != b.trap.kind || a.trap.value != b.trap.value)
    std::abort();
  if (a.x[0] != 0) std::abort();
  if (whole.response().size() != sliced.response().size()) std::abort();
  return 0;
}
