// JsonValue::parse on nlohmann/json's SAX parser (strict: one value, then
// only white space; valid UTF-8). What the tree adds: numbers keep their
// text, duplicate keys and deep nesting are rejected.
#include "json_value.hpp"

#include <nlohmann/json.hpp>

namespace vcc::driver {

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const auto& [name, value] : members_)
    if (name == key) return &value;
  return nullptr;
}

// Builds the tree from nlohmann's events. A handler that returns false
// stops the parse; the reason is in error_.
class JsonParser final : public nlohmann::json_sax<nlohmann::json> {
public:
  static constexpr size_t kMaxDepth = 64;

  bool null() override { return add(JsonValue()); }
  bool boolean(bool value) override {
    JsonValue out;
    out.kind_ = JsonValue::Kind::Bool;
    out.boolean_ = value;
    return add(std::move(out));
  }
  // Integers that fit 64 bits arrive converted: their decimal text is exact.
  // Everything else (fractions, exponents, larger integers) keeps its source.
  bool number_integer(number_integer_t value) override { return number(std::to_string(value)); }
  bool number_unsigned(number_unsigned_t value) override { return number(std::to_string(value)); }
  bool number_float(number_float_t, const string_t& text) override { return number(text); }
  bool string(string_t& value) override {
    JsonValue out;
    out.kind_ = JsonValue::Kind::String;
    out.text_ = std::move(value);
    return add(std::move(out));
  }
  bool binary(binary_t&) override { return fail("binary values are not JSON"); }
  bool start_object(std::size_t) override { return open(JsonValue::Kind::Object); }
  bool key(string_t& name) override {
    JsonValue& object = stack_.back();
    if (object.find(name) != nullptr) return fail("duplicate key \"" + name + "\"");
    pendingKey_ = std::move(name);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(JsonValue::Kind::Array); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& exception) override {
    position_ = position == 0 ? 0 : position - 1;
    std::string what = exception.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - ..."
    size_t detail = what.find(": ");
    fail(detail == std::string::npos ? what : what.substr(detail + 2));
    return false;
  }

  std::optional<JsonValue> result(std::string_view text, std::string& error) {
    if (!error_.empty() || !done_) {
      size_t line = 1, column = 1;
      for (size_t i = 0; i < position_ && i < text.size(); ++i) {
        if (text[i] == '\n') ++line, column = 1;
        else ++column;
      }
      error = "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
              (error_.empty() ? "incomplete document" : error_);
      return std::nullopt;
    }
    return std::move(root_);
  }
private:
  bool fail(const std::string& what) {
    if (error_.empty()) error_ = what;
    return false;
  }
  bool number(const std::string& text) {
    JsonValue out;
    out.kind_ = JsonValue::Kind::Number;
    out.text_ = text;
    return add(std::move(out));
  }
  bool add(JsonValue value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      done_ = true;
    } else if (stack_.back().kind_ == JsonValue::Kind::Array) {
      stack_.back().items_.push_back(std::move(value));
    } else {
      stack_.back().members_.emplace_back(std::move(pendingKey_), std::move(value));
    }
    return true;
  }
  // An array or object being filled, with the key it will have in its
  // parent object (the pending key when it was opened).
  bool open(JsonValue::Kind kind) {
    if (stack_.size() >= kMaxDepth) return fail("nesting deeper than " + std::to_string(kMaxDepth));
    JsonValue value;
    value.kind_ = kind;
    stack_.push_back(std::move(value));
    keys_.push_back(std::move(pendingKey_));
    return true;
  }
  bool close() {
    JsonValue value = std::move(stack_.back());
    stack_.pop_back();
    pendingKey_ = std::move(keys_.back());
    keys_.pop_back();
    return add(std::move(value));
  }

  std::vector<JsonValue> stack_;
  std::vector<std::string> keys_;  // parallel to stack_
  std::string pendingKey_;
  JsonValue root_;
  bool done_ = false;
  std::string error_;
  size_t position_ = 0;
};

std::optional<JsonValue> JsonValue::parse(std::string_view text, std::string& error) {
  JsonParser parser;
  bool parsed = nlohmann::json::sax_parse(text.begin(), text.end(), &parser, nlohmann::json::input_format_t::json,
                                          /*strict=*/true);
  std::optional<JsonValue> value = parser.result(text, error);
  if (!parsed && value) {  // stopped by a handler without a reason: cannot happen, but never accept it
    error = "invalid JSON";
    return std::nullopt;
  }
  return value;
}

}  // namespace vcc::driver
