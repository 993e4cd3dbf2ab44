// The Solidity ABI codec (https://docs.soliditylang.org/en/latest/abi-spec.html)
// for the C++ types of service methods, with strict decoding: an input is
// accepted only if it is exactly the canonical encoding of the decoded
// values, so decode(x) succeeds iff encode(decode(x)) == x (docs/abi.md).
//
// Codec<T> is specialized for every ABI type:
//   kDynamic        whether the Solidity type is dynamic (encoded in a tail)
//   kHeadSize       bytes it takes in the head of an enclosing tuple/array:
//                   its whole encoding if static, one offset word if dynamic
//   kName           canonical Solidity type name, e.g. "uint32[]"
//   encodedSize(v)  bytes of v's own encoding (its tail, when dynamic)
//   encode(out, v)  appends v's own encoding
//   decode(r, pos, v, end)
//                   decodes v's own encoding starting at pos; on success sets
//                   end to the first byte after it; on failure records the
//                   first error in r and returns false (v is then valid but
//                   unspecified)
//
// No exceptions, no undefined behaviour on any input, and no allocation
// before the claimed length has been checked against the bytes that remain.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "vcc/abi/error.hpp"
#include "vcc/abi/fixed_string.hpp"
#include "vcc/types.hpp"

namespace vcc::abi {

template <class T> struct Codec;

// A C++ type that has a Solidity ABI type.
template <class T>
concept AbiType = requires {
  { Codec<T>::kDynamic } -> std::convertible_to<bool>;
};

namespace detail {

inline constexpr size_t kWord = 32;

// Content length rounded up to whole words. Only called with lengths already
// checked against the input size (or of values in memory), so no overflow.
constexpr size_t paddedSize(size_t size) {
  return (size + kWord - 1) / kWord * kWord;
}

// Appends one zero word and returns it.
inline uint8_t* appendWord(std::vector<uint8_t>& out) {
  size_t at = out.size();
  out.resize(at + kWord);
  return out.data() + at;
}

// A count (offset or length) as a big-endian word; the word must be zero.
inline void putCount(uint8_t* word, uint64_t value) {
  for (int i = 0; i < 8; ++i)
    word[31 - i] = static_cast<uint8_t>(value >> (8 * i));
}

// The input being decoded and the first error found in it. Positions are
// indices into `data`; reported positions add `origin` (4 when the data is
// calldata after its selector).
struct Reader {
  const uint8_t* data;
  size_t size;
  uint64_t origin = 0;
  Error error{};

