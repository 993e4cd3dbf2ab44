// Method discovery: VCC_METHOD functions, their Solidity signatures and
// selectors, and the errors for methods that calldata could not call.
#include "rules_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vcc::frontend::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const char* const kPrelude = R"cpp(#include <array>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>
#include <vcc/config.hpp>
#include <vcc/types.hpp>
)cpp"; // 7 lines

FrontendResult discover(const std::string& body, const std::string& name = "service.cpp") {
  return discoverMethods(std::string(kPrelude) + body, name);
}

std::vector<std::string> signatures(const FrontendResult& result) {
  std::vector<std::string> lines;
  for (const Method& method : result.service.methods) {
    lines.push_back(method.signature + " -> " + method.returnAbiType);
  }
  return lines;
}

TEST(MethodDiscovery, MapsEveryAbiType) {
  FrontendResult result = discover(R"cpp(
VCC_METHOD bool integers(uint8_t a, uint16_t b, uint32_t c, uint64_t d, int8_t e, int16_t f, int32_t g, int64_t h) {
  return a + b + c + d + e + f + g + h != 0;
}
VCC_METHOD long platform(long a, unsigned long long b, short c, unsigned char d, signed char e) { return a; }
VCC_METHOD vcc::u256 values(bool a, vcc::address b, vcc::bytes32 c, vcc::u256 d) { return d; }
VCC_METHOD std::string strings(const vcc::bytes& a, const std::vector<uint8_t>& b, const std::string& c) { return c; }
VCC_METHOD std::vector<std::vector<uint32_t>> arrays(std::vector<int64_t> a, std::vector<vcc::bytes> b,
                                                     std::vector<std::string> c, std::array<uint32_t, 3> d,
                                                     std::vector<std::array<vcc::address, 2>> e) {
  return {};
}
VCC_METHOD std::tuple<uint32_t, vcc::bytes> pair(std::tuple<bool, std::vector<uint16_t>> a) { return {}; }
)cpp");
  EXPECT_THAT(findings(result), IsEmpty());
  EXPECT_EQ(result.service.serviceName, "service");
  EXPECT_THAT(signatures(result),
              ElementsAre("integers(uint8,uint16,uint32,uint64,int8,int16,int32,int64) -> bool",
                          "platform(int64,uint64,int16,uint8,int8) -> int64",
                          "values(bool,address,bytes32,uint256) -> uint256",
                          "strings(bytes,bytes,string) -> string",
                          "arrays(int64[],bytes[],string[],uint32[3],address[2][]) -> uint32[][]",
                          "pair((bool,uint16[])) -> (uint32,bytes)"));
}

TEST(MethodDiscovery, DescribesParametersAndTheReturnType) {
  FrontendResult result = discover(R"cpp(
VCC_METHOD vcc::bytes multiply(uint32_t n, const vcc::bytes& a, const vcc::bytes& b) { return a; }
)cpp");
  ASSERT_EQ(result.service.methods.size(), 1u);
  const Method& method = result.service.methods[0];
  EXPECT_EQ(method.name, "multiply");
  EXPECT_EQ(method.qualifiedName, "multiply");
  EXPECT_EQ(method.signature, "multiply(uint32,bytes,bytes)");
  EXPECT_EQ(method.returnType, "vcc::bytes");
  EXPECT_EQ(method.returnAbiType, "bytes");
  EXPECT_EQ(method.position.file, "service.cpp");
  EXPECT_EQ(method.position.line, 9u);
  EXPECT_EQ(method.position.column, 23u);
  ASSERT_EQ(method.parameters.size(), 3u);
  EXPECT_EQ(method.parameters[0].name, "n");
  EXPECT_EQ(method.parameters[0].cppType, "uint32_t");
  EXPECT_EQ(method.parameters[0].valueType, "uint32_t");
  EXPECT_EQ(method.parameters[0].abiType, "uint32");
  EXPECT_EQ(method.parameters[1].name, "a");
  EXPECT_EQ(method.parameters[1].cppType, "const vcc::bytes &");
  EXPECT_EQ(method.parameters[1].valueType, "vcc::bytes");
  EXPECT_EQ(method.parameters[1].abiType, "bytes");
}

