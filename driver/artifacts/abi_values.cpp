#include "abi_values.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace vcc::driver {
namespace {

using Word = std::array<uint8_t, 32>;  // big-endian
constexpr size_t kMaxDepth = 16;
constexpr size_t kMaxDecodedItems = 1 << 20;

bool parseDigits(std::string_view text, Word& out, bool& negative) {
  out.fill(0);
  negative = false;
  if (!text.empty() && text[0] == '-') negative = true, text.remove_prefix(1);
  if (text.empty()) return false;
  unsigned base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) base = 16, text.remove_prefix(2);
  for (char c : text) {
    unsigned digit = c >= '0' && c <= '9' ? unsigned(c - '0')
                     : base == 16 && c >= 'a' && c <= 'f' ? unsigned(c - 'a' + 10)
                     : base == 16 && c >= 'A' && c <= 'F' ? unsigned(c - 'A' + 10)
                                                           : 99;
    if (digit >= base) return false;
    unsigned carry = digit;
    for (int i = 31; i >= 0; --i) {  // out = out * base + digit
      unsigned value = out[i] * base + carry;
      out[i] = static_cast<uint8_t>(value);
      carry = value >> 8;
    }
    if (carry) return false;  // beyond 256 bits
  }
  return true;
}

void negate(Word& word) {
  unsigned carry = 1;
  for (int i = 31; i >= 0; --i) {
    unsigned value = static_cast<uint8_t>(~word[i]) + carry;
    word[i] = static_cast<uint8_t>(value);
    carry = value >> 8;
  }
}

// True when `word` (a magnitude) fits `bits` as unsigned, or as the given
// signed value.
bool fits(const Word& magnitude, unsigned bits, bool isSigned, bool negative) {
  unsigned valueBits = 0;
  for (int i = 0; i < 32; ++i)
    if (magnitude[i]) {
      valueBits = 8 * (31 - i) + (32 - static_cast<unsigned>(__builtin_clz(magnitude[i])));
      break;
    }
  if (!isSigned) return !negative && valueBits <= bits;
  if (!negative) return valueBits <= bits - 1;
  // -2^(bits-1) is the only magnitude with bits bits that fits.
  if (valueBits < bits) return true;
  if (valueBits > bits) return false;
  Word limit{};
  limit[31 - (bits - 1) / 8] = static_cast<uint8_t>(1u << ((bits - 1) % 8));
  return magnitude == limit;
}

}  // namespace

