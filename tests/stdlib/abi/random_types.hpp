// Randomized ABI types and values for the codec's tests.
//
// Types are drawn at compile time: RandomType<Seed, Depth> picks, from a
// splitmix64 hash of Seed, a leaf type (every scalar, bytes, string) or
// T[], T[N] or a tuple of random component types, down to Depth levels.
// ArgumentList<Seed> is a method's argument list of 1 to 4 random types;
// kArgumentLists instantiates a fixed number of them (plus hand-picked
// ones), and a table of type-erased operations lets tests and abi_tool pick
// one at run time. Values are drawn at run time, biased to edge cases.
// JSON (for ethers.js): integers as decimal strings, address/bytes32/bytes
// as "0x" lowercase hex, strings as JSON strings, arrays and tuples as arrays.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "vcc/abi.hpp"

namespace abitest {

constexpr uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// ---------------------------------------------------------------- types

using Leaves = std::tuple<bool, uint8_t, uint16_t, uint32_t, uint64_t, int8_t, int16_t, int32_t,
                          int64_t, vcc::address, vcc::bytes32, vcc::u256, vcc::bytes, std::string>;
inline constexpr size_t kLeafCount = std::tuple_size_v<Leaves>;

template <uint64_t Seed, int Depth> struct RandomType;

template <uint64_t Seed, int Depth, size_t... I>
auto randomTuple(std::index_sequence<I...>)
    -> std::tuple<typename RandomType<splitmix64(Seed + 101 * (I + 1)), Depth - 1>::type...>;

template <uint64_t Seed, int Depth> struct RandomType {
  static constexpr uint64_t kHash = splitmix64(Seed);
  static constexpr unsigned kKind = Depth <= 0 ? 0 : static_cast<unsigned>(kHash % 8);
  static constexpr uint64_t kChild = splitmix64(kHash ^ 0x5eed);
  static auto pick() {
    if constexpr (kKind <= 3) {
      return std::tuple_element_t<(kHash >> 8) % kLeafCount, Leaves>{};
    } else if constexpr (kKind <= 5) {
      return std::vector<typename RandomType<kChild, Depth - 1>::type>{};
    } else if constexpr (kKind == 6) {
      return std::array<typename RandomType<kChild, Depth - 1>::type, 1 + (kHash >> 16) % 3>{};
    } else {
      return decltype(randomTuple<kChild, Depth>(
          std::make_index_sequence<1 + (kHash >> 16) % 3>())){};
    }
  }
  using type = decltype(pick());
};

template <uint64_t Seed, size_t... I>
auto argumentTuple(std::index_sequence<I...>)
    -> std::tuple<typename RandomType<splitmix64(Seed * 7919 + I), 3>::type...>;

// A method's arguments as a tuple type: 1 to 4 random types.
template <uint64_t Seed>
using ArgumentList =
    decltype(argumentTuple<Seed>(std::make_index_sequence<1 + splitmix64(Seed ^ 77) % 4>()));

// Hand-picked lists first: every leaf, the nested arrays named in the brief,
// and the shape of SPEC §2's example.
using HandPicked = std::tuple<
    std::tuple<uint32_t, vcc::bytes, vcc::bytes>,
    std::tuple<bool, uint8_t, uint16_t, uint32_t, uint64_t, int8_t, int16_t>,
    std::tuple<int32_t, int64_t, vcc::address, vcc::bytes32, vcc::u256, vcc::bytes, std::string>,
    std::tuple<std::vector<std::vector<uint32_t>>, std::vector<vcc::bytes>,
               std::vector<std::string>>,
    std::tuple<std::vector<std::tuple<uint64_t, std::string>>, std::array<int64_t, 3>,
               std::array<std::vector<bool>, 2>>,
    std::tuple<std::vector<std::vector<std::vector<int8_t>>>,
               std::tuple<vcc::bytes, std::tuple<bool, std::string>>>>;

inline constexpr size_t kRandomListCount = 120;

// ---------------------------------------------------------------- values

struct Rng {
  uint64_t state;
  uint64_t next() { return state = splitmix64(state); }
  uint64_t below(uint64_t n) { return n == 0 ? 0 : next() % n; }
  bool chance(unsigned percent) { return below(100) < percent; }
};

template <class T> struct Values;

template <class T>
requires vcc::abi::detail::AbiInteger<T>
struct Values<T> {
  static void random(Rng& rng, T& value) {
    using Limits = std::numeric_limits<T>;
    switch (rng.below(6)) {
    case 0: value = 0; break;
    case 1: value = Limits::max(); break;
    case 2: value = Limits::min(); break;
    case 3: value = static_cast<T>(std::is_signed_v<T> ? -1 : 1); break;
    default: value = static_cast<T>(rng.next()); break;
    }
  }
  static void json(std::string& out, const T& value) { out += '"' + std::to_string(value) + '"'; }
};

template <> struct Values<bool> {
  static void random(Rng& rng, bool& value) { value = rng.chance(50); }
  static void json(std::string& out, const bool& value) { out += value ? "true" : "false"; }
};

template <> struct Values<vcc::address> {
  static void random(Rng& rng, vcc::address& value) {
    unsigned mode = static_cast<unsigned>(rng.below(4));
    for (uint8_t& byte : value.data)
      byte = mode == 0 ? 0 : mode == 1 ? 0xff : static_cast<uint8_t>(rng.next());
  }
  static void json(std::string& out, const vcc::address& value) {
    out += '"' + value.toHex() + '"';
  }
};

template <> struct Values<vcc::bytes32> {
  static void random(Rng& rng, vcc::bytes32& value) {
    unsigned mode = static_cast<unsigned>(rng.below(4));
    for (uint8_t& byte : value.data)
      byte = mode == 0 ? 0 : mode == 1 ? 0xff : static_cast<uint8_t>(rng.next());
  }
  static void json(std::string& out, const vcc::bytes32& value) {
    out += '"' + value.toHex() + '"';
  }
};

template <> struct Values<vcc::u256> {
  static void random(Rng& rng, vcc::u256& value) {
    switch (rng.below(5)) {
    case 0: value = vcc::u256(); break;
    case 1: value = vcc::u256::max(); break;
    case 2: value = vcc::u256(rng.next()); break;
    default:
      value = vcc::u256(rng.next(), rng.next(), rng.next(), rng.next()) >>
              static_cast<unsigned>(rng.below(256));
    }
  }
  static void json(std::string& out, const vcc::u256& value) {
    out += '"' + value.toDecimal() + '"';
  }
};

inline size_t randomLength(Rng& rng) {
  static constexpr size_t kEdges[] = {0, 1, 31, 32, 33, 63, 64, 65};
  return rng.chance(50) ? kEdges[rng.below(8)] : static_cast<size_t>(rng.below(100));
}

template <> struct Values<vcc::bytes> {
  static void random(Rng& rng, vcc::bytes& value) {
    value.resize(randomLength(rng));
    for (uint8_t& byte : value)
      byte = static_cast<uint8_t>(rng.next());
  }
  static void json(std::string& out, const vcc::bytes& value) {
    out += "\"0x";
    vcc::detail::appendHex(out, value.data(), value.size());
    out += '"';
  }
};

// Valid UTF-8 (ethers decodes strings as UTF-8): ASCII including quotes,
// backslashes and control characters, and 2-, 3- and 4-byte sequences.
inline void appendUtf8(std::string& out, uint32_t codePoint) {
  if (codePoint < 0x80) {
    out += static_cast<char>(codePoint);
  } else if (codePoint < 0x800) {
    out += static_cast<char>(0xc0 | codePoint >> 6);
    out += static_cast<char>(0x80 | (codePoint & 0x3f));
  } else if (codePoint < 0x10000) {
    out += static_cast<char>(0xe0 | codePoint >> 12);
    out += static_cast<char>(0x80 | (codePoint >> 6 & 0x3f));
    out += static_cast<char>(0x80 | (codePoint & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | codePoint >> 18);
    out += static_cast<char>(0x80 | (codePoint >> 12 & 0x3f));
    out += static_cast<char>(0x80 | (codePoint >> 6 & 0x3f));
    out += static_cast<char>(0x80 | (codePoint & 0x3f));
  }
}

template <> struct Values<std::string> {
  static void random(Rng& rng, std::string& value) {
    value.clear();
    size_t target = randomLength(rng);
    while (value.size() < target) {
      switch (rng.below(8)) {
      case 0: appendUtf8(value, 0x80 + static_cast<uint32_t>(rng.below(0x800 - 0x80))); break;
      case 1: appendUtf8(value, 0xe000 + static_cast<uint32_t>(rng.below(0x2000))); break;
      case 2: appendUtf8(value, 0x10000 + static_cast<uint32_t>(rng.below(0x100000))); break;
      case 3: appendUtf8(value, static_cast<uint32_t>(rng.below(0x20))); break;
      default: appendUtf8(value, 0x20 + static_cast<uint32_t>(rng.below(0x5f))); break;
      }
    }
  }
  static void json(std::string& out, const std::string& value) {
    static constexpr char kDigits[] = "0123456789abcdef";
    out += '"';
    for (char c : value) {
      auto byte = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (byte < 0x20) {
        out += "\\u00";
        out += kDigits[byte >> 4];
        out += kDigits[byte & 15];
      } else {
        out += c;
      }
    }
    out += '"';
  }
};

template <class T> struct Values<std::vector<T>> {
  static void random(Rng& rng, std::vector<T>& value) {
    size_t count = rng.chance(20) ? 0 : static_cast<size_t>(rng.below(5));
    value.clear();
    for (size_t i = 0; i < count; ++i) {
      T element{};
      Values<T>::random(rng, element);
      value.push_back(element);
    }
  }
  static void json(std::string& out, const std::vector<T>& value) {
    out += '[';
    for (size_t i = 0; i < value.size(); ++i) {
      if (i != 0) out += ',';
      Values<T>::json(out, value[i]);
    }
    out += ']';
  }
};

template <class T, size_t N> struct Values<std::array<T, N>> {
  static void random(Rng& rng, std::array<T, N>& value) {
    for (T& element : value)
      Values<T>::random(rng, element);
  }
  static void json(std::string& out, const std::array<T, N>& value) {
    out += '[';
    for (size_t i = 0; i < N; ++i) {
      if (i != 0) out += ',';
      Values<T>::json(out, value[i]);
    }
    out += ']';
  }
};

template <class... Ts> struct Values<std::tuple<Ts...>> {
  static void random(Rng& rng, std::tuple<Ts...>& value) {
    std::apply([&](Ts&... elements) { (Values<Ts>::random(rng, elements), ...); }, value);
  }
  static void json(std::string& out, const std::tuple<Ts...>& value) {
    out += '[';
    bool first = true;
    std::apply(
        [&](const Ts&... elements) {
          ((out += first ? "" : ",", first = false, Values<Ts>::json(out, elements)), ...);
        },
        value);
    out += ']';
  }
};

// ---------------------------------------------------------------- JSON input

// A parsed JSON value: enough of JSON for the test protocol.
struct Json {
  enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
  bool boolean = false;
  std::string text;                     // Number (as written) and String (UTF-8)
  std::vector<Json> items;              // Array elements; Object member values
  std::vector<std::string> memberNames; // Object member names, parallel to items

  const Json* find(std::string_view key) const {
    for (size_t i = 0; i < memberNames.size(); ++i) {
      if (memberNames[i] == key) return &items[i];
    }
    return nullptr;
  }
};

class JsonParser {
public:
  explicit JsonParser(std::string_view text) : text_(text) {}

  bool parse(Json& out) {
    if (!value(out)) return false;
    skipSpace();
    return at_ == text_.size();
  }

private:
  std::string_view text_;
  size_t at_ = 0;

  void skipSpace() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t'))
      ++at_;
  }
  bool literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }
  bool hex4(uint32_t& value) {
    if (text_.size() - at_ < 4) return false;
    value = 0;
    for (int i = 0; i < 4; ++i) {
      int digit = vcc::detail::hexDigitValue(text_[at_++]);
      if (digit < 0) return false;
      value = value << 4 | static_cast<uint32_t>(digit);
    }
    return true;
  }
  bool string(std::string& out) {
    if (at_ >= text_.size() || text_[at_] != '"') return false;
    ++at_;
    while (at_ < text_.size()) {
      char c = text_[at_++];
      if (c == '"') return true;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_ >= text_.size()) return false;
      char escape = text_[at_++];
      switch (escape) {
      case '"':
      case '\\':
      case '/': out += escape; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        uint32_t unit = 0;
        if (!hex4(unit)) return false;
        if (unit >= 0xd800 && unit < 0xdc00) {
          uint32_t low = 0;
          if (!literal("\\u") || !hex4(low) || low < 0xdc00 || low >= 0xe000) return false;
          unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
        }
        appendUtf8(out, unit);
        break;
      }
      default: return false;
      }
    }
    return false;
  }
  bool value(Json& out) {
    skipSpace();
    if (at_ >= text_.size()) return false;
    char c = text_[at_];
    if (c == '"') {
      out.kind = Json::String;
      return string(out.text);
    }
    if (c == '[') {
      ++at_;
      out.kind = Json::Array;
      skipSpace();
      if (at_ < text_.size() && text_[at_] == ']') return ++at_, true;
      while (true) {
        out.items.emplace_back();
        if (!value(out.items.back())) return false;
        skipSpace();
        if (at_ >= text_.size()) return false;
        if (text_[at_] == ']') return ++at_, true;
        if (text_[at_++] != ',') return false;
      }
    }
    if (c == '{') {
      ++at_;
      out.kind = Json::Object;
      skipSpace();
      if (at_ < text_.size() && text_[at_] == '}') return ++at_, true;
      while (true) {
        skipSpace();
        out.memberNames.emplace_back();
        if (!string(out.memberNames.back())) return false;
        skipSpace();
        if (at_ >= text_.size() || text_[at_++] != ':') return false;
        out.items.emplace_back();
        if (!value(out.items.back())) return false;
        skipSpace();
        if (at_ >= text_.size()) return false;
        if (text_[at_] == '}') return ++at_, true;
        if (text_[at_++] != ',') return false;
      }
    }
    if (literal("true")) return out.kind = Json::Bool, out.boolean = true, true;
    if (literal("false")) return out.kind = Json::Bool, out.boolean = false, true;
    if (literal("null")) return out.kind = Json::Null, true;
    size_t start = at_;
    while (at_ < text_.size() &&
           (text_[at_] == '-' || text_[at_] == '+' || text_[at_] == '.' || text_[at_] == 'e' ||
            text_[at_] == 'E' || (text_[at_] >= '0' && text_[at_] <= '9')))
      ++at_;
    if (at_ == start) return false;
    out.kind = Json::Number;
    out.text = std::string(text_.substr(start, at_ - start));
    return true;
  }
};

