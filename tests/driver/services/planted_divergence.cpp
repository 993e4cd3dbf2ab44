// A test service with planted divergences, for verify-equiv's fuzzers
// (tests/driver/fuzz_divergence_test.py). Its result depends on an address
// (the distance between a heap block and a global: subtracting pointers
// into different objects is undefined in C++, and the frontend cannot tell
// it from the legal distance within one array, docs/passes.md), and
// addresses differ between the native binary and the VM, so the answers
// differ, but only:
//
//   longArrays(uint32[] values)   for more than 100 elements (a generator
//                                 that makes at most a handful misses it)
//   magic(bytes data)             when data starts with "vcc!" and holds at
//                                 least 8 bytes (random bytes miss it one
//                                 time in 2^32; docs/benchmarks.md records
//                                 how coverage-guided fuzzing fares)
//   plain(uint32 x)               never
#include <vcc/service.hpp>

#include <cstring>
#include <vector>

namespace {

const uint8_t kAnchor[1] = {0};

uint64_t addressBits(const uint8_t* pointer) {
  // Natively the heap arena lies elsewhere from the globals than in the VM.
  return static_cast<uint64_t>(pointer - kAnchor) >> 30;
}

}  // namespace

VCC_METHOD uint64_t longArrays(std::vector<uint32_t> values) {
  if (values.size() <= 100) return values.size();
  return addressBits(reinterpret_cast<const uint8_t*>(values.data()));
}

VCC_METHOD uint64_t magic(vcc::bytes data) {
  if (data.size() < 8) return data.size();
  uint32_t head;
  std::memcpy(&head, data.data(), sizeof head);
  if (head != 0x21636376u) return head & 0xff;  // "vcc!" in memory
  return addressBits(data.data());
}

VCC_METHOD uint32_t plain(uint32_t x) { return x * 2654435761u; }