bool parseHex(std::string_view text, std::vector<uint8_t>& out) {
  if (text.size() < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X') || text.size() % 2) return false;
  out.clear();
  for (size_t i = 2; i < text.size(); i += 2) {
    auto digit = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
    int high = digit(text[i]), low = digit(text[i + 1]);
    if (high < 0 || low < 0) return false;
    out.push_back(static_cast<uint8_t>(high * 16 + low));
  }
  return true;
}

namespace {

void appendWord(std::vector<uint8_t>& out, uint64_t value) {
  Word word{};
  for (int i = 0; i < 8; ++i) word[31 - i] = static_cast<uint8_t>(value >> (8 * i));
  out.insert(out.end(), word.begin(), word.end());
}

void appendPadded(std::vector<uint8_t>& out, const std::vector<uint8_t>& bytes) {
  appendWord(out, bytes.size());
  out.insert(out.end(), bytes.begin(), bytes.end());
  out.resize(out.size() + (32 - bytes.size() % 32) % 32, 0);
}

class Encoder {
public:
  explicit Encoder(std::string& error) : error_(error) {}

  bool tuple(const std::vector<const AbiType*>& types, const std::vector<const JsonValue*>& values,
             std::vector<uint8_t>& out, const std::string& where) {
    if (types.size() != values.size()) return fail(where + "expected " + std::to_string(types.size()) + " values, got " + std::to_string(values.size()));
    size_t headSize = 0;
    for (const AbiType* type : types) headSize += type->headSize();
    std::vector<uint8_t> head, tail;
    for (size_t i = 0; i < types.size(); ++i) {
      std::string at = where + "value " + std::to_string(i) + ": ";
      if (types[i]->dynamic()) {
        appendWord(head, headSize + tail.size());
        if (!value(*types[i], *values[i], tail, at)) return false;
      } else if (!value(*types[i], *values[i], head, at)) {
        return false;
      }
    }
    out.insert(out.end(), head.begin(), head.end());
    out.insert(out.end(), tail.begin(), tail.end());
    return true;
  }

private:
  bool fail(const std::string& message) {
    error_ = message;
    return false;
  }

  bool value(const AbiType& type, const JsonValue& json, std::vector<uint8_t>& out, const std::string& where) {
    using Kind = AbiType::Kind;
    switch (type.kind) {
    case Kind::Uint:
    case Kind::Int: {
      if (json.kind() != JsonValue::Kind::Number && json.kind() != JsonValue::Kind::String)
        return fail(where + "expected a number for " + type.name());
      Word word;
      bool negative;
      if (!parseDigits(json.text(), word, negative)) return fail(where + "\"" + json.text() + "\" is not an integer");
      if (!fits(word, type.bits, type.kind == Kind::Int, negative))
        return fail(where + json.text() + " does not fit " + type.name());
      if (negative) negate(word);
      out.insert(out.end(), word.begin(), word.end());
      return true;
    }
    case Kind::Bool:
      if (json.kind() != JsonValue::Kind::Bool) return fail(where + "expected true or false");
      appendWord(out, json.boolean() ? 1 : 0);
      return true;
    case Kind::Address:
    case Kind::FixedBytes: {
      std::vector<uint8_t> bytes;
      size_t size = type.kind == Kind::Address ? 20 : type.bits / 8;
      if (json.kind() != JsonValue::Kind::String || !parseHex(json.text(), bytes) || bytes.size() != size)
        return fail(where + "expected 0x and " + std::to_string(2 * size) + " hex digits for " + type.name());
      Word word{};
      if (type.kind == Kind::Address) std::copy(bytes.begin(), bytes.end(), word.begin() + 12);
      else std::copy(bytes.begin(), bytes.end(), word.begin());
      out.insert(out.end(), word.begin(), word.end());
      return true;
    }
    case Kind::Bytes: {
      std::vector<uint8_t> bytes;
      if (json.kind() != JsonValue::Kind::String || !parseHex(json.text(), bytes))
        return fail(where + "expected 0x-prefixed hex bytes");
      appendPadded(out, bytes);
      return true;
    }
    case Kind::String:
      if (json.kind() != JsonValue::Kind::String) return fail(where + "expected a string");
      appendPadded(out, std::vector<uint8_t>(json.text().begin(), json.text().end()));
      return true;
    case Kind::Array: {
      if (json.kind() != JsonValue::Kind::Array) return fail(where + "expected an array for " + type.name());
      appendWord(out, json.items().size());
      std::vector<const AbiType*> types(json.items().size(), type.element.get());
      std::vector<const JsonValue*> values;
      for (const JsonValue& item : json.items()) values.push_back(&item);
      return tuple(types, values, out, where);
    }
    case Kind::FixedArray:
    case Kind::Tuple: {
      if (json.kind() != JsonValue::Kind::Array) return fail(where + "expected an array for " + type.name());
      std::vector<const AbiType*> types;
      if (type.kind == Kind::FixedArray) types.assign(type.length, type.element.get());
      else
        for (const AbiType& component : type.components) types.push_back(&component);
      std::vector<const JsonValue*> values;
      for (const JsonValue& item : json.items()) values.push_back(&item);
      return tuple(types, values, out, where);
    }
    }
    return false;
  }
  std::string& error_;
};

std::string decimalText(Word word, bool negative) {
  if (negative) negate(word);
  std::string digits;
  bool zero = false;
  while (!zero) {
    unsigned remainder = 0;
    zero = true;
    for (auto& byte : word) {
      unsigned value = remainder * 256 + byte;
      byte = static_cast<uint8_t>(value / 10);
      remainder = value % 10;
      zero = zero && byte == 0;
    }
    digits += static_cast<char>('0' + remainder);
  }
  std::reverse(digits.begin(), digits.end());
  return (negative ? "\"-" : "\"") + digits + "\"";
}

class Decoder {
public:
  Decoder(const std::vector<uint8_t>& data) : data_(data) {}

  bool tuple(const std::vector<const AbiType*>& types, size_t base, size_t end, std::string& out, int depth) {
    if (depth > static_cast<int>(kMaxDepth)) return false;
    out += '[';
    size_t headAt = base;
    for (size_t i = 0; i < types.size(); ++i, headAt += types[i - 1]->headSize()) {
      if (i) out += ',';
      if (headAt > end) return false;
      if (types[i]->dynamic()) {
        uint64_t offset;
        if (!word64(headAt, end, offset) || offset > end - base) return false;
        if (!value(*types[i], base + offset, end, out, depth)) return false;
      } else if (!value(*types[i], headAt, end, out, depth)) {
        return false;
      }
    }
    out += ']';
    return true;
  }

private:
  bool word64(size_t at, size_t end, uint64_t& value) const {
    if (at + 32 > end) return false;
    for (int i = 0; i < 24; ++i)
      if (data_[at + i]) return false;
    value = 0;
    for (int i = 24; i < 32; ++i) value = value << 8 | data_[at + i];
    return true;
  }
  static std::string hex(const uint8_t* bytes, size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text = "\"0x";
    for (size_t i = 0; i < size; ++i) text += kDigits[bytes[i] >> 4], text += kDigits[bytes[i] & 15];
    return text + "\"";
  }
  bool value(const AbiType& type, size_t at, size_t end, std::string& out, int depth) {
    using Kind = AbiType::Kind;
    if (at + 32 > end) return false;
    Word word;
    std::copy(data_.begin() + at, data_.begin() + at + 32, word.begin());
    switch (type.kind) {
    case Kind::Uint: out += decimalText(word, false); return true;
    case Kind::Int: out += decimalText(word, word[0] & 0x80); return true;
    case Kind::Bool: out += word[31] ? "true" : "false"; return true;
    case Kind::Address: out += hex(word.data() + 12, 20); return true;
    case Kind::FixedBytes: out += hex(word.data(), type.bits / 8); return true;
    case Kind::Bytes:
    case Kind::String: {
      uint64_t length;
      if (!word64(at, end, length) || length > end - at - 32) return false;
      const uint8_t* bytes = data_.data() + at + 32;
      if (type.kind == Kind::Bytes) {
        out += hex(bytes, length);
      } else {
        out += '"';
        for (uint64_t i = 0; i < length; ++i) {
          char c = static_cast<char>(bytes[i]);
          if (c == '"' || c == '\\') out += '\\', out += c;
          else if (static_cast<unsigned char>(c) < 0x20) out += "\\u00", out += "0123456789abcdef"[(c >> 4) & 15], out += "0123456789abcdef"[c & 15];
          else out += c;
        }
        out += '"';
      }
      return true;
    }
    case Kind::Array: {
      uint64_t count;
      if (!word64(at, end, count) || count > kMaxDecodedItems || count > (end - at - 32) / 32) return false;
      std::vector<const AbiType*> types(count, type.element.get());
      return tuple(types, at + 32, end, out, depth + 1);
    }
    case Kind::FixedArray:
    case Kind::Tuple: {
      if (type.kind == Kind::FixedArray && type.length > kMaxDecodedItems) return false;
      std::vector<const AbiType*> types;
      if (type.kind == Kind::FixedArray) types.assign(type.length, type.element.get());
      else
        for (const AbiType& component : type.components) types.push_back(&component);
      return tuple(types, at, end, out, depth + 1);
    }
    }
    return false;
  }
  const std::vector<uint8_t>& data_;
};

}  // namespace

bool AbiType::dynamic() const {
  if (kind == Kind::FixedArray) return element->dynamic();
  if (kind == Kind::Tuple)
    return std::any_of(components.begin(), components.end(), [](const AbiType& c) { return c.dynamic(); });
  return kind == Kind::Bytes || kind == Kind::String || kind == Kind::Array;
}

size_t AbiType::headSize() const {
  if (dynamic()) return 32;
  if (kind == Kind::FixedArray) return length * element->headSize();
  if (kind == Kind::Tuple) {
    size_t size = 0;
    for (const AbiType& component : components) size += component.headSize();
    return size;
  }
  return 32;
}

std::string AbiType::name() const {
  switch (kind) {
  case Kind::Uint: return "uint" + std::to_string(bits);
  case Kind::Int: return "int" + std::to_string(bits);
  case Kind::Bool: return "bool";
  case Kind::Address: return "address";
  case Kind::FixedBytes: return "bytes" + std::to_string(bits / 8);
  case Kind::Bytes: return "bytes";
  case Kind::String: return "string";
  case Kind::Array: return element->name() + "[]";
  case Kind::FixedArray: return element->name() + "[" + std::to_string(length) + "]";
  case Kind::Tuple: {
    std::string text = "(";
    for (size_t i = 0; i < components.size(); ++i) text += (i ? "," : "") + components[i].name();
    return text + ")";
  }
  }
  return "?";
}

namespace {

// Splits "a,(b,c),d[]" at the commas outside parentheses; nullopt when the
// parentheses do not balance or a part is empty.
std::optional<std::vector<std::string_view>> splitTopLevel(std::string_view list) {
  std::vector<std::string_view> parts;
  if (list.empty()) return parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= list.size(); ++i) {
    if (i == list.size() || (list[i] == ',' && depth == 0)) {
      if (i == start) return std::nullopt;
      parts.push_back(list.substr(start, i - start));
      start = i + 1;
    } else if (list[i] == '(') {
      ++depth;
    } else if (list[i] == ')') {
      if (--depth < 0) return std::nullopt;
    }
  }
  if (depth != 0) return std::nullopt;
  return parts;
}

constexpr size_t kMaxTypeDepth = 32;
std::optional<AbiType> parseAbiTypeAt(std::string_view text, size_t depth);

}  // namespace