// Values from JSON in the protocol's conventions (numbers may also be JSON numbers).
template <class T> bool fromJson(const Json& json, T& value);

inline bool integerText(const Json& json, std::string& text) {
  if (json.kind != Json::String && json.kind != Json::Number) return false;
  text = json.text;
  return !text.empty();
}

template <class T>
requires vcc::abi::detail::AbiInteger<T>
bool integerFromJson(const Json& json, T& value) {
  std::string text;
  if (!integerText(json, text)) return false;
  bool negative = text[0] == '-';
  vcc::u256 magnitude;
  if (!vcc::u256::fromDecimal(negative ? std::string_view(text).substr(1) : std::string_view(text),
                              magnitude))
    return false;
  if (!magnitude.fitsUint64()) return false;
  uint64_t bits = magnitude.low64();
  if constexpr (std::is_signed_v<T>) {
    using Limits = std::numeric_limits<T>;
    if (negative ? bits > static_cast<uint64_t>(Limits::max()) + 1
                 : bits > static_cast<uint64_t>(Limits::max()))
      return false;
    value = static_cast<T>(negative ? 0 - bits : bits);
  } else {
    if (negative || bits > std::numeric_limits<T>::max()) return false;
    value = static_cast<T>(bits);
  }
  return true;
}

inline bool hexBytes(const Json& json, std::vector<uint8_t>& out) {
  if (json.kind != Json::String) return false;
  std::string_view text = vcc::detail::stripHexPrefix(json.text);
  if (text.size() % 2 != 0) return false;
  out.resize(text.size() / 2);
  return vcc::detail::parseHexExact(text, out.data(), out.size());
}

