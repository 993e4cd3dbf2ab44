// libFuzzer target for the strict decoder: the first input byte picks one of
// the argument lists of random_types.hpp, the rest is decoded as its
// arguments. Beyond no crash, leak or UB (ASan/UBSan), it checks the
// codec's central property: whatever is accepted re-encodes to exactly the
// input, and every error position lies inside (or at the end of) the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "random_types.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto& lists = abitest::argumentLists();
  const auto& list = lists[data[0] % lists.size()];
  std::span<const uint8_t> input(data + 1, size - 1);
  std::string json;
  std::vector<uint8_t> reencoded;
  vcc::abi::Error error = list.decode(input, json, reencoded);
  if (error.ok()) {
    if (reencoded.size() != input.size() ||
        !std::equal(reencoded.begin(), reencoded.end(), input.begin()))
      std::abort();
  } else if (error.position > input.size()) {
    std::abort();
  }
  return 0;
}
