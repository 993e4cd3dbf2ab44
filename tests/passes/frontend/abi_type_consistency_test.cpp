// Method discovery against the stdlib's codec: for each C++ type, the
// frontend's Solidity type must be the one vcc::abi::typeName<T>() computes,
// since the dispatch glue decodes with the codec what the signature (and so
// the selector) promises.
#include "rules_test_support.hpp"
#include "vcc/abi.hpp"

#include <array>
#include <cstdint>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <string>
#include <tuple>
#include <vector>

namespace vcc::frontend::testing {
namespace {

// Aliases for the types with commas, declared here and in the analyzed source.
#define VCC_TEST_ALIASES                                                                           \
  using Pair = std::tuple<uint64_t, std::string>;                                                  \
  using Addresses = std::array<vcc::address, 2>;                                                   \
  using Bytes3 = std::array<uint8_t, 3>;                                                           \
  using Nested = std::tuple<bool, std::vector<std::array<uint16_t, 4>>>;
#define VCC_TEST_STRINGIFY(...) #__VA_ARGS__
#define VCC_TEST_TEXT(...) VCC_TEST_STRINGIFY(__VA_ARGS__)

VCC_TEST_ALIASES

struct Case {
  std::string cppType;
  std::string_view expected;
};

#define VCC_TEST_CASE(...)                                                                         \
  Case {                                                                                           \
#__VA_ARGS__, vcc::abi::typeName < __VA_ARGS__>()                                              \
  }

const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = {
      VCC_TEST_CASE(bool),
      VCC_TEST_CASE(uint8_t),
      VCC_TEST_CASE(uint16_t),
      VCC_TEST_CASE(uint32_t),
      VCC_TEST_CASE(uint64_t),
      VCC_TEST_CASE(int8_t),
      VCC_TEST_CASE(int16_t),
      VCC_TEST_CASE(int32_t),
      VCC_TEST_CASE(int64_t),
      VCC_TEST_CASE(short),
      VCC_TEST_CASE(unsigned short),
      VCC_TEST_CASE(int),
      VCC_TEST_CASE(unsigned),
      VCC_TEST_CASE(long),
      VCC_TEST_CASE(unsigned long),
      VCC_TEST_CASE(long long),
      VCC_TEST_CASE(unsigned long long),
      VCC_TEST_CASE(signed char),
      VCC_TEST_CASE(unsigned char),
      VCC_TEST_CASE(size_t),
      VCC_TEST_CASE(vcc::address),
      VCC_TEST_CASE(vcc::bytes32),
      VCC_TEST_CASE(vcc::u256),
      VCC_TEST_CASE(vcc::bytes),
      VCC_TEST_CASE(std::vector<uint8_t>),
      VCC_TEST_CASE(std::string),
      VCC_TEST_CASE(std::vector<uint32_t>),
      VCC_TEST_CASE(std::vector<int8_t>),
      VCC_TEST_CASE(std::vector<bool>),
      VCC_TEST_CASE(std::vector<vcc::bytes>),
      VCC_TEST_CASE(std::vector<std::string>),
      VCC_TEST_CASE(std::vector<std::vector<int64_t>>),
      VCC_TEST_CASE(Addresses),
      VCC_TEST_CASE(Bytes3),
      VCC_TEST_CASE(Pair),
      VCC_TEST_CASE(std::vector<Pair>),
      VCC_TEST_CASE(Nested),
  };
  return kCases;
}

TEST(AbiTypeConsistency, FrontendMapsEachTypeAsTheStdlibCodecNamesIt) {
  std::string source =
      "#include <vcc/abi.hpp>\n#include <vcc/config.hpp>\n" VCC_TEST_TEXT(VCC_TEST_ALIASES) "\n";
  for (size_t i = 0; i < cases().size(); ++i) {
    source += "VCC_METHOD bool m" + std::to_string(i) + "(const " + cases()[i].cppType +
              "& x) { return true; }\n";
  }
  FrontendResult result = discoverMethods(source);
  ASSERT_TRUE(result.ok()) << result.renderedDiagnostics();
  ASSERT_EQ(result.service.methods.size(), cases().size());
  for (size_t i = 0; i < cases().size(); ++i) {
    const Method& method = result.service.methods[i];
    ASSERT_EQ(method.parameters.size(), 1u);
    EXPECT_EQ(method.parameters[0].abiType, cases()[i].expected) << cases()[i].cppType;
    EXPECT_EQ(method.signature,
              "m" + std::to_string(i) + "(" + std::string(cases()[i].expected) + ")");
    EXPECT_EQ(method.selector, vcc::abi::selector(method.signature)) << method.signature;
  }
}

} // namespace
} // namespace vcc::frontend::testing