  bool fail(ErrorCode code, size_t position) {
    if (error.ok()) error = Error{code, origin + position};
    return false;
  }
  // The 32-byte word at `position`, or null after recording ShortInput.
  const uint8_t* word(size_t position) {
    if (position > size || size - position < kWord) {
      fail(ErrorCode::ShortInput, position);
      return nullptr;
    }
    return data + position;
  }
  // An offset or length word: `tooLarge` when it does not fit in 64 bits.
  bool count(size_t position, ErrorCode tooLarge, uint64_t& value) {
    const uint8_t* w = word(position);
    if (w == nullptr) return false;
    for (size_t i = 0; i < kWord - 8; ++i) {
      if (w[i] != 0) return fail(tooLarge, position);
    }
    value = 0;
    for (size_t i = kWord - 8; i < kWord; ++i)
      value = value << 8 | w[i];
    return true;
  }
};

// Encodes count elements of one type: static ones inline, one after the
// other; dynamic ones as a head of offsets (relative to the first head)
// followed by their encodings in order.
template <class T, class Range> void encodeElements(std::vector<uint8_t>& out, const Range& items) {
  if constexpr (!Codec<T>::kDynamic) {
    for (const auto& item : items)
      Codec<T>::encode(out, item);
  } else {
    size_t base = out.size();
    out.resize(base + kWord * std::size(items));
    size_t head = base;
    for (const auto& item : items) {
      putCount(out.data() + head, out.size() - base);
      Codec<T>::encode(out, item);
      head += kWord;
    }
  }
}

// Decodes count elements of type T laid out as encodeElements does, from
// `base`. decodeElement(i, position, end) decodes element i. The canonical
// encoding has exactly one layout, so every offset must equal the position
// right after the previous element's tail: no gaps, no overlaps, no reuse.
template <class T, class DecodeElement>
bool decodeElements(Reader& reader, size_t base, size_t count, DecodeElement&& decodeElement,
                    size_t& end) {
  if constexpr (!Codec<T>::kDynamic) {
    size_t position = base;
    for (size_t i = 0; i < count; ++i) {
      if (!decodeElement(i, position, position)) return false;
    }
    end = position;
    return true;
  } else {
    // count * kWord <= size - base for arrays (length checked) and is a small
    // constant for fixed-size arrays, so this does not overflow.
    size_t tail = base + kWord * count;
    for (size_t i = 0; i < count; ++i) {
      size_t head = base + kWord * i;
      uint64_t offset = 0;
      if (!reader.count(head, ErrorCode::OffsetOutOfRange, offset)) return false;
      if (offset > reader.size - base) return reader.fail(ErrorCode::OffsetOutOfRange, head);
      if (offset != tail - base) return reader.fail(ErrorCode::NonCanonicalOffset, head);
      if (!decodeElement(i, tail, tail)) return false;
    }
    end = tail;
    return true;
  }
}

// A tuple's body (also the argument list of a call): heads, then tails.
template <class... Ts> constexpr size_t kHeadsSize = (size_t{0} + ... + Codec<Ts>::kHeadSize);

template <class... Ts> size_t tupleBodySize(const Ts&... values) {
  return kHeadsSize<Ts...> +
         (size_t{0} + ... + (Codec<Ts>::kDynamic ? Codec<Ts>::encodedSize(values) : 0));
}

template <class... Ts> void encodeTupleBody(std::vector<uint8_t>& out, const Ts&... values) {
  size_t base = out.size();
  auto writeHead = [&]<class T>(const T& value) {
    if constexpr (Codec<T>::kDynamic) {
      appendWord(out);
    } else {
      Codec<T>::encode(out, value);
    }
  };
  (writeHead(values), ...);
  size_t head = base;
  auto writeTail = [&]<class T>(const T& value) {
    if constexpr (Codec<T>::kDynamic) {
      putCount(out.data() + head, out.size() - base);
      Codec<T>::encode(out, value);
    }
    head += Codec<T>::kHeadSize;
  };
  (writeTail(values), ...);
}

template <class... Ts>
bool decodeTupleBody(Reader& reader, size_t base, size_t& end, Ts&... values) {
  size_t head = base;
  size_t tail = base + kHeadsSize<Ts...>;
  auto decodeOne = [&]<class T>(T& value) {
    size_t position = head;
    head += Codec<T>::kHeadSize;
    if constexpr (!Codec<T>::kDynamic) {
      size_t ignored = 0;
      return Codec<T>::decode(reader, position, value, ignored);
    } else {
      uint64_t offset = 0;
      if (!reader.count(position, ErrorCode::OffsetOutOfRange, offset)) return false;
      if (offset > reader.size - base) return reader.fail(ErrorCode::OffsetOutOfRange, position);
      if (offset != tail - base) return reader.fail(ErrorCode::NonCanonicalOffset, position);
      return Codec<T>::decode(reader, tail, value, tail);
    }
  };
  if (!(decodeOne(values) && ...)) return false;
  end = (Codec<Ts>::kDynamic || ...) ? tail : base + kHeadsSize<Ts...>;
  return true;
}

// Shared by bytes and string: a length word, the content, zero padding.
template <class Container> struct ByteStringCodec {
  static constexpr bool kDynamic = true;
  static constexpr size_t kHeadSize = kWord;

  static size_t encodedSize(const Container& value) { return kWord + paddedSize(value.size()); }
  static void encode(std::vector<uint8_t>& out, const Container& value) {
    putCount(appendWord(out), value.size());
    size_t at = out.size();
    out.resize(at + paddedSize(value.size()));
    if (!value.empty()) std::memcpy(out.data() + at, value.data(), value.size());
  }
  static bool decode(Reader& reader, size_t position, Container& value, size_t& end) {
    uint64_t length = 0;
    if (!reader.count(position, ErrorCode::LengthOutOfRange, length)) return false;
    size_t content = position + kWord;
    size_t remaining = reader.size - content;
    if (length > remaining) return reader.fail(ErrorCode::LengthOutOfRange, position);
    size_t lastWord = content + length / kWord * kWord;
    if (paddedSize(length) > remaining) return reader.fail(ErrorCode::ShortInput, lastWord);
    for (size_t i = content + length; i < content + paddedSize(length); ++i) {
      if (reader.data[i] != 0) return reader.fail(ErrorCode::NonCanonicalPadding, lastWord);
    }
    using Char = typename Container::value_type;
    const auto* first = reinterpret_cast<const Char*>(reader.data + content);
    value.assign(first, first + length);
    end = content + paddedSize(length);
    return true;
  }
};

template <class T>
concept AbiInteger =
    std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char> &&
    !std::is_same_v<T, wchar_t> && !std::is_same_v<T, char8_t> && !std::is_same_v<T, char16_t> &&
    !std::is_same_v<T, char32_t>;

template <class T> constexpr auto integerName() {
  if constexpr (std::is_signed_v<T>) {
    return FixedString("int") + decimalString<8 * sizeof(T)>();
  } else {
    return FixedString("uint") + decimalString<8 * sizeof(T)>();
  }
}

// The shared part of static one-word types.
struct StaticWord {
  static constexpr bool kDynamic = false;
  static constexpr size_t kHeadSize = kWord;
};

} // namespace detail

// uint8..uint64 and int8..int64 (any standard integer type of 1, 2, 4 or 8
// bytes except the character types). Big-endian two's complement,
// sign-extended to 32 bytes.
template <class T>
requires detail::AbiInteger<T>
struct Codec<T> : detail::StaticWord {
  static constexpr auto kName = detail::integerName<T>();
  using Unsigned = std::make_unsigned_t<T>;

