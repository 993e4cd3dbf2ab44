// Dispatch of a request to a service method (SPEC §2), used by the glue that
// `vcc build` generates: decode the calldata strictly, call the method,
// encode its return value. A decoding failure is a response too, the same on
// every target: Solidity's revert encoding Error(string), selector
// 0x08c379a0, with abi::describe's message, e.g.
// "abi: non-canonical padding bits at byte 36 (NonCanonicalPadding)".
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "vcc/abi.hpp"

namespace vcc::service {

inline void writeError(std::vector<uint8_t>& response, const abi::Error& error) {
  response = abi::errorResponse(error);
}

// The selector of `method` named `name`, from its C++ parameter types.
template <class R, class... Args> constexpr abi::Selector selectorOf(R (*)(Args...), std::string_view name) {
  return abi::methodSelector<std::remove_cvref_t<Args>...>(name);
}

// Decodes the arguments of `method` from `request`, calls it and encodes
// its result (nothing for void) into `response`.
template <class R, class... Args>
void dispatch(R (*method)(Args...), abi::Selector selector, std::span<const uint8_t> request,
              std::vector<uint8_t>& response) {
  std::tuple<std::remove_cvref_t<Args>...> arguments;
  abi::Error error = std::apply(
      [&](auto&... values) { return abi::decodeCall(request, selector, values...); }, arguments);
  if (!error.ok()) {
    writeError(response, error);
    return;
  }
  if constexpr (std::is_void_v<R>) {
    std::apply(method, arguments);
    response.clear();
  } else {
    response = abi::encodeResponse(std::apply(method, arguments));
  }
}

// The response to calldata whose selector names no method of the service.
inline void unknownSelector(std::span<const uint8_t> request, std::vector<uint8_t>& response) {
  abi::Selector ignored = 0;
  abi::Error error = abi::readSelector(request, ignored);
  writeError(response, error.ok() ? abi::Error{abi::ErrorCode::BadSelector, 0} : error);
}

}  // namespace vcc::service