TEST(MethodDiscovery, SelectorIsKeccakOfTheSignature) {
  FrontendResult result = discover(R"cpp(
VCC_METHOD bool transfer(vcc::address to, vcc::u256 amount) { return true; }
VCC_METHOD vcc::u256 balanceOf(vcc::address owner) { return {}; }
)cpp");
  ASSERT_EQ(result.service.methods.size(), 2u);
  EXPECT_EQ(result.service.methods[0].signature, "transfer(address,uint256)");
  EXPECT_EQ(result.service.methods[0].selector, 0xa9059cbbu);
  EXPECT_EQ(result.service.methods[0].selectorHex(), "0xa9059cbb");
  EXPECT_EQ(result.service.methods[1].signature, "balanceOf(address)");
  EXPECT_EQ(result.service.methods[1].selectorHex(), "0x70a08231");
}

TEST(MethodDiscovery, FindsMethodsInSourceOrderAndInNamespaces) {
  FrontendResult result = discover(R"cpp(
VCC_METHOD uint32_t later(uint32_t x);
namespace matmul {
VCC_METHOD uint32_t square(uint32_t x) { return x * x; }
}
uint32_t unmarked(uint32_t x) { return x; }
uint32_t later(uint32_t x) { return x + 1; }
)cpp");
  EXPECT_THAT(findings(result), IsEmpty());
  ASSERT_EQ(result.service.methods.size(), 2u);
  EXPECT_EQ(result.service.methods[0].qualifiedName, "matmul::square");
  EXPECT_EQ(result.service.methods[0].signature, "square(uint32)");
  EXPECT_EQ(result.service.methods[1].qualifiedName, "later");
  EXPECT_EQ(result.service.methods[1].position.line, 14u);
}

TEST(MethodDiscovery, RejectsFloatingPointParameters) {
  FrontendResult result = discover(R"cpp(
VCC_METHOD uint32_t scale(float factor) { return 0; }
)cpp");
  EXPECT_THAT(findings(result),
              ElementsAre("9:33: error: parameter 'factor' of method 'scale' has type 'float', "
                          "which has no Solidity ABI type [vcc-method]"));
  ASSERT_EQ(result.diagnostics[0].notes.size(), 1u);
  EXPECT_EQ(
      result.diagnostics[0].notes[0].message,
      "the Solidity ABI has no floating-point types; pass integers (fixed-point, or the bits of "
      "the value as "
      "uint32/uint64); method types are bool, int8_t..int64_t, uint8_t..uint64_t, vcc::address, "
      "vcc::bytes32, vcc::u256, vcc::bytes, std::string, and std::vector, std::array and "
      "std::tuple of those");
  EXPECT_THAT(result.service.methods, IsEmpty());
}

TEST(MethodDiscovery, RejectsUnsupportedElementTypesNamingThem) {
  FrontendResult result = discover(R"cpp(
VCC_METHOD uint32_t sum(const std::vector<double>& values) { return 0; }
)cpp");
  EXPECT_THAT(findings(result),
              ElementsAre("9:52: error: parameter 'values' of method 'sum' has type 'const "
                          "std::vector<double> &', which has no Solidity ABI type [vcc-method]"));
  ASSERT_EQ(result.diagnostics[0].notes.size(), 1u);
  EXPECT_THAT(result.diagnostics[0].notes[0].message,
              ::testing::StartsWith("'double' has none: the Solidity ABI"));
}

TEST(MethodDiscovery, RejectsCharPointersAndNonConstReferences) {
  FrontendResult result = discover(R"cpp(
VCC_METHOD uint32_t a(char c) { return 0; }
VCC_METHOD uint32_t b(const uint8_t* data) { return 0; }
VCC_METHOD uint32_t c(vcc::bytes& out) { return 0; }
)cpp");
  EXPECT_THAT(
      findings(result),
      ElementsAre(
          "9:28: error: parameter 'c' of method 'a' has type 'char', which has no Solidity ABI "
          "type "
          "[vcc-method]",
          "10:38: error: parameter 'data' of method 'b' has type 'const uint8_t *', which has no "
          "Solidity ABI type [vcc-method]",
          "11:35: error: parameter 'out' of method 'c' is a non-const reference 'vcc::bytes &' "
          "[vcc-method]"));
  ASSERT_EQ(result.diagnostics[2].fixIts.size(), 1u);
  EXPECT_EQ(result.diagnostics[2].fixIts[0].replacement, "const ");
  EXPECT_EQ(result.diagnostics[2].fixIts[0].begin.column, 23u);
}

TEST(MethodDiscovery, RejectsVoidAndReferenceReturns) {
  FrontendResult result = discover(R"cpp(
VCC_METHOD void run(uint32_t x) {}
const std::string& name();
VCC_METHOD const std::string& label(uint32_t x) { return name(); }
)cpp");
  EXPECT_THAT(
      findings(result),
      ElementsAre(
          "9:17: error: method 'run' returns void [vcc-method]",
          "11:31: error: method 'label' returns a reference 'const std::string &' [vcc-method]"));
}