  static constexpr size_t encodedSize(const T&) { return kHeadSize; }
  static void encode(std::vector<uint8_t>& out, const T& value) {
    uint8_t* word = detail::appendWord(out);
    auto bits = static_cast<Unsigned>(value);
    for (size_t i = 0; i < sizeof(T); ++i)
      word[31 - i] = static_cast<uint8_t>(bits >> (8 * i));
    if constexpr (std::is_signed_v<T>) {
      if (value < 0) std::memset(word, 0xff, detail::kWord - sizeof(T));
    }
  }
  static bool decode(detail::Reader& reader, size_t position, T& value, size_t& end) {
    const uint8_t* word = reader.word(position);
    if (word == nullptr) return false;
    uint8_t fill = 0;
    if constexpr (std::is_signed_v<T>)
      fill = (word[detail::kWord - sizeof(T)] & 0x80) != 0 ? 0xff : 0;
    for (size_t i = 0; i < detail::kWord - sizeof(T); ++i) {
      if (word[i] != fill) return reader.fail(ErrorCode::NonCanonicalPadding, position);
    }
    Unsigned bits = 0;
    for (size_t i = detail::kWord - sizeof(T); i < detail::kWord; ++i) {
      bits = static_cast<Unsigned>(bits << 8 | word[i]);
    }
    value = static_cast<T>(bits); // modular since C++20
    end = position + kHeadSize;
    return true;
  }
};

template <> struct Codec<bool> : detail::StaticWord {
  static constexpr auto kName = FixedString("bool");
  static constexpr size_t encodedSize(const bool&) { return kHeadSize; }
  static void encode(std::vector<uint8_t>& out, const bool& value) {
    detail::appendWord(out)[31] = value ? 1 : 0;
  }
  static bool decode(detail::Reader& reader, size_t position, bool& value, size_t& end) {
    const uint8_t* word = reader.word(position);
    if (word == nullptr) return false;
    for (size_t i = 0; i < detail::kWord - 1; ++i) {
      if (word[i] != 0) return reader.fail(ErrorCode::NonCanonicalPadding, position);
    }
    if (word[31] > 1) return reader.fail(ErrorCode::NonCanonicalPadding, position);
    value = word[31] == 1;
    end = position + kHeadSize;
    return true;
  }
};

// address: 12 zero bytes, then the 20 address bytes.
template <> struct Codec<address> : detail::StaticWord {
  static constexpr auto kName = FixedString("address");
  static constexpr size_t encodedSize(const address&) { return kHeadSize; }
  static void encode(std::vector<uint8_t>& out, const address& value) {
    std::memcpy(detail::appendWord(out) + 12, value.data, 20);
  }
  static bool decode(detail::Reader& reader, size_t position, address& value, size_t& end) {
    const uint8_t* word = reader.word(position);
    if (word == nullptr) return false;
    for (size_t i = 0; i < 12; ++i) {
      if (word[i] != 0) return reader.fail(ErrorCode::NonCanonicalPadding, position);
    }
    std::memcpy(value.data, word + 12, 20);
    end = position + kHeadSize;
    return true;
  }
};

// bytes32: the 32 bytes as they are (every value is canonical).
template <> struct Codec<bytes32> : detail::StaticWord {
  static constexpr auto kName = FixedString("bytes32");
  static constexpr size_t encodedSize(const bytes32&) { return kHeadSize; }
  static void encode(std::vector<uint8_t>& out, const bytes32& value) {
    std::memcpy(detail::appendWord(out), value.data, 32);
  }
  static bool decode(detail::Reader& reader, size_t position, bytes32& value, size_t& end) {
    const uint8_t* word = reader.word(position);
    if (word == nullptr) return false;
    std::memcpy(value.data, word, 32);
    end = position + kHeadSize;
    return true;
  }
};

// uint256: big-endian (every value is canonical).
template <> struct Codec<u256> : detail::StaticWord {
  static constexpr auto kName = FixedString("uint256");
  static constexpr size_t encodedSize(const u256&) { return kHeadSize; }
  static void encode(std::vector<uint8_t>& out, const u256& value) {
    value.toBigEndian(detail::appendWord(out));
  }
  static bool decode(detail::Reader& reader, size_t position, u256& value, size_t& end) {
    const uint8_t* word = reader.word(position);
    if (word == nullptr) return false;
    value = u256::fromBigEndian(word);
    end = position + kHeadSize;
    return true;
  }
};

// bytes (vcc::bytes = std::vector<uint8_t>).
template <> struct Codec<std::vector<uint8_t>> : detail::ByteStringCodec<std::vector<uint8_t>> {
  static constexpr auto kName = FixedString("bytes");
};

// string: the bytes of the std::string (UTF-8 is not checked, as in Solidity).
template <> struct Codec<std::string> : detail::ByteStringCodec<std::string> {
  static constexpr auto kName = FixedString("string");
};

// T[]: a length word, then the elements as a tuple of that many T.
template <class T>
requires AbiType<T>
struct Codec<std::vector<T>> {
  static constexpr bool kDynamic = true;
  static constexpr size_t kHeadSize = detail::kWord;
  static constexpr auto kName = Codec<T>::kName + FixedString("[]");

