// libFuzzer target: `vcc run --args` and the JSON reader behind it. The
// first byte picks a method signature, the rest is the JSON text. Besides
// not crashing: arguments that encode decode back to JSON that encodes to
// the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "abi_values.hpp"
#include "json_value.hpp"

namespace {

constexpr std::string_view kSignatures[] = {
    "f(uint32,bytes,bytes)",
    "f(uint256,int8,bool,address)",
    "f(string,bytes32[],uint64[2])",
    "f((uint8,string)[],bytes4)",
    "f(int256[][],(bool,(uint16,bytes)))",
    "f(uint8[3][],string[])",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view signature = kSignatures[data[0] % std::size(kSignatures)];
  std::optional<std::vector<vcc::driver::AbiType>> types = vcc::driver::signatureTypes(signature);
  if (!types) std::abort();
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string error;
  std::optional<vcc::driver::JsonValue> values = vcc::driver::JsonValue::parse(text, error);
  if (!values) {
    if (error.empty()) std::abort();
    return 0;
  }
  std::optional<std::vector<uint8_t>> encoded = vcc::driver::encodeJsonArguments(*types, *values, error);
  if (!encoded) return 0;
  std::optional<std::string> decoded = vcc::driver::decodeToJson(*types, *encoded);
  if (!decoded) std::abort();
  std::optional<vcc::driver::JsonValue> reparsed = vcc::driver::JsonValue::parse(*decoded, error);
  if (!reparsed) std::abort();
  std::optional<std::vector<uint8_t>> reencoded = vcc::driver::encodeJsonArguments(*types, *reparsed, error);
  if (!reencoded || *reencoded != *encoded) std::abort();
  return 0;
}
