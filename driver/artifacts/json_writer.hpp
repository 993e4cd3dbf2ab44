// A minimal JSON writer for --json output: nested objects and arrays of
// strings, integers, numbers and booleans, keys in insertion order.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace vcc::driver {

class JsonWriter {
public:
  JsonWriter& beginObject(std::string_view key = {}) {
    separate(key);
    text_ += '{';
    first_ = true;
    return *this;
  }
  JsonWriter& endObject() {
    text_ += '}';
    first_ = false;
    return *this;
  }
  JsonWriter& beginArray(std::string_view key = {}) {
    separate(key);
    text_ += '[';
    first_ = true;
    return *this;
  }
  JsonWriter& endArray() {
    text_ += ']';
    first_ = false;
    return *this;
  }
  JsonWriter& field(std::string_view key, std::string_view value) {
    separate(key);
    quote(value);
    return *this;
  }
  JsonWriter& field(std::string_view key, const char* value) { return field(key, std::string_view(value)); }
  JsonWriter& field(std::string_view key, uint64_t value) {
    separate(key);
    text_ += std::to_string(value);
    return *this;
  }
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
  const std::string& text() const { return text_; }

private:
  void separate(std::string_view key) {
    if (!first_) text_ += ',';
    first_ = false;
    if (!key.empty()) {
      quote(key);
      text_ += ':';
    }
  }
  void quote(std::string_view value) {
    text_ += '"';
    for (char c : value) {
      if (c == '"' || c == '\\') {
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
};

}  // namespace vcc::driver
