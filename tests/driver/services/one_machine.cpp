// A test service whose results used to differ between the native binary and
// the VM image although vcc accepted it (issue: "one language, two
// machines"). Each method exercises one class; tests/driver/
// one_machine_test.py runs them natively (serial, threads) and in the VM
// and requires identical bytes, or the same trap outcome.
//
// The C++ standard library: libc++ with one configuration on both targets.
//   sortTies(bytes keys)     indices after std::sort by key only (ties are
//                            ordered by the implementation)
//   heapTies(bytes keys)     indices in std::priority_queue pop order
//   containers(string a, string b)  compare()'s value, std::hash of a and of
//                            a number, vector capacities while growing,
//                            unordered_map's bucket counts
// Undefined or target-defined behaviour, given one meaning (IR plugin):
//   arithmetic(int64 a, int64 b)  / and % signed and unsigned, 32 and 64
//                            bits, clz/ctz, shifts by b
//   overlapCopy(bytes data, uint32 shift)  memcpy onto itself
//   uninitialized(uint32 n)  locals read before written
//   nanBits(bytes floats)    bits of NaNs made by arithmetic, copysign
//   outOfBounds(uint32 i)    vector, std::array, C array index i (traps)
//   badComparator(bytes keys) std::sort with a non-strict comparator
// The stack: one counted budget (IR plugin), the same trap past it.
//   recurse(uint32 depth)    a recursion with 256-byte frames
// The service heap: one allocator, one 2 GiB arena, zero-filled blocks.
//   reusedMemory(uint32 n)   reads new[]'d memory that held data before
//   allocateUntilFull(uint64 chunk)  how many chunks fit, then the same
//                            request through operator new (exit 70)
#include <vcc/service.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <queue>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

template <class T> void append(vcc::bytes& out, T value) {
  uint8_t raw[sizeof(T)];
  std::memcpy(raw, &value, sizeof value);
  out.insert(out.end(), raw, raw + sizeof raw);
}

struct Pair {
  uint8_t key;
  uint32_t index;
};

std::vector<Pair> pairsOf(const vcc::bytes& keys) {
  std::vector<Pair> pairs;
  for (uint32_t i = 0; i < keys.size(); ++i) pairs.push_back({keys[i], i});
  return pairs;
}

// Not every member is written: the frontend cannot follow it into memory.
struct Partial {
  int64_t written;
  int64_t notWritten;
  double alsoNot;
};

Partial makePartial(uint32_t n) {
  Partial partial;
  partial.written = n;
  if (n > 1000000) partial.notWritten = 1;
  return partial;
}

}  // namespace

VCC_METHOD vcc::bytes sortTies(vcc::bytes keys) {
  std::vector<Pair> pairs = pairsOf(keys);
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.key < b.key; });
  vcc::bytes out;
  for (const Pair& pair : pairs) append<uint32_t>(out, pair.index);
  return out;
}

VCC_METHOD vcc::bytes heapTies(vcc::bytes keys) {
  auto byKey = [](const Pair& a, const Pair& b) { return a.key < b.key; };
  std::priority_queue<Pair, std::vector<Pair>, decltype(byKey)> queue(byKey);
  for (const Pair& pair : pairsOf(keys)) queue.push(pair);
  vcc::bytes out;
  for (; !queue.empty(); queue.pop()) append<uint32_t>(out, queue.top().index);
  return out;
}

VCC_METHOD vcc::bytes containers(std::string a, std::string b) {
  vcc::bytes out;
  append<int64_t>(out, a.compare(b));
  append<uint64_t>(out, std::hash<std::string>{}(a));
  append<uint64_t>(out, std::hash<uint64_t>{}(a.size() * 0x9e3779b97f4a7c15ull));
  append<uint64_t>(out, std::hash<double>{}(static_cast<double>(b.size()) / 3));
  std::vector<uint32_t> growing;
  std::unordered_map<uint32_t, uint32_t> table;
  for (uint32_t i = 0; i < 40 + a.size(); ++i) {
    growing.push_back(i);
    table[i * 7919u] = i;
    append<uint64_t>(out, growing.capacity());
    append<uint64_t>(out, table.bucket_count());
  }
  std::string grown = a;
  for (size_t i = 0; i < 5; ++i) {
    grown += b;
    append<uint64_t>(out, grown.capacity());
  }
  return out;
}