  static size_t encodedSize(const std::vector<T>& items) {
    if constexpr (!Codec<T>::kDynamic) {
      return detail::kWord + items.size() * Codec<T>::kHeadSize;
    } else {
      size_t size = detail::kWord + items.size() * detail::kWord;
      for (const T& item : items)
        size += Codec<T>::encodedSize(item);
      return size;
    }
  }
  static void encode(std::vector<uint8_t>& out, const std::vector<T>& items) {
    detail::putCount(detail::appendWord(out), items.size());
    detail::encodeElements<T>(out, items);
  }
  static bool decode(detail::Reader& reader, size_t position, std::vector<T>& items, size_t& end) {
    uint64_t count = 0;
    if (!reader.count(position, ErrorCode::LengthOutOfRange, count)) return false;
    size_t base = position + detail::kWord;
    // Every element takes at least kHeadSize bytes of the input, so this bounds
    // the allocation below by the input size (times sizeof(T) / kHeadSize).
    if (count > (reader.size - base) / Codec<T>::kHeadSize) {
      return reader.fail(ErrorCode::LengthOutOfRange, position);
    }
    items.clear();
    items.resize(count);
    auto decodeElement = [&](size_t i, size_t at, size_t& elementEnd) {
      if constexpr (std::is_same_v<T, bool>) { // std::vector<bool> has no bool&
        bool element = false;
        if (!Codec<bool>::decode(reader, at, element, elementEnd)) return false;
        items[i] = element;
        return true;
      } else {
        return Codec<T>::decode(reader, at, items[i], elementEnd);
      }
    };
    return detail::decodeElements<T>(reader, base, count, decodeElement, end);
  }
};

// T[N]: N elements as a tuple (static when T is).
template <class T, size_t N>
requires AbiType<T>
struct Codec<std::array<T, N>> {
  static_assert(N > 0, "Solidity has no zero-length fixed arrays");
  static constexpr bool kDynamic = Codec<T>::kDynamic;
  static constexpr size_t kHeadSize = kDynamic ? detail::kWord : N * Codec<T>::kHeadSize;
  static constexpr auto kName =
      Codec<T>::kName + FixedString("[") + decimalString<N>() + FixedString("]");

