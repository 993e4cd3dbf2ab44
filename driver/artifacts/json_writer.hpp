// A minimal JSON writer for --json output and the manifest: nested objects
// and arrays of strings, integers, numbers, booleans and null, keys in
// insertion order; compact, or indented by two spaces.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace vcc::driver {

class JsonWriter {
public:
  explicit JsonWriter(bool indented = false) : indented_(indented) {}

  JsonWriter& beginObject(std::string_view key = {}) { return open(key, '{'); }
  JsonWriter& endObject() { return close('}'); }
  JsonWriter& beginArray(std::string_view key = {}) { return open(key, '['); }
  JsonWriter& endArray() { return close(']'); }

  JsonWriter& field(std::string_view key, std::string_view value) {
    separate(key);
    quote(value);
    return *this;
  }
  JsonWriter& field(std::string_view key, const char* value) { return field(key, std::string_view(value)); }
  JsonWriter& field(std::string_view key, const std::string& value) { return field(key, std::string_view(value)); }
  JsonWriter& field(std::string_view key, uint64_t value) {
    separate(key);
    text_ += std::to_string(value);
    return *this;
  }
  JsonWriter& field(std::string_view key, int value) { return field(key, static_cast<uint64_t>(value)); }
  JsonWriter& field(std::string_view key, double value) {
    separate(key);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    text_ += buffer;
    return *this;
  }
  JsonWriter& field(std::string_view key, bool value) {
    separate(key);
    text_ += value ? "true" : "false";
    return *this;
  }
  JsonWriter& null(std::string_view key) {
    separate(key);
    text_ += "null";
    return *this;
  }
  // An array element (no key).
  JsonWriter& value(std::string_view value) { return field({}, value); }

  const std::string& text() const { return text_; }

private:
  JsonWriter& open(std::string_view key, char bracket) {
    separate(key);
    text_ += bracket;
    first_ = true;
    ++depth_;
    return *this;
  }
  JsonWriter& close(char bracket) {
    --depth_;
    if (!first_) newline();
    text_ += bracket;
    first_ = false;
    return *this;
  }
  void newline() {
    if (!indented_) return;
    text_ += '\n';
    text_.append(2 * depth_, ' ');
  }
  void separate(std::string_view key) {
    if (!first_) text_ += ',';
    if (depth_ > 0) newline();
    first_ = false;
    if (!key.empty()) {
      quote(key);
      text_ += indented_ ? ": " : ":";
    }
  }
  // The length of the well-formed UTF-8 sequence at value[i] (RFC 3629: no
  // overlong forms, no surrogates, at most U+10FFFF), or 0.
  static size_t utf8Length(std::string_view value, size_t i) {
    auto byte = [&](size_t at) { return at < value.size() ? static_cast<unsigned char>(value[at]) : 0u; };
    unsigned first = byte(i);
    size_t length = first >= 0xc2 && first <= 0xdf   ? 2
                    : first >= 0xe0 && first <= 0xef ? 3
                    : first >= 0xf0 && first <= 0xf4 ? 4
                                                     : 0;
    if (length == 0) return 0;
    for (size_t k = 1; k < length; ++k)
      if ((byte(i + k) & 0xc0) != 0x80) return 0;
    unsigned second = byte(i + 1);
    if (first == 0xe0 && second < 0xa0) return 0;   // overlong
    if (first == 0xed && second >= 0xa0) return 0;  // surrogates
    if (first == 0xf0 && second < 0x90) return 0;   // overlong
    if (first == 0xf4 && second >= 0x90) return 0;  // beyond U+10FFFF
    return length;
  }
  // A JSON string of valid UTF-8: bytes that are not (a decoded string of a
  // response, a message with a file name) become U+FFFD.
  void quote(std::string_view value) {
    text_ += '"';
    for (size_t i = 0; i < value.size(); ++i) {
      char c = value[i];
      if (static_cast<unsigned char>(c) >= 0x80) {
        size_t length = utf8Length(value, i);
        if (length == 0) {
          text_ += "\\ufffd";
        } else {
          text_.append(value.substr(i, length));
          i += length - 1;
        }
      } else if (c == '"' || c == '\\') {
        text_ += '\\';
        text_ += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
        text_ += buffer;
      } else {
        text_ += c;
      }
    }
    text_ += '"';
  }
  std::string text_;
  bool first_ = true;
  bool indented_;
  size_t depth_ = 0;
};

}  // namespace vcc::driver
