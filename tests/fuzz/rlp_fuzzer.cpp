// libFuzzer: vcc/rlp.hpp's strict decoder and vcc/trie.hpp on arbitrary
// bytes (the explorer sample decodes untrusted chain data with them).
// Properties: nothing reads past the input (ASan); an accepted item is
// canonical, so re-encoding any string member, and any list from its
// members' encodings, gives back exactly the bytes it was decoded from; the
// trie root over a list's members is computed without fault.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "vcc/rlp.hpp"
#include "vcc/trie.hpp"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

// Walks the item (lists to a bounded depth) and checks the round trip.
void walk(const vcc::rlp::Item& item, int depth) {
  vcc::bytes again;
  if (!item.list) {
    vcc::rlp::appendString(again, item.payload);
    check(std::equal(again.begin(), again.end(), item.encoding.begin(), item.encoding.end()));
    uint64_t value = 0;
    if (vcc::rlp::toUint64(item, value)) {
      vcc::bytes integer;
      vcc::rlp::appendUint(integer, value);
      check(std::equal(integer.begin(), integer.end(), item.encoding.begin(), item.encoding.end()));
    }
    return;
  }
  vcc::rlp::ListReader members(item);
  vcc::rlp::Item member;
  vcc::bytes payload;
  std::vector<std::span<const uint8_t>> values;
  while (members.next(member)) {
    payload.insert(payload.end(), member.encoding.begin(), member.encoding.end());
    values.push_back(member.payload);
    if (depth < 64) walk(member, depth + 1);
  }
  if (!members.ok()) return;
  check(members.atEnd());
  again = vcc::rlp::list(payload);
  check(std::equal(again.begin(), again.end(), item.encoding.begin(), item.encoding.end()));
  if (values.size() <= 256) (void)vcc::trie::orderedRoot(values);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vcc::rlp::Item item;
  if (vcc::rlp::decode(std::span<const uint8_t>(data, size), item)) walk(item, 0);
  return 0;
}
