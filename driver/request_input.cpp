#include "request_input.hpp"

#include <algorithm>
#include <cctype>

#include "abi_values.hpp"
#include "file_io.hpp"
#include "json_value.hpp"
#include "service_runner.hpp"
#include "vcc/vm/keccak.hpp"

namespace vcc::driver {

std::optional<std::vector<uint8_t>> parseHexBytes(const std::string& text) {
  std::string digits;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) digits += c;
  std::vector<uint8_t> bytes;
  if (!parseHex(digits, bytes)) return std::nullopt;
  return bytes;
}

bool makeRequest(const Manifest& manifest, const std::string& method, const std::string& argsJson,
                 const std::string& calldata, std::optional<ManifestMethod>& methodOut,
                 std::vector<uint8_t>& request, std::string& error) {
  if (!calldata.empty()) {
    if (!argsJson.empty()) {
      error = "give either --calldata or --args, not both";
      return false;
    }
    if (calldata[0] == '@') {
      auto bytes = readBinary(calldata.substr(1), uint64_t{256} << 20, error);
      if (!bytes) return false;
      // A file of 0x-hex text is read as hex, like verify-equiv's inputs.
      std::string text(bytes->begin(), bytes->end());
      std::optional<std::vector<uint8_t>> hex = text.starts_with("0x") ? parseHexBytes(text) : std::nullopt;
      request = hex ? std::move(*hex) : std::move(*bytes);
    } else {
      std::optional<std::vector<uint8_t>> bytes = parseHexBytes(calldata);
      if (!bytes) {
        error = "--calldata must be 0x-prefixed hex or @FILE";
        return false;
      }
      request = std::move(*bytes);
    }
    auto startsWithSelector = [&](const ManifestMethod& candidate) {
      return request.size() >= 4 && std::equal(candidate.selector.begin(), candidate.selector.end(), request.begin());
    };
    if (!method.empty()) {
      // --method with --calldata: the request must be that method's.
      methodOut = findMethod(manifest, method, error);
      if (!methodOut) return false;
      if (!startsWithSelector(*methodOut)) {
        error = "--calldata does not start with the selector of " + methodOut->signature + " (" +
                vm::toHex(methodOut->selector) + "); leave out --method to send it anyway";
        return false;
      }
      return true;
    }
    for (const ManifestMethod& candidate : manifest.methods)
      if (startsWithSelector(candidate)) methodOut = candidate;
    return true;
  }
  if (method.empty()) {
    error = "give --method with --args, or --calldata";
    return false;
  }
  methodOut = findMethod(manifest, method, error);
  if (!methodOut) return false;
  std::optional<JsonValue> values = JsonValue::parse(argsJson.empty() ? "[]" : argsJson, error);
  if (!values) {
    error = "--args: " + error;
    return false;
  }
  std::optional<std::vector<AbiType>> types = signatureTypes(methodOut->signature);
  std::optional<std::vector<uint8_t>> encoded = types ? encodeJsonArguments(*types, *values, error) : std::nullopt;
  if (!encoded) {
    error = "--args for " + methodOut->signature + ": " + error;
    return false;
  }
  request.assign(methodOut->selector.begin(), methodOut->selector.end());
  request.insert(request.end(), encoded->begin(), encoded->end());
  return true;
}

}  // namespace vcc::driver
