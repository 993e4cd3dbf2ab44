// Random and mutated ABI arguments for `vcc verify-equiv --fuzz`
// (abi_values.hpp). Values are JSON text that encodeJsonArguments reads:
// integers as 0x-hex strings (with a sign for negative ones), bytes as
// 0x-hex, tuples and fixed arrays as JSON arrays.
//
// What the generator aims at, from divergences seen between targets:
// arrays long enough to leave small-size fast paths (std::sort switches
// algorithm above 16 and 30 elements) and long enough for kernels to split
// work (hundreds to thousands of elements), arrays of many equal elements
// (ties), the edges of every integer type, and nesting.
#include "abi_values.hpp"

#include <algorithm>

namespace vcc::driver {
namespace {

// Requests stay below about this many bytes of JSON text.
constexpr size_t kBudget = 512 * 1024;
constexpr int kMaxNesting = 3;

class Generator {
public:
  Generator(std::mt19937_64& random, const std::vector<std::string>& knownWords)
      : random_(random), knownWords_(knownWords) {}

  void value(const AbiType& type, std::string& out, int depth) {
    using Kind = AbiType::Kind;
    switch (type.kind) {
    case Kind::Uint: return unsignedValue(type.bits, out);
    case Kind::Int: return signedValue(type.bits, out);
    case Kind::Bool: out += random_() % 2 ? "true" : "false"; return;
    case Kind::Address: return hexBytes(20, out);
    case Kind::FixedBytes:
      if (type.bits == 256 && !knownWords_.empty() && random_() % 4 != 0) {
        out += '"' + knownWords_[random_() % knownWords_.size()] + '"';
        return;
      }
      return hexBytes(type.bits / 8, out);
    case Kind::Bytes: return hexBytes(byteLength(), out);
    case Kind::String: {
      size_t length = byteLength();
      out += '"';
      char alphabet = static_cast<char>(random_() % 3 == 0 ? 2 : 26);  // few letters: repeated words
      for (size_t i = 0; i < length; ++i) out += static_cast<char>('a' + random_() % alphabet);
      out += '"';
      return;
    }
    case Kind::Array: return sequence(*type.element, elementCount(type, depth), out, depth, false);
    case Kind::FixedArray: return sequence(*type.element, type.length, out, depth, true);
    case Kind::Tuple:
      out += '[';
      for (size_t i = 0; i < type.components.size(); ++i) {
        if (i) out += ',';
        value(type.components[i], out, depth + 1);
      }
      out += ']';
      return;
    }
  }

  void unsignedValue(unsigned bits, std::string& out) {
    switch (random_() % 6) {
    case 0: out += "\"0\""; return;
    case 1: out += "\"0x" + std::string(bits / 4, 'f') + "\""; return;
    case 2: out += "\"" + std::to_string(random_() % (bits >= 16 ? 300 : 256)) + "\""; return;
    default: out += "\"" + randomHex(bits) + "\"";
    }
  }

  void signedValue(unsigned bits, std::string& out) {
    switch (random_() % 7) {
    case 0: out += "\"0\""; return;
    case 1: out += "\"-1\""; return;
    case 2: out += "\"-0x8" + std::string(bits / 4 - 1, '0') + "\""; return;  // the minimum
    case 3: out += "\"0x7" + std::string(bits / 4 - 1, 'f') + "\""; return;  // the maximum
    case 4: {
      int64_t range = bits >= 16 ? 300 : 128;  // small values of either sign
      out += "\"" + std::to_string(static_cast<int64_t>(random_() % (2 * range)) - range) + "\"";
      return;
    }
    default: out += std::string("\"") + (random_() % 2 ? "-" : "") + randomHex(bits - 1) + "\"";
    }
  }

  bool overBudget(const std::string& out) const { return out.size() > kBudget; }

private:
  // 0x and up to `bits` random bits (the top nibble masked to fit).
  std::string randomHex(unsigned bits) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text = "0x";
    unsigned nibbles = (bits + 3) / 4;
    for (unsigned i = 0; i < nibbles; ++i) {
      unsigned digit = static_cast<unsigned>(random_() % 16);
      if (i == 0 && bits % 4) digit &= (1u << (bits % 4)) - 1;
      text += kDigits[digit];
    }
    return text;
  }

  void hexBytes(size_t size, std::string& out) {
    static constexpr char kDigits[] = "0123456789abcdef";
    out += "\"0x";
    bool repetitive = random_() % 3 == 0;
    uint8_t fill = static_cast<uint8_t>(random_());
    for (size_t i = 0; i < size; ++i) {
      uint8_t byte = repetitive ? fill : random_() % 4 == 0 ? 0 : static_cast<uint8_t>(random_());
      out += kDigits[byte >> 4], out += kDigits[byte & 15];
    }
    out += '"';
  }

  size_t byteLength() {
    switch (random_() % 7) {
    case 0: return 0;
    case 1: return 32;
    case 2: return 1 + random_() % 31;
    case 3: return 1000 + random_() % 4000;
    default: return random_() % 200;
    }
  }

