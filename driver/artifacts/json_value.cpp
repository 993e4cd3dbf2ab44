#include "json_value.hpp"

#include <cctype>

namespace vcc::driver {

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const auto& [name, value] : members_)
    if (name == key) return &value;
  return nullptr;
}

class JsonParser {
public:
  explicit JsonParser(std::string_view text) : text_(text) {}

  std::optional<JsonValue> document(std::string& error) {
    JsonValue value;
    if (!parseValue(value, 0) || (skipSpace(), at_ != text_.size() && fail("unexpected text after the value"))) {
      error = error_;
      return std::nullopt;
    }
    return value;
  }

private:
  static constexpr int kMaxDepth = 64;

  bool fail(const std::string& what) {
    if (error_.empty()) {
      size_t line = 1, column = 1;
      for (size_t i = 0; i < at_ && i < text_.size(); ++i) {
        if (text_[i] == '\n') ++line, column = 1;
        else ++column;
      }
      error_ = "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what;
    }
    return false;
  }
  void skipSpace() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r'))
      ++at_;
  }
  bool literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return fail("invalid literal");
    at_ += word.size();
    return true;
  }

  bool parseValue(JsonValue& out, int depth) {
    if (depth > kMaxDepth) return fail("nesting deeper than 64");
    skipSpace();
    if (at_ == text_.size()) return fail("unexpected end of input");
    char c = text_[at_];
    if (c == '{') return parseObject(out, depth);
    if (c == '[') return parseArray(out, depth);
    if (c == '"') {
      out.kind_ = JsonValue::Kind::String;
      return parseString(out.text_);
    }
    if (c == 't' || c == 'f') {
      out.kind_ = JsonValue::Kind::Bool;
      out.boolean_ = c == 't';
      return literal(c == 't' ? "true" : "false");
    }
    if (c == 'n') {
      out.kind_ = JsonValue::Kind::Null;
      return literal("null");
    }
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return parseNumber(out);
    return fail(std::string("unexpected character '") + c + "'");
  }

  bool parseNumber(JsonValue& out) {
    size_t start = at_;
    if (text_[at_] == '-') ++at_;
    auto digits = [&] {
      size_t first = at_;
      while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]))) ++at_;
      return at_ > first;
    };
    if (!digits()) return fail("malformed number");
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      if (!digits()) return fail("malformed number");
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (!digits()) return fail("malformed number");
    }
    out.kind_ = JsonValue::Kind::Number;
    out.text_ = std::string(text_.substr(start, at_ - start));
    return true;
  }

  bool parseString(std::string& out) {
    ++at_;  // opening quote
    while (at_ < text_.size()) {
      char c = text_[at_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_ == text_.size()) break;
      char escape = text_[at_++];
      switch (escape) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        uint32_t code = 0;
        if (!hex4(code)) return false;
        if (code >= 0xd800 && code < 0xdc00) {  // a surrogate pair
          uint32_t low = 0;
          if (text_.substr(at_, 2) != "\\u" || (at_ += 2, !hex4(low)) || low < 0xdc00 || low >= 0xe000)
            return fail("unpaired surrogate");
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        } else if (code >= 0xdc00 && code < 0xe000) {
          return fail("unpaired surrogate");
        }
        appendUtf8(out, code);
        break;
      }
      default: return fail("invalid escape");
      }
    }
    return fail("unterminated string");
  }
  bool hex4(uint32_t& code) {
    if (at_ + 4 > text_.size()) return fail("short \\u escape");
    for (int i = 0; i < 4; ++i) {
      char c = text_[at_++];
      int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                  : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                              : -1;
      if (digit < 0) return fail("bad \\u escape");
      code = code * 16 + static_cast<uint32_t>(digit);
    }
    return true;
  }
  static void appendUtf8(std::string& out, uint32_t code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xc0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xe0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    }
  }

  bool parseArray(JsonValue& out, int depth) {
    out.kind_ = JsonValue::Kind::Array;
    ++at_;
    skipSpace();
    if (at_ < text_.size() && text_[at_] == ']') return ++at_, true;
    for (;;) {
      JsonValue item;
      if (!parseValue(item, depth + 1)) return false;
      out.items_.push_back(std::move(item));
      skipSpace();
      if (at_ < text_.size() && text_[at_] == ',') {
        ++at_;
        continue;
      }
      if (at_ < text_.size() && text_[at_] == ']') return ++at_, true;
      return fail("expected ',' or ']'");
    }
  }

  bool parseObject(JsonValue& out, int depth) {
    out.kind_ = JsonValue::Kind::Object;
    ++at_;
    skipSpace();
    if (at_ < text_.size() && text_[at_] == '}') return ++at_, true;
    for (;;) {
      skipSpace();
      if (at_ >= text_.size() || text_[at_] != '"') return fail("expected a member name");
      std::string key;
      if (!parseString(key)) return false;
      skipSpace();
      if (at_ >= text_.size() || text_[at_] != ':') return fail("expected ':'");
      ++at_;
      JsonValue value;
      if (!parseValue(value, depth + 1)) return false;
      out.members_.emplace_back(std::move(key), std::move(value));
      skipSpace();
      if (at_ < text_.size() && text_[at_] == ',') {
        ++at_;
        continue;
      }
      if (at_ < text_.size() && text_[at_] == '}') return ++at_, true;
      return fail("expected ',' or '}'");
    }
  }

  std::string_view text_;
  size_t at_ = 0;
  std::string error_;
};

std::optional<JsonValue> JsonValue::parse(std::string_view text, std::string& error) {
  return JsonParser(text).document(error);
}

}  // namespace vcc::driver