std::optional<AbiType> parseAbiType(std::string_view text) { return parseAbiTypeAt(text, 0); }

namespace {

std::optional<AbiType> parseAbiTypeAt(std::string_view text, size_t depth) {
  AbiType type;
  if (depth > kMaxTypeDepth || text.empty()) return std::nullopt;
  if (text.back() == ']') {
    size_t open = text.rfind('[');
    if (open == std::string_view::npos || open == 0) return std::nullopt;
    std::string_view size = text.substr(open + 1, text.size() - open - 2);
    std::optional<AbiType> element = parseAbiTypeAt(text.substr(0, open), depth + 1);
    if (!element) return std::nullopt;
    type.element = std::make_shared<AbiType>(*element);
    if (size.empty()) {
      type.kind = AbiType::Kind::Array;
      return type;
    }
    if (size.size() > 6 || size[0] == '0') return std::nullopt;
    size_t length = 0;
    for (char c : size) {
      if (c < '0' || c > '9') return std::nullopt;
      length = length * 10 + static_cast<size_t>(c - '0');
    }
    type.kind = AbiType::Kind::FixedArray;
    type.length = length;
    return type;
  }
  if (text.front() == '(') {
    if (text.back() != ')') return std::nullopt;
    std::optional<std::vector<std::string_view>> parts = splitTopLevel(text.substr(1, text.size() - 2));
    if (!parts || parts->empty()) return std::nullopt;
    type.kind = AbiType::Kind::Tuple;
    for (std::string_view part : *parts) {
      std::optional<AbiType> component = parseAbiTypeAt(part, depth + 1);
      if (!component) return std::nullopt;
      type.components.push_back(std::move(*component));
    }
    return type;
  }
  auto number = [](std::string_view digits) -> int {
    if (digits.empty() || digits.size() > 3 || digits[0] == '0') return -1;
    int value = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return -1;
      value = value * 10 + (c - '0');
    }
    return value;
  };
  if (text == "bool") type.kind = AbiType::Kind::Bool;
  else if (text == "address") type.kind = AbiType::Kind::Address;
  else if (text == "bytes") type.kind = AbiType::Kind::Bytes;
  else if (text == "string") type.kind = AbiType::Kind::String;
  else if (text.starts_with("uint") || text.starts_with("int")) {
    bool isUnsigned = text.starts_with("uint");
    int bits = number(text.substr(isUnsigned ? 4 : 3));
    if (bits < 8 || bits > 256 || bits % 8) return std::nullopt;
    type.kind = isUnsigned ? AbiType::Kind::Uint : AbiType::Kind::Int;
    type.bits = static_cast<unsigned>(bits);
  } else if (text.starts_with("bytes")) {
    int size = number(text.substr(5));
    if (size < 1 || size > 32) return std::nullopt;
    type.kind = AbiType::Kind::FixedBytes;
    type.bits = static_cast<unsigned>(8 * size);
  } else {
    return std::nullopt;
  }
  return type;
}

}  // namespace