  size_t elementCount(const AbiType& type, int depth) {
    if (depth >= kMaxNesting) return random_() % 2;
    size_t elementBytes = type.element->headSize() + (type.element->dynamic() ? 64 : 0);
    switch (random_() % 8) {
    case 0: return 0;
    case 1: return 1;
    case 2: return 2 + random_() % 7;
    case 3: return 9 + random_() % 32;  // across libc++'s small-sort thresholds
    case 4:
    case 5: return depth == 0 ? 100 + random_() % 200 : 2 + random_() % 10;
    case 6: return depth == 0 && elementBytes <= 64 ? 500 + random_() % 2500 : 20 + random_() % 30;
    default: return 2 + random_() % 20;
    }
  }

  // `count` elements; half the time drawn from a pool of one to three
  // values, so that sorting and deduplication see many ties.
  void sequence(const AbiType& element, size_t count, std::string& out, int depth, bool fixedLength) {
    std::vector<std::string> pool;
    if (count > 2 && random_() % 2 == 0) {
      size_t distinct = 1 + random_() % 3;
      for (size_t i = 0; i < distinct; ++i) {
        std::string item;
        value(element, item, depth + 1);
        pool.push_back(std::move(item));
      }
    }
    out += '[';
    for (size_t i = 0; i < count; ++i) {
      if (i) out += ',';
      if (!pool.empty()) {
        out += pool[random_() % pool.size()];
      } else {
        value(element, out, depth + 1);
      }
      // A fixed array must keep its length; a dynamic one may stop early.
      if (!fixedLength && overBudget(out)) break;
    }
    out += ']';
  }

  std::mt19937_64& random_;
  const std::vector<std::string>& knownWords_;
};

// Prints `value` (of `type`) back as JSON the encoder reads, mutating some
// of it on the way.
class Mutator {
public:
  Mutator(std::mt19937_64& random, double rate, const std::vector<std::string>& knownWords)
      : random_(random), generator_(random, knownWords), rate_(rate) {}

  void value(const AbiType& type, const JsonValue& json, std::string& out, int depth) {
    using Kind = AbiType::Kind;
    if (mutateHere()) {
      if (type.kind == Kind::Array && json.kind() == JsonValue::Kind::Array && !json.items().empty())
        return arrayMutation(type, json, out, depth);
      return generator_.value(type, out, depth);
    }
    switch (type.kind) {
    case Kind::Uint:
    case Kind::Int:
    case Kind::Address:
    case Kind::FixedBytes:
    case Kind::Bytes:
      out += '"' + json.text() + '"';
      return;
    case Kind::String: return quoted(json.text(), out);
    case Kind::Bool: out += json.boolean() ? "true" : "false"; return;
    case Kind::Array:
    case Kind::FixedArray:
    case Kind::Tuple: {
      out += '[';
      for (size_t i = 0; i < json.items().size(); ++i) {
        if (i) out += ',';
        const AbiType& itemType = type.kind == Kind::Tuple ? type.components[i] : *type.element;
        value(itemType, json.items()[i], out, depth + 1);
      }
      out += ']';
      return;
    }
    }
  }

private:
  bool mutateHere() { return std::uniform_real_distribution<double>(0, 1)(random_) < rate_; }

  static void quoted(const std::string& text, std::string& out) {
    out += '"';
    for (char c : text) {
      if (c == '"' || c == '\\') out += '\\', out += c;
      else if (static_cast<unsigned char>(c) < 0x20) {
        static constexpr char kDigits[] = "0123456789abcdef";
        out += "\\u00", out += kDigits[(c >> 4) & 15], out += kDigits[c & 15];
      } else out += c;
    }
    out += '"';
  }

  // Drops, duplicates or repeats elements of a dynamic array.
  void arrayMutation(const AbiType& type, const JsonValue& json, std::string& out, int depth) {
    std::vector<const JsonValue*> items;
    for (const JsonValue& item : json.items()) items.push_back(&item);
    switch (random_() % 4) {
    case 0: items.erase(items.begin() + static_cast<long>(random_() % items.size())); break;
    case 1: {
      size_t at = random_() % items.size();
      items.insert(items.begin() + static_cast<long>(at), items[at]);
      break;
    }
    case 2: {  // the whole array again, several times: long and repetitive
      size_t times = 2 + random_() % 15, original = items.size();
      for (size_t t = 1; t < times && items.size() < 4000; ++t)
        for (size_t i = 0; i < original; ++i) items.push_back(items[i]);
      break;
    }
    default: std::reverse(items.begin(), items.end());
    }
    out += '[';
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) out += ',';
      value(*type.element, *items[i], out, depth + 1);
    }
    out += ']';
  }

  std::mt19937_64& random_;
  Generator generator_;
  double rate_;
};

}  // namespace

std::string randomJsonArguments(const std::vector<AbiType>& types, std::mt19937_64& random,
                                const std::vector<std::string>& knownWords) {
  Generator generator(random, knownWords);
  std::string out = "[";
  for (size_t i = 0; i < types.size(); ++i) {
    if (i) out += ',';
    generator.value(types[i], out, 0);
  }
  return out + "]";
}

std::string mutateJsonArguments(const std::vector<AbiType>& types, const JsonValue& values, std::mt19937_64& random,
                                const std::vector<std::string>& knownWords) {
  Mutator mutator(random, 0.15, knownWords);
  std::string out = "[";
  for (size_t i = 0; i < types.size() && i < values.items().size(); ++i) {
    if (i) out += ',';
    mutator.value(types[i], values.items()[i], out, 0);
  }
  return out + "]";
}

}  // namespace vcc::driver