  static size_t encodedSize(const std::array<T, N>& items) {
    if constexpr (!kDynamic) {
      return kHeadSize;
    } else {
      size_t size = N * detail::kWord;
      for (const T& item : items)
        size += Codec<T>::encodedSize(item);
      return size;
    }
  }
  static void encode(std::vector<uint8_t>& out, const std::array<T, N>& items) {
    detail::encodeElements<T>(out, items);
  }
  static bool decode(detail::Reader& reader, size_t position, std::array<T, N>& items,
                     size_t& end) {
    auto decodeElement = [&](size_t i, size_t at, size_t& elementEnd) {
      return Codec<T>::decode(reader, at, items[i], elementEnd);
    };
    return detail::decodeElements<T>(reader, position, N, decodeElement, end);
  }
};

// (T1,...,Tn): a Solidity tuple (a struct's encoding).
template <class... Ts>
requires(AbiType<Ts>&&...) struct Codec<std::tuple<Ts...>> {
  static_assert(sizeof...(Ts) > 0, "empty tuples are not ABI values");
  static constexpr bool kDynamic = (Codec<Ts>::kDynamic || ...);
  static constexpr size_t kHeadSize = kDynamic ? detail::kWord : detail::kHeadsSize<Ts...>;
  static constexpr auto kName =
      FixedString("(") + joinWithCommas<Codec<Ts>::kName...>() + FixedString(")");

  static size_t encodedSize(const std::tuple<Ts...>& value) {
    return std::apply([](const Ts&... items) { return detail::tupleBodySize(items...); }, value);
  }
  static void encode(std::vector<uint8_t>& out, const std::tuple<Ts...>& value) {
    std::apply([&](const Ts&... items) { detail::encodeTupleBody(out, items...); }, value);
  }
  static bool decode(detail::Reader& reader, size_t position, std::tuple<Ts...>& value,
                     size_t& end) {
    return std::apply(
        [&](Ts&... items) { return detail::decodeTupleBody(reader, position, end, items...); },
        value);
  }
};

// The canonical Solidity type name of T: "uint32", "bytes[]", "(address,uint256)[2]".
template <AbiType T> constexpr std::string_view typeName() {
  return Codec<T>::kName.view();
}

template <class... Ts>
inline constexpr auto kTypeList = FixedString("(") + joinWithCommas<Codec<Ts>::kName...>() +
                                  FixedString(")");

// The parenthesized argument list of a method: "(uint32,bytes,bytes)".
template <AbiType... Ts> constexpr std::string_view typeList() {
  return kTypeList<Ts...>.view();
}

} // namespace vcc::abi

namespace vcc {
template <abi::AbiType T> constexpr std::string_view abiTypeName() {
  return abi::typeName<T>();
}
} // namespace vcc