VCC_METHOD vcc::bytes arithmetic(int64_t a, int64_t b) {
  vcc::bytes out;
  append<int64_t>(out, a / b);
  append<int64_t>(out, a % b);
  append<uint64_t>(out, static_cast<uint64_t>(a) / static_cast<uint64_t>(b));
  append<uint64_t>(out, static_cast<uint64_t>(a) % static_cast<uint64_t>(b));
  const auto a32 = static_cast<int32_t>(a), b32 = static_cast<int32_t>(b);
  append<int32_t>(out, a32 / b32);
  append<int32_t>(out, a32 % b32);
  append<int32_t>(out, __builtin_clz(static_cast<uint32_t>(b)));
  append<int32_t>(out, __builtin_ctzll(static_cast<uint64_t>(b)));
  append<uint32_t>(out, static_cast<uint32_t>(a) << b);
  append<int64_t>(out, a >> b);
  return out;
}

VCC_METHOD vcc::bytes overlapCopy(vcc::bytes data, uint32_t shift) {
  if (shift >= data.size()) return data;
  std::memcpy(data.data() + shift, data.data(), data.size() - shift);
  std::memcpy(data.data(), data.data() + shift / 2, data.size() - shift);
  return data;
}

VCC_METHOD vcc::bytes uninitialized(uint32_t n) {
  Partial partial = makePartial(n);
  vcc::bytes out;
  append(out, partial.written);
  append(out, partial.notWritten);
  append(out, partial.alsoNot);
  return out;
}

VCC_METHOD vcc::bytes nanBits(vcc::bytes floats) {
  vcc::bytes out;
  std::vector<double> values;
  for (size_t i = 0; i + 8 <= floats.size(); i += 8) {
    double value;
    std::memcpy(&value, floats.data() + i, 8);
    values.push_back(value);
  }
  for (size_t i = 0; i + 1 < values.size(); ++i) {
    double x = values[i], y = values[i + 1];
    append<double>(out, x - y);
    append<double>(out, x * y);
    append<double>(out, x / y);
    append<double>(out, std::sqrt(x));
    append<float>(out, static_cast<float>(x) - static_cast<float>(y));
    append<double>(out, std::copysign(1.0, x - y));
    append<double>(out, -(x * y));
  }
  return out;
}

VCC_METHOD uint64_t outOfBounds(uint32_t i) {
  std::vector<uint64_t> vector(8, 5);
  std::array<uint64_t, 8> array{};
  uint64_t plain[8] = {};
  if (i >= 16) return vector[i];
  if (i >= 12) return array[i];
  return plain[i] + vector.at(i % 8);
}

VCC_METHOD vcc::bytes badComparator(vcc::bytes keys) {
  std::vector<Pair> pairs = pairsOf(keys);
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.key <= b.key; });
  vcc::bytes out;
  for (const Pair& pair : pairs) append<uint32_t>(out, pair.index);
  return out;
}

VCC_METHOD vcc::bytes reusedMemory(uint32_t n) {
  n = n % 4096 + 1;
  auto* first = new uint64_t[n];
  for (uint32_t i = 0; i < n; ++i) first[i] = 0xdeadbeef00000000ull + i;
  delete[] first;
  auto* second = new uint64_t[n];  // the same block again: read before written
  vcc::bytes out;
  for (uint32_t i = 0; i < n; i += 97) append(out, second[i]);
  delete[] second;
  void* block = std::malloc(n * 8);
  std::memset(block, 0xab, n * 8);
  std::free(block);
  auto* again = static_cast<uint8_t*>(std::malloc(n * 8));
  append(out, again[0] + again[n * 8 - 1]);
  std::free(again);
  return out;
}

VCC_METHOD vcc::bytes allocateUntilFull(uint64_t chunk) {
  if (chunk < 4096) chunk = 4096;
  std::vector<void*> blocks;
  for (;;) {
    void* block = std::malloc(chunk);
    if (block == nullptr) break;
    blocks.push_back(block);
  }
  uint64_t fitted = blocks.size();
  for (void* block : blocks) std::free(block);
  // More than the heap: exit 70. The vector is returned, so that the
  // optimizer cannot drop the allocation.
  vcc::bytes tooBig(chunk * (fitted + 1));
  tooBig[0] = static_cast<uint8_t>(fitted);
  tooBig.resize(1);
  return tooBig;
}

namespace {

uint64_t descend(uint32_t depth, const uint8_t* above) {
  uint8_t frame[256];
  for (size_t i = 0; i < sizeof frame; ++i) frame[i] = static_cast<uint8_t>(above[i] + depth);
  if (depth == 0) return frame[7];
  return descend(depth - 1, frame) + frame[depth % sizeof frame];  // not a tail call
}

}  // namespace

VCC_METHOD uint64_t recurse(uint32_t depth) {
  uint8_t top[256] = {};
  return descend(depth, top);
}

// A method in a named namespace: the glue calls it by its qualified name,
// the selector uses the plain one.
namespace extra {
VCC_METHOD uint32_t namespaced(uint32_t x) { return x * 3u; }
}  // namespace extra