template <class T> struct FromJson;

template <class T>
requires vcc::abi::detail::AbiInteger<T>
struct FromJson<T> {
  static bool read(const Json& json, T& value) { return integerFromJson(json, value); }
};
template <> struct FromJson<bool> {
  static bool read(const Json& json, bool& value) {
    if (json.kind != Json::Bool) return false;
    value = json.boolean;
    return true;
  }
};
template <> struct FromJson<vcc::address> {
  static bool read(const Json& json, vcc::address& value) {
    return json.kind == Json::String && vcc::address::fromHex(json.text, value);
  }
};
template <> struct FromJson<vcc::bytes32> {
  static bool read(const Json& json, vcc::bytes32& value) {
    return json.kind == Json::String && vcc::bytes32::fromHex(json.text, value);
  }
};
template <> struct FromJson<vcc::u256> {
  static bool read(const Json& json, vcc::u256& value) {
    std::string text;
    return integerText(json, text) && vcc::u256::fromDecimal(text, value);
  }
};
template <> struct FromJson<vcc::bytes> {
  static bool read(const Json& json, vcc::bytes& value) { return hexBytes(json, value); }
};
template <> struct FromJson<std::string> {
  static bool read(const Json& json, std::string& value) {
    if (json.kind != Json::String) return false;
    value = json.text;
    return true;
  }
};
template <class T> struct FromJson<std::vector<T>> {
  static bool read(const Json& json, std::vector<T>& value) {
    if (json.kind != Json::Array) return false;
    value.clear();
    for (const Json& item : json.items) {
      T element{};
      if (!FromJson<T>::read(item, element)) return false;
      value.push_back(element);
    }
    return true;
  }
};
template <class T, size_t N> struct FromJson<std::array<T, N>> {
  static bool read(const Json& json, std::array<T, N>& value) {
    if (json.kind != Json::Array || json.items.size() != N) return false;
    for (size_t i = 0; i < N; ++i) {
      if (!FromJson<T>::read(json.items[i], value[i])) return false;
    }
    return true;
  }
};
template <class... Ts> struct FromJson<std::tuple<Ts...>> {
  static bool read(const Json& json, std::tuple<Ts...>& value) {
    if (json.kind != Json::Array || json.items.size() != sizeof...(Ts)) return false;
    size_t i = 0;
    return std::apply(
        [&](Ts&... elements) { return (FromJson<Ts>::read(json.items[i++], elements) && ...); },
        value);
  }
};

