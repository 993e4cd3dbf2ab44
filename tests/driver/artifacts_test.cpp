// The manifest, the contract generator's text and SHA-256, against golden
// files and published vectors. Regenerate the goldens after an intended
// change with VCC_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include "dependency_file.hpp"
#include "json_value.hpp"
#include "json_writer.hpp"
#include "manifest.hpp"
#include "service_contract.hpp"
#include "sha256.hpp"
#include "vcc/vm/keccak.hpp"

namespace vcc::driver {
namespace {

std::string sha256Hex(const std::string& text) {
  return vm::toHex(sha256(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size())));
}

TEST(Sha256, PublishedVectors) {
  EXPECT_EQ(sha256Hex(""), "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "0x248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256Hex(std::string(1'000'000, 'a')),
            "0xcdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Lengths around the padding boundary (55, 56, 63, 64 bytes).
  EXPECT_EQ(sha256Hex(std::string(55, 'x')).size(), 66u);
  EXPECT_NE(sha256Hex(std::string(55, 'x')), sha256Hex(std::string(56, 'x')));
}

void expectGolden(const std::string& name, const std::string& actual) {
  std::string path = std::string(VCC_GOLDEN_DIR) + "/" + name;
  if (std::getenv("VCC_UPDATE_GOLDEN")) std::ofstream(path) << actual;
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing golden file " << path;
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "differs from " << path;
}

Digest digestOf(const char* text) {
  return vm::keccak256(std::span(reinterpret_cast<const uint8_t*>(text), std::strlen(text)));
}

TEST(Manifest, MatchesGolden) {
  Manifest manifest;
  manifest.service = "matmul";
  manifest.vccVersion = "0.1.0";
  manifest.toolchain.clang = "Debian clang version 19.1.7";
  manifest.toolchain.lld = "Debian LLD 19.1.7";
  manifest.toolchain.guestFlags = {"--target=riscv64-unknown-elf", "-march=rv64im", "-ffp-contract=off"};
  manifest.toolchain.nativeFlags = {"-ffp-contract=off", "-fwrapv"};
  manifest.vm.programHash = digestOf("program");
  manifest.vm.elf = describeFile("matmul.rv64.elf", {1, 2, 3});
  manifest.native.binary = describeFile("matmul.native", {4, 5, 6});
  manifest.methods.push_back({"multiply", "multiply(uint32,bytes,bytes)", "bytes", {0x12, 0x34, 0x56, 0x78}, digestOf("program")});
  manifest.contract = {"MatmulService.sol", digestOf("contract")};
  expectGolden("manifest.json", renderManifest(manifest));
}

TEST(Manifest, ParsesWhatItRenders) {
  Manifest manifest;
  manifest.service = "svc";
  manifest.vccVersion = "1.2.3";
  manifest.toolchain.clang = "c";
  manifest.toolchain.lld = "l";
  manifest.toolchain.nvcc = "n";
  manifest.toolchain.guestFlags = {"-a", "-b"};
  manifest.toolchain.cudaFlags = {"-fmad=false"};
  manifest.vm.programHash = digestOf("p");
  manifest.vm.elf = describeFile("svc.rv64.elf", {9});
  manifest.native.binary = describeFile("svc.native", {8});
  manifest.native.cudaArchitectures = std::vector<std::string>{"sm_90", "sm_100"};
  manifest.methods.push_back({"f", "f(bytes)", "uint64", {1, 2, 3, 4}, digestOf("p")});
  manifest.methods.push_back({"g", "g()", "", {5, 6, 7, 8}, digestOf("p")});
  manifest.contract = {"SvcService.sol", digestOf("c")};
  std::string error;
  std::optional<Manifest> parsed = parseManifest(renderManifest(manifest), error);
  ASSERT_TRUE(parsed) << error;
  EXPECT_EQ(renderManifest(*parsed), renderManifest(manifest));
}

TEST(Manifest, RejectsBadDocumentsWithTheField) {
  std::string good = renderManifest(Manifest{});
  auto errorFor = [](std::string text) {
    std::string error;
    EXPECT_FALSE(parseManifest(text, error));
    return error;
  };
  EXPECT_NE(errorFor("{").find("line 1"), std::string::npos);
  EXPECT_NE(errorFor("[]").find("missing field manifestVersion"), std::string::npos);
  std::string wrongVersion = good;
  wrongVersion.replace(wrongVersion.find("\"manifestVersion\": 2"), 20, "\"manifestVersion\": 7");
  EXPECT_NE(errorFor(wrongVersion).find("manifestVersion 7 is not supported"), std::string::npos);
  std::string badHash = good;
  badHash.replace(badHash.find("\"programHash\": \"0x") + 17, 4, "0xZZ");
  EXPECT_NE(errorFor(badHash).find("vm.programHash"), std::string::npos);
  std::string noMethods = good;
  noMethods.replace(noMethods.find("\"methods\""), 9, "\"methodz\"");
  EXPECT_NE(errorFor(noMethods).find("missing field methods"), std::string::npos);
}

TEST(Manifest, CudaFieldsWhenPresent) {
  Manifest manifest;
  manifest.toolchain.nvcc = "Cuda compilation tools, release 13.0, V13.0.88";
  manifest.native.cudaArchitectures = std::vector<std::string>{"sm_90"};
  std::string text = renderManifest(manifest);
  EXPECT_NE(text.find("\"nvcc\": \"Cuda compilation tools, release 13.0, V13.0.88\""), std::string::npos);
  EXPECT_NE(text.find("\"sm_90\""), std::string::npos);
}

TEST(ServiceContract, MatchesGolden) {
  ServiceContract contract;
  contract.serviceName = "matmul";
  ContractMethod multiply;
  multiply.name = "multiply";
  multiply.parameters = {{"uint32", "n"}, {"bytes", "a"}, {"bytes", "b"}};
  multiply.selector = {0xde, 0xad, 0xbe, 0xef};
  multiply.programHash = digestOf("program");
  contract.methods.push_back(multiply);
  expectGolden("MatmulService.sol", generateServiceContract(contract));
}

TEST(ServiceContract, NamesAndReservedWords) {
  EXPECT_EQ(contractName("matmul"), "MatmulService");
  EXPECT_EQ(contractName("my-service_2"), "MyService2Service");
  EXPECT_EQ(contractName("9lives"), "S9livesService");
}

// Every name the generated contract declares (besides the service's own
// methods) is in contractDeclaredNames: a method of that name would not compile.
TEST(ServiceContract, DeclaredNamesAreReserved) {
  ServiceContract contract;
  contract.serviceName = "matmul";
  ContractMethod multiply;
  multiply.name = "multiply";
  multiply.parameters = {{"uint32", "n"}};
  contract.methods.push_back(multiply);
  // The code without its comments ("/// Service contract of ...").
  std::string source;
  std::istringstream lines(generateServiceContract(contract));
  for (std::string line; std::getline(lines, line);) source += line.substr(0, line.find("//")) + "\n";
  std::vector<std::string> reserved = contractDeclaredNames("matmul");
  std::regex declaration(R"((contract|struct|event|error|modifier|function)\s+([A-Za-z_][A-Za-z0-9_]*)|)"
                         R"(\b(public|immutable)\s+([A-Za-z_][A-Za-z0-9_]*)\s*;|\(uint256 ([A-Za-z_0-9]+)\))");
  size_t found = 0;
  for (auto it = std::sregex_iterator(source.begin(), source.end(), declaration); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[2].matched ? (*it)[2].str() : (*it)[4].matched ? (*it)[4].str() : (*it)[5].str();
    if (name == "multiply") continue;
    ++found;
    EXPECT_NE(std::find(reserved.begin(), reserved.end(), name), reserved.end()) << name << " is not reserved";
  }
  EXPECT_GE(found, 20u);
  EXPECT_NE(std::find(reserved.begin(), reserved.end(), "MatmulService"), reserved.end());
}

// The JSON reader is strict (docs/security.md): one value and only white
// space after it, no duplicate keys, valid UTF-8, bounded nesting; numbers
// keep their text beyond 64 bits.
TEST(JsonReader, RejectsWhatCommonToolsWouldReadDifferently) {
  std::string error;
  EXPECT_FALSE(JsonValue::parse("[1, 2] x", error));
  EXPECT_NE(error.find("line 1"), std::string::npos) << error;
  EXPECT_FALSE(JsonValue::parse("[1] [2]", error));
  EXPECT_FALSE(JsonValue::parse(R"({"a": 1, "a": 2})", error));
  EXPECT_NE(error.find("duplicate key"), std::string::npos) << error;
  EXPECT_FALSE(JsonValue::parse(R"({"a": {"b": 1, "b": 1}})", error));
  EXPECT_FALSE(JsonValue::parse("\"\xff\"", error));
  EXPECT_FALSE(JsonValue::parse(std::string(65, '[') + std::string(65, ']'), error));
  EXPECT_FALSE(JsonValue::parse("", error));
  std::optional<JsonValue> nested = JsonValue::parse(R"({"a": {"b": [1, {"c": 2}]}, "d": "e"})", error);
  ASSERT_TRUE(nested) << error;
  ASSERT_NE(nested->find("a"), nullptr);
  ASSERT_NE(nested->find("a")->find("b"), nullptr);
  EXPECT_EQ(nested->find("a")->find("b")->items()[1].find("c")->text(), "2");
  EXPECT_EQ(nested->find("d")->text(), "e");
  std::optional<JsonValue> big = JsonValue::parse("[115792089237316195423570985008687907853269984665640564039457584007913129639935, -7, 1.5e3]", error);
  ASSERT_TRUE(big) << error;
  EXPECT_EQ(big->items()[0].text(), "115792089237316195423570985008687907853269984665640564039457584007913129639935");
  EXPECT_EQ(big->items()[1].text(), "-7");
  EXPECT_EQ(big->items()[2].text(), "1.5e3");
}

TEST(JsonWriter, AlwaysWritesValidUtf8) {
  JsonWriter json;
  json.beginObject().field("s", std::string("ok \xc3\xa9 \xff \xc3 \xed\xa0\x80 \xf0\x9f\x98\x80 \x01")).endObject();
  EXPECT_EQ(json.text(), "{\"s\":\"ok \xc3\xa9 \\ufffd \\ufffd \\ufffd\\ufffd\\ufffd \xf0\x9f\x98\x80 \\u0001\"}");
  std::string error;
  EXPECT_TRUE(JsonValue::parse(json.text(), error)) << error;
}

TEST(DependencyFile, EscapesContinuationsAndTargets) {
  std::vector<std::string> files = parseDependencyFile(
      "out/a.o: /src/a\\ b.cpp \\\n  /inc/dir\\ with\\ space/x.hpp /inc/y$$z.hpp \\\n /inc/h\\#1.hpp\n");
  EXPECT_EQ(files, (std::vector<std::string>{"/src/a b.cpp", "/inc/dir with space/x.hpp", "/inc/y$z.hpp", "/inc/h#1.hpp"}));
  EXPECT_EQ(parseDependencyFile("x.o : a.h b.h\n"), (std::vector<std::string>{"a.h", "b.h"}));
}

}  // namespace
}  // namespace vcc::driver
