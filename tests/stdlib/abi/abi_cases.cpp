// One program, two targets: decodes and answers a fixed set of calldata
// cases, valid and malformed, plus generated mutations of them, and writes
// one record per case. A dual program (cmake/DualProgram.cmake): natively
// with every backend and as a guest image in vcc's VM, the responses must be
// identical (stdlib.abi.dual.*).
//
// Request: empty, or the text "SEED COUNT" for COUNT extra mutated cases.
// Response: per case, [error code: 1 byte][error position: 8 bytes BE]
// [response length: 4 bytes BE][response]: the method's ABI-encoded result,
// or vcc::abi::errorResponse(error).
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "vcc/program.hpp"
#include "vcc/service.hpp"

namespace {

using vcc::address;
using vcc::bytes;
using vcc::bytes32;
using vcc::u256;
namespace abi = vcc::abi;

using Record = std::tuple<uint64_t, std::string>;

constexpr abi::Selector kMultiply = abi::methodSelector<uint32_t, bytes, bytes>("multiply");
constexpr abi::Selector kMix =
    abi::methodSelector<bool, uint8_t, int16_t, int64_t, address, bytes32, u256>("mix");
constexpr abi::Selector kNested =
    abi::methodSelector<std::vector<std::vector<uint32_t>>, std::vector<std::string>,
                        std::vector<bytes>>("nested");
constexpr abi::Selector kRecords = abi::methodSelector<std::vector<Record>, std::array<int64_t, 3>,
                                                       std::array<std::vector<bool>, 2>>("records");
static_assert(kMultiply == abi::selector("multiply(uint32,bytes,bytes)"));

// The methods. Their bodies exercise the stdlib on the decoded values.
bytes multiply(uint32_t n, const bytes& a, const bytes& b) {
  bytes out(n % 64);
  for (size_t i = 0; i < out.size(); ++i) {
    uint8_t x = a.empty() ? 0 : a[i % a.size()];
    uint8_t y = b.empty() ? 1 : b[i % b.size()];
    out[i] = static_cast<uint8_t>(x * y + i);
  }
  return out;
}

u256 mix(bool flag, uint8_t small, int16_t signedSmall, int64_t big, const address& who,
         const bytes32& key, const u256& amount) {
  u256 result = amount * u256(uint64_t(big)) + u256(small) - u256(uint64_t(int64_t(signedSmall)));
  result ^= u256::fromBytes32(vcc::keccak256(who.data, sizeof who.data));
  result = flag ? result / (u256::fromBytes32(key) | 1u) : result % (u256::fromBytes32(key) | 1u);
  return result << (small % 7);
}

bytes32 nested(const std::vector<std::vector<uint32_t>>& table,
               const std::vector<std::string>& words, const std::vector<bytes>& blobs) {
  vcc::Keccak256 hasher;
  for (const auto& row : table) {
    for (uint32_t value : row) {
      const uint8_t little[4] = {static_cast<uint8_t>(value), static_cast<uint8_t>(value >> 8),
                                 static_cast<uint8_t>(value >> 16),
                                 static_cast<uint8_t>(value >> 24)};
      hasher.update(little, 4);
    }
  }
  for (const auto& word : words)
    hasher.update(std::string_view(word));
  for (const auto& blob : blobs)
    hasher.update(blob);
  return hasher.finalize();
}

std::tuple<std::vector<Record>, int64_t, uint32_t>
records(const std::vector<Record>& list, const std::array<int64_t, 3>& numbers,
        const std::array<std::vector<bool>, 2>& flags) {
  std::vector<Record> reversed(list.rbegin(), list.rend());
  uint32_t set = 0;
  for (const auto& row : flags) {
    for (bool flag : row)
      set += flag ? 1 : 0;
  }
  // Unsigned, so that overflow wraps without relying on -fwrapv.
  auto sum = static_cast<uint64_t>(numbers[0]) +
             static_cast<uint64_t>(numbers[1]) * static_cast<uint64_t>(numbers[2]);
  return {reversed, static_cast<int64_t>(sum), set};
}

// Decodes with the argument types of fn and calls it.
template <class... Args, class Fn>
abi::Error call(std::span<const uint8_t> calldata, abi::Selector method, Fn fn,
                std::vector<uint8_t>& response) {
  std::tuple<Args...> args;
  abi::Error error =
      std::apply([&](Args&... out) { return abi::decodeCall(calldata, method, out...); }, args);
  if (error.ok()) response = abi::encodeResponse(std::apply(fn, args));
  return error;
}

abi::Error dispatch(std::span<const uint8_t> calldata, std::vector<uint8_t>& response) {
  abi::Selector method = 0;
  if (abi::Error error = abi::readSelector(calldata, method)) return error;
  switch (method) {
  case kMultiply: return call<uint32_t, bytes, bytes>(calldata, method, multiply, response);
  case kMix:
    return call<bool, uint8_t, int16_t, int64_t, address, bytes32, u256>(calldata, method, mix,
                                                                         response);
  case kNested:
    return call<std::vector<std::vector<uint32_t>>, std::vector<std::string>, std::vector<bytes>>(
        calldata, method, nested, response);
  case kRecords:
    return call<std::vector<Record>, std::array<int64_t, 3>, std::array<std::vector<bool>, 2>>(
        calldata, method, records, response);
  default: return abi::Error{abi::ErrorCode::BadSelector, 0};
  }
}

bytes word(uint64_t value) {
  bytes out(32);
  for (int i = 0; i < 8; ++i)
    out[31 - i] = static_cast<uint8_t>(value >> (8 * i));
  return out;
}

// Valid calls of every method, then one hand-made malformed case per error.
std::vector<bytes> fixedCases() {
  address who;
  for (int i = 0; i < 20; ++i)
    who.data[i] = static_cast<uint8_t>(0xa0 + i);
  bytes32 key = vcc::keccak256(std::string_view("key"));
  std::vector<bytes> cases = {
      abi::encodeCall(kMultiply, uint32_t{21}, bytes{1, 2, 3}, bytes(40, 7)),
      abi::encodeCall(kMultiply, uint32_t{0xffffffff}, bytes{}, bytes{}),
      abi::encodeCall(kMix, true, uint8_t{200}, int16_t{-300}, int64_t{INT64_MIN}, who, key,
                      u256::max()),
      abi::encodeCall(kMix, false, uint8_t{3}, int16_t{32767}, int64_t{-5}, address{}, bytes32{},
                      u256(12345u)),
      abi::encodeCall(kNested, std::vector<std::vector<uint32_t>>{{1, 2}, {}, {3}},
                      std::vector<std::string>{"one", "", "three \xe2\x9c\x93"},
                      std::vector<bytes>{bytes(33, 9), {}}),
      abi::encodeCall(kRecords, std::vector<Record>{{1, "a"}, {UINT64_MAX, std::string(70, 'z')}},
                      std::array<int64_t, 3>{-1, 2, 3},
                      std::array<std::vector<bool>, 2>{{{true, false}, {true}}}),
  };
  auto withSelector = [&](abi::Selector method, std::initializer_list<bytes> words) {
    bytes out;
    abi::appendSelector(out, method);
    for (const bytes& part : words)
      out.insert(out.end(), part.begin(), part.end());
    return out;
  };
  cases.push_back({0xab, 0xcd});                  // ShortInput: no selector
  cases.push_back(withSelector(0xdeadbeef, {}));  // BadSelector
  cases.push_back(withSelector(kMix, {word(1)})); // ShortInput: one of seven words
  cases.push_back(withSelector(
      kMultiply, {word(1), word(4096), word(128), word(0), word(0)})); // OffsetOutOfRange
  cases.push_back(withSelector(
      kMultiply, {word(1), word(128), word(128), word(0), word(0)})); // NonCanonicalOffset
  cases.push_back(withSelector(
      kMultiply, {word(1), word(96), word(128), word(1000), word(0)})); // LengthOutOfRange
  cases.push_back(withSelector(
      kMultiply, {word(uint64_t{1} << 32), word(96), word(128), word(0), word(0)})); // padding
  bytes trailing = cases[0];
  trailing.push_back(0);
  cases.push_back(trailing); // TrailingBytes
  return cases;
}

struct Rng {
  uint64_t state;
  uint64_t next() {
    uint64_t x = (state += 0x9e3779b97f4a7c15ull);
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
  }
};

bytes mutate(Rng& rng, bytes data) {
  if (data.empty()) return data;
  switch (rng.next() % 4) {
  case 0: data[rng.next() % data.size()] ^= static_cast<uint8_t>(1u << (rng.next() % 8)); break;
  case 1: data.resize(rng.next() % data.size()); break;
  case 2: data.push_back(static_cast<uint8_t>(rng.next())); break;
  default:
    if (data.size() >= 36) {
      size_t at = 4 + (rng.next() % ((data.size() - 4) / 32)) * 32;
      data[at + 31] = static_cast<uint8_t>(rng.next() % 256);
      data[at + 30] = static_cast<uint8_t>(rng.next() % 2);
    }
    break;
  }
  return data;
}

void appendBigEndian(std::vector<uint8_t>& out, uint64_t value, int size) {
  for (int i = size - 1; i >= 0; --i)
    out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

} // namespace

void vccProgramMain(std::span<const uint8_t> request, std::vector<uint8_t>& response) {
  std::vector<bytes> cases = fixedCases();
  std::string text(request.begin(), request.end());
  char* rest = nullptr;
  uint64_t seed = std::strtoull(text.c_str(), &rest, 10);
  uint64_t extra = std::strtoull(rest, nullptr, 10);
  Rng rng{seed};
  size_t fixed = cases.size();
  for (uint64_t i = 0; i < extra; ++i)
    cases.push_back(mutate(rng, cases[rng.next() % fixed]));

  for (const bytes& calldata : cases) {
    std::vector<uint8_t> answer;
    abi::Error error = dispatch(calldata, answer);
    if (!error.ok()) answer = abi::errorResponse(error);
    response.push_back(static_cast<uint8_t>(error.code));
    appendBigEndian(response, error.position, 8);
    appendBigEndian(response, answer.size(), 4);
    response.insert(response.end(), answer.begin(), answer.end());
  }
}