// ---------------------------------------------------------------- the table

// Type-erased operations on one argument list, for tests and abi_tool.
struct ArgumentListOps {
  std::vector<std::string> typeNames; // one per argument
  std::string signature;              // "m<index>(...)"
  vcc::abi::Selector selector;        // computed at compile time
  // Random values: their JSON array and their C++ encoding.
  void (*random)(Rng& rng, std::string& json, std::vector<uint8_t>& encoding);
  // Decodes data; on success the values' JSON and their re-encoding.
  vcc::abi::Error (*decode)(std::span<const uint8_t> data, std::string& json,
                            std::vector<uint8_t>& reencoded);
  // Encodes the JSON array of values; false when it does not fit the types.
  bool (*encode)(const Json& values, std::vector<uint8_t>& encoding);
};

template <class Args, size_t Index> struct OpsOf;

template <class... Ts, size_t Index> struct OpsOf<std::tuple<Ts...>, Index> {
  using Tuple = std::tuple<Ts...>;
  static constexpr auto kName = vcc::abi::FixedString("m") + vcc::abi::decimalString<Index>();

  static ArgumentListOps make() {
    ArgumentListOps ops;
    ops.typeNames = {std::string(vcc::abi::typeName<Ts>())...};
    ops.signature = vcc::abi::signature<Ts...>(kName.view());
    constexpr vcc::abi::Selector kSelector = vcc::abi::methodSelector<Ts...>(kName.view());
    ops.selector = kSelector;
    ops.random = [](Rng& rng, std::string& json, std::vector<uint8_t>& encoding) {
      Tuple values{};
      Values<Tuple>::random(rng, values);
      json.clear();
      Values<Tuple>::json(json, values);
      encoding = std::apply([](const Ts&... v) { return vcc::abi::encodeArguments(v...); }, values);
    };
    ops.decode = [](std::span<const uint8_t> data, std::string& json,
                    std::vector<uint8_t>& reencoded) {
      auto decoded = vcc::abi::decode<Ts...>(data);
      if (decoded.ok()) {
        json.clear();
        Values<Tuple>::json(json, decoded.values);
        reencoded = std::apply([](const Ts&... v) { return vcc::abi::encodeArguments(v...); },
                               decoded.values);
      }
      return decoded.error;
    };
    ops.encode = [](const Json& json, std::vector<uint8_t>& encoding) {
      Tuple values{};
      if (!FromJson<Tuple>::read(json, values)) return false;
      encoding = std::apply([](const Ts&... v) { return vcc::abi::encodeArguments(v...); }, values);
      return true;
    };
    return ops;
  }
};

template <size_t... I> std::vector<ArgumentListOps> makeTable(std::index_sequence<I...>) {
  constexpr size_t kHand = std::tuple_size_v<HandPicked>;
  auto one = []<size_t J>(std::integral_constant<size_t, J>) {
    if constexpr (J < kHand) {
      return OpsOf<std::tuple_element_t<J, HandPicked>, J>::make();
    } else {
      return OpsOf<ArgumentList<J - kHand>, J>::make();
    }
  };
  return {one(std::integral_constant<size_t, I>())...};
}

// Every argument list: the hand-picked ones, then kRandomListCount random ones.
inline const std::vector<ArgumentListOps>& argumentLists() {
  static const std::vector<ArgumentListOps> table =
      makeTable(std::make_index_sequence<std::tuple_size_v<HandPicked> + kRandomListCount>());
  return table;
}

} // namespace abitest
