// Decoding errors (docs/abi.md, "Errors"). Every malformed input gives one
// of these codes and the byte position where decoding stopped; both are
// the same on every target because the same code computes them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace vcc::abi {

// The numeric values are stable: they may be reported in responses.
enum class ErrorCode : uint8_t {
  None = 0,
  // A 32-byte word (head, static value, offset or length) or the content of a
  // bytes/string value extends past the end of the input; or calldata has
  // fewer than 4 bytes, so no selector.
  ShortInput = 1,
  // The calldata's first 4 bytes are not the method's selector.
  BadSelector = 2,
  // An offset word points past the end of the input (or does not fit 64 bits).
  OffsetOutOfRange = 3,
  // An offset word points inside the input, but not where the canonical
  // encoding puts that value (right after the previous value's tail).
  NonCanonicalOffset = 4,
  // A length word claims more bytes or elements than the rest of the input
  // can hold (or does not fit 64 bits).
  LengthOutOfRange = 5,
  // A word has bits that the canonical encoding of its type keeps clear:
  // uintN/address high bytes not zero, intN not sign-extended, bool not 0 or
  // 1, bytes/string padding after the content not zero.
  NonCanonicalPadding = 6,
  // Bytes follow the end of the canonical encoding.
  TrailingBytes = 7,
};

inline constexpr int kErrorCodeCount = 8;

constexpr std::string_view errorName(ErrorCode code) {
  switch (code) {
  case ErrorCode::None: return "None";
  case ErrorCode::ShortInput: return "ShortInput";
  case ErrorCode::BadSelector: return "BadSelector";
  case ErrorCode::OffsetOutOfRange: return "OffsetOutOfRange";
  case ErrorCode::NonCanonicalOffset: return "NonCanonicalOffset";
  case ErrorCode::LengthOutOfRange: return "LengthOutOfRange";
  case ErrorCode::NonCanonicalPadding: return "NonCanonicalPadding";
  case ErrorCode::TrailingBytes: return "TrailingBytes";
  }
  return "Unknown";
}

constexpr std::string_view errorMessage(ErrorCode code) {
  switch (code) {
  case ErrorCode::None: return "no error";
  case ErrorCode::ShortInput: return "input ends inside a value";
  case ErrorCode::BadSelector: return "unknown method selector";
  case ErrorCode::OffsetOutOfRange: return "offset points past the end of the input";
  case ErrorCode::NonCanonicalOffset: return "offset is not the canonical one";
  case ErrorCode::LengthOutOfRange: return "length exceeds the rest of the input";
  case ErrorCode::NonCanonicalPadding: return "non-canonical padding bits";
  case ErrorCode::TrailingBytes: return "bytes after the end of the encoding";
  }
  return "unknown error";
}

// The first error found, at `position`: the byte offset, in the input given
// to the decoder (calldata including its selector, for decodeCall), of the
// word or byte range that is wrong.
struct Error {
  ErrorCode code = ErrorCode::None;
  uint64_t position = 0;

  constexpr bool ok() const { return code == ErrorCode::None; }
  constexpr explicit operator bool() const { return code != ErrorCode::None; }
  friend constexpr bool operator==(const Error&, const Error&) = default;
};

// "abi: non-canonical padding bits at byte 36 (NonCanonicalPadding)".
inline std::string describe(const Error& error) {
  if (error.ok()) return "abi: ok";
  std::string text = "abi: ";
  text += errorMessage(error.code);
  text += " at byte ";
  text += std::to_string(error.position);
  text += " (";
  text += errorName(error.code);
  text += ")";
  return text;
}

} // namespace vcc::abi

namespace vcc {
using AbiError = abi::ErrorCode;
} // namespace vcc
