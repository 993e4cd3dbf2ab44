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
    size_t headSize = 32 * types.size();
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
    for (size_t i = 0; i < types.size(); ++i) {
      if (i) out += ',';
      size_t headAt = base + 32 * i;
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
    }
    return false;
  }
  const std::vector<uint8_t>& data_;
};

void randomValue(const AbiType& type, std::mt19937_64& random, std::string& out, int depth) {
  using Kind = AbiType::Kind;
  auto hex = [&](size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    out += "\"0x";
    for (size_t i = 0; i < size; ++i) {
      uint8_t byte = random() % 4 == 0 ? 0 : static_cast<uint8_t>(random());
      out += kDigits[byte >> 4], out += kDigits[byte & 15];
    }
    out += '"';
  };
  unsigned choice = random() % 8;
  switch (type.kind) {
  case Kind::Uint: {
    Word word{};
    size_t bytes = type.bits / 8;
    if (choice == 0) {
    } else if (choice == 1) {
      for (size_t i = 32 - bytes; i < 32; ++i) word[i] = 0xff;  // max
    } else {
      for (size_t i = 32 - bytes; i < 32; ++i) word[i] = static_cast<uint8_t>(random());
      if (choice == 2) std::fill(word.begin(), word.end() - 1, 0);  // small
    }
    out += decimalText(word, false);
    return;
  }
  case Kind::Int: {
    int64_t small[] = {0, -1, 1, 127, -128};
    if (choice < 2) {
      out += '"' + std::to_string(small[random() % 5]) + '"';
      return;
    }
    Word word{};
    size_t bytes = type.bits / 8;
    for (size_t i = 32 - bytes; i < 32; ++i) word[i] = static_cast<uint8_t>(random());
    if (choice == 2) word[32 - bytes] = 0x80, std::fill(word.begin() + 33 - bytes, word.end(), 0);  // min
    bool negative = word[32 - bytes] & 0x80;
    if (negative) {
      for (size_t i = 0; i < 32 - bytes; ++i) word[i] = 0xff;
      negate(word);
    }
    std::string magnitude = decimalText(word, false);
    out += negative ? "\"-" + magnitude.substr(1) : magnitude;
    return;
  }
  case Kind::Bool: out += random() % 2 ? "true" : "false"; return;
  case Kind::Address: hex(20); return;
  case Kind::FixedBytes: hex(type.bits / 8); return;
  case Kind::Bytes: hex(choice == 0 ? 0 : choice == 1 ? 32 : random() % 100); return;
  case Kind::String: {
    size_t length = choice == 0 ? 0 : random() % 70;
    out += '"';
    for (size_t i = 0; i < length; ++i) out += static_cast<char>('a' + random() % 26);
    out += '"';
    return;
  }
  case Kind::Array: {
    size_t count = depth > 2 || choice == 0 ? 0 : random() % 6;
    out += '[';
    for (size_t i = 0; i < count; ++i) {
      if (i) out += ',';
      randomValue(*type.element, random, out, depth + 1);
    }
    out += ']';
    return;
  }
  }
}

}  // namespace

bool AbiType::dynamic() const {
  return kind == Kind::Bytes || kind == Kind::String || kind == Kind::Array;
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
  }
  return "?";
}

std::optional<AbiType> parseAbiType(std::string_view text) {
  AbiType type;
  if (text.size() > 2 && text.substr(text.size() - 2) == "[]") {
    std::optional<AbiType> element = parseAbiType(text.substr(0, text.size() - 2));
    if (!element) return std::nullopt;
    type.kind = AbiType::Kind::Array;
    type.element = std::make_shared<AbiType>(*element);
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

std::optional<std::vector<AbiType>> signatureTypes(std::string_view signature) {
  size_t open = signature.find('(');
  if (open == std::string_view::npos || signature.empty() || signature.back() != ')') return std::nullopt;
  std::string_view list = signature.substr(open + 1, signature.size() - open - 2);
  std::vector<AbiType> types;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::optional<AbiType> type = parseAbiType(list.substr(0, comma));
    if (!type) return std::nullopt;
    types.push_back(*type);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
    if (list.empty()) return std::nullopt;
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

std::string randomJsonArguments(const std::vector<AbiType>& types, std::mt19937_64& random) {
  std::string out = "[";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i) out += ',';
    randomValue(types[i], random, out, 0);
  }
  return out + "]";
}

}  // namespace vcc::driver