std::optional<std::vector<AbiType>> signatureTypes(std::string_view signature) {
  size_t open = signature.find('(');
  if (open == std::string_view::npos || signature.empty() || signature.back() != ')') return std::nullopt;
  std::optional<std::vector<std::string_view>> parts = splitTopLevel(signature.substr(open + 1, signature.size() - open - 2));
  if (!parts) return std::nullopt;
  std::vector<AbiType> types;
  for (std::string_view part : *parts) {
    std::optional<AbiType> type = parseAbiType(part);
    if (!type) return std::nullopt;
    types.push_back(std::move(*type));
  }
  return types;
}

std::optional<std::vector<uint8_t>> encodeJsonArguments(const std::vector<AbiType>& types, const JsonValue& values,
                                                        std::string& error) {
  if (values.kind() != JsonValue::Kind::Array) {
    error = "the arguments must be a JSON array";
    return std::nullopt;
  }
  std::vector<const AbiType*> typePointers;
  for (const AbiType& type : types) typePointers.push_back(&type);
  std::vector<const JsonValue*> valuePointers;
  for (const JsonValue& value : values.items()) valuePointers.push_back(&value);
  std::vector<uint8_t> out;
  if (!Encoder(error).tuple(typePointers, valuePointers, out, "")) return std::nullopt;
  return out;
}

std::optional<std::string> decodeToJson(const std::vector<AbiType>& types, const std::vector<uint8_t>& data) {
  std::vector<const AbiType*> typePointers;
  for (const AbiType& type : types) typePointers.push_back(&type);
  std::string out;
  if (!Decoder(data).tuple(typePointers, 0, data.size(), out, 0)) return std::nullopt;
  return out;
}

}  // namespace vcc::driver
