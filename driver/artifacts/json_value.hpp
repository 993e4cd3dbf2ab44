// The JSON reader for the manifest, `--args` and bundle indexes (nlohmann/json
// underneath, strict): parses
// a document into a tree of values. Numbers keep their source text, so that
// integers beyond 2^53 (uint64, uint256 arguments) lose nothing.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vcc::driver {

class JsonValue {
public:
  enum class Kind { Null, Bool, Number, String, Array, Object };

  Kind kind() const { return kind_; }
  bool isNull() const { return kind_ == Kind::Null; }
  bool boolean() const { return boolean_; }
  const std::string& text() const { return text_; }  // a string's value or a number's source text
  const std::vector<JsonValue>& items() const { return items_; }
  // Object members in document order.
  const std::vector<std::pair<std::string, JsonValue>>& members() const { return members_; }
  // The member named `key`, or null.
  const JsonValue* find(std::string_view key) const;

  // Parses a whole document; on failure returns nullopt and sets `error`
  // to "line L, column C: what".
  static std::optional<JsonValue> parse(std::string_view text, std::string& error);

private:
  friend class JsonParser;
  Kind kind_ = Kind::Null;
  bool boolean_ = false;
  std::string text_;
  std::vector<JsonValue> items_;
  std::vector<std::pair<std::string, JsonValue>> members_;
};

}  // namespace vcc::driver
