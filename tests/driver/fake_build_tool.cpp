// Writes a build directory as `vcc build` lays it out, around an existing
// RV64IM image, so that `vcc hash` and `vcc publish` can be tested without
// compiling a service: fake_build_tool IMAGE.elf OUT_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "manifest.hpp"
#include "service_contract.hpp"
#include "vcc/vm/machine.hpp"

using namespace vcc;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: fake_build_tool IMAGE.elf OUT_DIR\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::vector<uint8_t> image((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  vm::Machine machine;
  if (!machine.load(image).ok()) return 2;
  std::filesystem::path out(argv[2]);
  std::filesystem::create_directories(out);
  auto save = [&](const std::string& name, const std::vector<uint8_t>& bytes) {
    std::ofstream(out / name, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                      static_cast<std::streamsize>(bytes.size()));
  };
  driver::Manifest manifest;
  manifest.service = "fake";
  manifest.vccVersion = "test";
  manifest.vm.programHash = machine.stateRoot();
  manifest.vm.elf = driver::describeFile("fake.rv64.elf", image);
  save("fake.rv64.elf", image);
  std::vector<uint8_t> native{'#', '!'};
  manifest.native.binary = driver::describeFile("fake.native", native);
  save("fake.native", native);
  driver::ServiceContract contract{"fake", {}};
  for (const char* signature : {"first(uint32)", "second(bytes,string[])"}) {
    std::string text = signature;
    vm::Hash hash = vm::keccak256(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
    driver::ManifestMethod method{text.substr(0, text.find('(')), text, "bytes", {}, manifest.vm.programHash};
    std::copy(hash.begin(), hash.begin() + 4, method.selector.begin());
    manifest.methods.push_back(method);
    contract.methods.push_back({method.name, {}, method.selector, method.programHash});
  }
  std::string source = driver::generateServiceContract(contract);
  std::vector<uint8_t> contractBytes(source.begin(), source.end());
  save("FakeService.sol", contractBytes);
  manifest.contract = {"FakeService.sol", vm::keccak256(contractBytes)};
  std::string text = driver::renderManifest(manifest);
  save("manifest.json", std::vector<uint8_t>(text.begin(), text.end()));
  return 0;
}
