// Calls and responses (SPEC §2): a request is Ethereum calldata, the 4-byte
// selector keccak256(signature)[0:4] followed by the ABI-encoded arguments;
// a response is the ABI encoding of the return value as a tuple of one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "vcc/abi/codec.hpp"
#include "vcc/abi/error.hpp"
#include "vcc/keccak.hpp"

namespace vcc::abi {

// A selector as the big-endian number of its 4 bytes, so that it can label a
// switch case: selector("transfer(address,uint256)") == 0xa9059cbb.
using Selector = uint32_t;

inline constexpr size_t kSelectorSize = 4;

constexpr Selector selectorFromHash(const bytes32& hash) {
  return static_cast<Selector>(hash.data[0]) << 24 | static_cast<Selector>(hash.data[1]) << 16 |
         static_cast<Selector>(hash.data[2]) << 8 | static_cast<Selector>(hash.data[3]);
}

// keccak256(signature)[0:4]; the signature must be canonical
// ("multiply(uint32,bytes,bytes)": no spaces, no parameter names).
constexpr Selector selector(std::string_view signature) {
  return selectorFromHash(keccak256(signature));
}

// The canonical signature of a method `name` taking Args: "name(uint32,bytes)".
template <AbiType... Args> std::string signature(std::string_view name) {
  std::string text(name);
  text += typeList<Args...>();
  return text;
}

// The selector of method `name` taking Args, usable in constant expressions.
template <AbiType... Args> constexpr Selector methodSelector(std::string_view name) {
  return selectorFromHash(Keccak256().update(name).update(typeList<Args...>()).finalize());
}

// The selector's 4 bytes, big-endian, as they start calldata.
inline void appendSelector(std::vector<uint8_t>& out, Selector value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<uint8_t>(value >> shift));
}

// The selector at the start of calldata; ShortInput when it has fewer than 4 bytes.
inline Error readSelector(std::span<const uint8_t> calldata, Selector& value) {
  if (calldata.size() < kSelectorSize) return Error{ErrorCode::ShortInput, 0};
  value = static_cast<Selector>(calldata[0]) << 24 | static_cast<Selector>(calldata[1]) << 16 |
          static_cast<Selector>(calldata[2]) << 8 | static_cast<Selector>(calldata[3]);
  return Error{};
}

// Appends the encoding of the tuple (values...): Solidity's abi.encode.
template <AbiType... Ts> void appendArguments(std::vector<uint8_t>& out, const Ts&... values) {
  out.reserve(out.size() + detail::tupleBodySize(values...));
  detail::encodeTupleBody(out, values...);
}

template <AbiType... Ts> std::vector<uint8_t> encodeArguments(const Ts&... values) {
  std::vector<uint8_t> out;
  appendArguments(out, values...);
  return out;
}

// Calldata: the selector, then the arguments (abi.encodeWithSelector).
template <AbiType... Ts> std::vector<uint8_t> encodeCall(Selector method, const Ts&... values) {
  std::vector<uint8_t> out;
  out.reserve(kSelectorSize + detail::tupleBodySize(values...));
  appendSelector(out, method);
  detail::encodeTupleBody(out, values...);
  return out;
}

// A method's response: its return value encoded as a tuple of one.
template <AbiType T> std::vector<uint8_t> encodeResponse(const T& value) {
  return encodeArguments(value);
}

// Decodes the tuple (out...) from exactly `data`: the whole input must be
// the canonical encoding (docs/abi.md). Positions in the error are indices
// into data plus `origin`.
template <AbiType... Ts> Error decodeArguments(std::span<const uint8_t> data, Ts&... out) {
  detail::Reader reader{data.data(), data.size()};
  size_t end = 0;
  if (!detail::decodeTupleBody(reader, 0, end, out...)) return reader.error;
  if (end != data.size()) return Error{ErrorCode::TrailingBytes, end};
  return Error{};
}

// Decodes calldata for the method with selector `method`: BadSelector when
// the selector differs; error positions count the selector's 4 bytes.
template <AbiType... Ts>
Error decodeCall(std::span<const uint8_t> calldata, Selector method, Ts&... out) {
  Selector actual = 0;
  if (Error error = readSelector(calldata, actual)) return error;
  if (actual != method) return Error{ErrorCode::BadSelector, 0};
  detail::Reader reader{calldata.data() + kSelectorSize, calldata.size() - kSelectorSize,
                        kSelectorSize};
  size_t end = 0;
  if (!detail::decodeTupleBody(reader, 0, end, out...)) return reader.error;
  if (end != reader.size) return Error{ErrorCode::TrailingBytes, kSelectorSize + end};
  return Error{};
}

// A response: exactly the encoding of one value of type T.
template <AbiType T> Error decodeResponse(std::span<const uint8_t> data, T& out) {
  return decodeArguments(data, out);
}

// Decoded values and the error (values are unspecified unless error.ok()).
template <AbiType... Ts> struct Decoded {
  std::tuple<Ts...> values;
  Error error;

  bool ok() const { return error.ok(); }
};

template <AbiType... Ts> Decoded<Ts...> decode(std::span<const uint8_t> data) {
  Decoded<Ts...> result;
  result.error =
      std::apply([&](Ts&... out) { return decodeArguments(data, out...); }, result.values);
  return result;
}

// Solidity's revert encoding Error(string) with describe(error) as the
// message: what a call that cannot be decoded may answer, readable by every
// Ethereum tool (ethers' `interface.parseError`, `cast 4byte-decode`).
inline constexpr Selector kErrorStringSelector = 0x08c379a0; // selector("Error(string)")

inline std::vector<uint8_t> errorResponse(const Error& error) {
  return encodeCall(kErrorStringSelector, describe(error));
}

} // namespace vcc::abi
