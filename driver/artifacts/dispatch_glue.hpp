// The dispatch glue `vcc build` compiles with a service for both targets:
// it defines vccProgramMain (stdlib/include/vcc/program.hpp), which routes a
// request by selector to the service's methods (stdlib vcc/dispatch.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vcc::driver {

struct GlueMethod {
  std::string function;   // the free function, as the glue names it: "multiply", "svc::multiply"
  std::string name;       // the method's (Solidity) name: "multiply"
  std::string signature;  // canonical Solidity signature
  uint32_t selector = 0;  // keccak256(signature)[0:4], big-endian
};

// C++ source of the glue. `serviceInclude` is how it includes the service
// source (a name found through the compiler's -iquote path, so that no
// absolute path enters the image). The glue also checks at compile time
// that each selector agrees with the method's C++ parameter types.
std::string generateDispatchGlue(const std::string& serviceInclude, const std::vector<GlueMethod>& methods);

}  // namespace vcc::driver
