// A service's methods as the frontend finds them (SPEC §2): free functions
// marked VCC_METHOD in the service source, their C++ and Solidity ABI types,
// canonical signatures and selectors.
#pragma once

#include "vcc/frontend/diagnostic.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace vcc::frontend {

struct MethodParameter {
  std::string name;      // as declared; empty when unnamed
  std::string cppType;   // as declared, fully qualified: "const vcc::bytes &"
  std::string valueType; // without reference and const: "vcc::bytes", what the decoder fills
  std::string abiType;   // canonical Solidity type: "bytes"
};

struct Method {
  std::string name;          // the C++ and Solidity name: "multiply"
  std::string qualifiedName; // how the dispatch glue calls it: "multiply", "matmul::multiply"
  std::vector<MethodParameter> parameters;
  std::string returnType;    // fully qualified C++ type: "vcc::bytes"
  std::string returnAbiType; // canonical Solidity type: "bytes"
  std::string signature;     // canonical: "multiply(uint32,bytes,bytes)"
  // keccak256(signature)[0:4] as a big-endian number, like vcc::abi::Selector:
  // "transfer(address,uint256)" -> 0xa9059cbb.
  uint32_t selector = 0;
  SourcePosition position; // the name in the method's definition

  std::string selectorHex() const; // "0xa9059cbb"
};

struct ServiceDescription {
  std::string serviceName;     // from the source's file name: "matmul"
  std::vector<Method> methods; // in source order
};

} // namespace vcc::frontend
