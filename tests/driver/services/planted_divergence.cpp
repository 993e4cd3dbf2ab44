// A test service with planted divergences, for verify-equiv's fuzzers
// (tests/driver/fuzz_divergence_test.py). Its result depends on an address
// (copied into an integer with memcpy, which the frontend's
// vcc-no-address-dependence rule does not follow), and addresses differ
// between the native binary and the VM, so the answers differ, but only:
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

uint64_t addressBits(const void* pointer) {
  uint64_t bits;
  std::memcpy(&bits, &pointer, sizeof bits);
  return bits >> 30;  // natively the arena lies elsewhere than the VM's 0x40000000
}

}  // namespace

VCC_METHOD uint64_t longArrays(std::vector<uint32_t> values) {
  if (values.size() <= 100) return values.size();
  return addressBits(values.data());
}

VCC_METHOD uint64_t magic(vcc::bytes data) {
  if (data.size() < 8) return data.size();
  uint32_t head;
  std::memcpy(&head, data.data(), sizeof head);
  if (head != 0x21636376u) return head & 0xff;  // "vcc!" in memory
  return addressBits(data.data());
}

VCC_METHOD uint32_t plain(uint32_t x) { return x * 2654435761u; }