TEST(MethodDiscovery, RejectsMemberFunctionsAndTemplates) {
  FrontendResult result = discover(R"cpp(
struct Service {
  VCC_METHOD uint32_t get(uint32_t x) { return x; }
};
template <class T> VCC_METHOD T identity(T x) { return x; }
)cpp");
  EXPECT_THAT(
      findings(result),
      ElementsAre(
          "10:23: error: VCC_METHOD marks free functions; 'Service::get' is a member function "
          "[vcc-method]",
          "12:33: error: method 'identity' is a template [vcc-method]"));
}

TEST(MethodDiscovery, RejectsOverloadsAndDuplicateNames) {
  FrontendResult result = discover(R"cpp(
VCC_METHOD uint32_t f(uint32_t x) { return x; }
VCC_METHOD uint32_t f(uint64_t x) { return 0; }
namespace a {
VCC_METHOD uint32_t g(uint32_t x) { return x; }
}
namespace b {
VCC_METHOD uint32_t g(uint32_t x) { return x; }
}
)cpp");
  EXPECT_THAT(findings(result),
              ElementsAre("10:21: error: method 'f' is overloaded [vcc-method]",
                          "15:21: error: method name 'g' is already used by 'a::g' [vcc-method]"));
  ASSERT_EQ(result.diagnostics[0].notes.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].notes[0].message,
            "every method needs a name of its own: requests, the --method option and the contract "
            "name methods by "
            "name");
  EXPECT_EQ(result.diagnostics[0].notes[1].message, "the other method 'f' is here");
  EXPECT_EQ(result.diagnostics[0].notes[1].position.line, 9u);
}

TEST(MethodDiscovery, RejectsCollidingSelectors) {
  // keccak256 of both signatures starts with 09ff92b7.
  FrontendResult result = discover(R"cpp(
VCC_METHOD uint32_t m8364(uint32_t x) { return x; }
VCC_METHOD uint32_t m37357(uint32_t x) { return x; }
)cpp");
  EXPECT_THAT(findings(result),
              ElementsAre("10:21: error: selector 0x09ff92b7 of 'm37357(uint32)' is also the "
                          "selector of 'm8364(uint32)' [vcc-method]"));
}

TEST(MethodDiscovery, RejectsInternalLinkageAndMissingDefinitions) {
  FrontendResult result = discover(R"cpp(
VCC_METHOD static uint32_t a(uint32_t x) { return x; }
namespace {
VCC_METHOD uint32_t b(uint32_t x) { return x; }
}
VCC_METHOD uint32_t c(uint32_t x);
)cpp");
  EXPECT_THAT(findings(result),
              ElementsAre("9:28: error: method 'a' has internal linkage [vcc-method]",
                          "11:21: error: method 'b' has internal linkage [vcc-method]",
                          "13:21: error: method 'c' is declared but not defined [vcc-method]"));
}

TEST(MethodDiscovery, RejectsSolidityReservedNames) {
  FrontendResult result = discover("VCC_METHOD uint32_t mapping(uint32_t x) { return x; }\n");
  EXPECT_THAT(
      findings(result),
      ElementsAre("8:21: error: method name 'mapping' is reserved in Solidity [vcc-method]"));
}

TEST(MethodDiscovery, RejectsTheMarkOnNonFunctions) {
  FrontendResult result = discover(R"cpp(
VCC_METHOD uint32_t counter = 0;
VCC_METHOD uint32_t get(uint32_t x) { return x + counter; }
)cpp");
  EXPECT_THAT(findings(result),
              ElementsAre("9:21: error: VCC_METHOD marks functions, and this declaration is not "
                          "one [vcc-method]"));
}

TEST(MethodDiscovery, ServiceWithoutMethodsIsAnError) {
  FrontendResult result = discover("uint32_t helper(uint32_t x) { return x; }\n");
  EXPECT_THAT(findings(result),
              ElementsAre("0:0: error: service 'service' has no methods [vcc-service]"));
  EXPECT_FALSE(result.ok());
}

TEST(MethodDiscovery, ServiceNameComesFromTheFileNameAndMustBeAnIdentifier) {
  FrontendResult result =
      discover("VCC_METHOD uint32_t get(uint32_t x) { return x; }\n", "samples/my-service.cpp");
  EXPECT_EQ(result.service.serviceName, "my-service");
  EXPECT_THAT(
      findings(result),
      ElementsAre("0:0: error: service name 'my-service' (the source's file name) is not an "
                  "identifier [vcc-service]"));
}

} // namespace
} // namespace vcc::frontend::testing
