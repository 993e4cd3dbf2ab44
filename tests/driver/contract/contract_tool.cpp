// Writes the generated contract of a fixed test service that uses every
// ABI type class, and the expected selectors (keccak256 computed by vcc),
// for contract_check.mjs to compile with solc and compare with ethers.js.
//   contract_tool OUT.sol OUT.json
#include <cstdio>
#include <fstream>
#include <string>

#include "service_contract.hpp"
#include "vcc/vm/keccak.hpp"

using vcc::driver::ContractMethod;

namespace {

ContractMethod method(const std::string& name, std::vector<vcc::driver::ContractParameter> parameters) {
  ContractMethod m;
  m.name = name;
  m.parameters = std::move(parameters);
  std::string signature = name + "(";
  for (size_t i = 0; i < m.parameters.size(); ++i) signature += (i ? "," : "") + m.parameters[i].solidityType;
  signature += ")";
  vcc::vm::Hash hash = vcc::vm::keccak256(std::span(reinterpret_cast<const uint8_t*>(signature.data()), signature.size()));
  std::copy(hash.begin(), hash.begin() + 4, m.selector.begin());
  m.programHash = vcc::vm::keccak256(hash);
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: contract_tool OUT.sol OUT.json\n");
    return 2;
  }
  vcc::driver::ServiceContract contract;
  contract.serviceName = "abi-kitchen_sink";
  contract.methods = {
      method("multiply", {{"uint32", "n"}, {"bytes", "a"}, {"bytes", "b"}}),
      method("noArguments", {}),
      method("scalars", {{"uint8", "u8"}, {"uint64", "u64"}, {"int8", "i8"}, {"int64", "i64"}, {"bool", "flag"}}),
      method("ethereum", {{"address", "account"}, {"bytes32", "key"}, {"uint256", "amount"}}),
      method("arrays", {{"uint32[]", "values"}, {"int64[][]", "grid"}, {"bytes[]", "blobs"}, {"string[]", "names"}}),
      method("text", {{"string", "string"}, {"address[]", "address"}}),  // names that are Solidity keywords
  };
  std::ofstream(argv[1]) << vcc::driver::generateServiceContract(contract);
  std::ofstream json(argv[2]);
  json << "{\"contract\":\"" << vcc::driver::contractName(contract.serviceName) << "\",\"methods\":[";
  for (size_t i = 0; i < contract.methods.size(); ++i) {
    const ContractMethod& m = contract.methods[i];
    std::string signature = m.name + "(";
    for (size_t p = 0; p < m.parameters.size(); ++p) signature += (p ? "," : "") + m.parameters[p].solidityType;
    signature += ")";
    json << (i ? "," : "") << "{\"signature\":\"" << signature << "\",\"selector\":\""
         << vcc::vm::toHex(m.selector) << "\",\"programHash\":\"" << vcc::vm::toHex(m.programHash) << "\"}";
  }
  json << "]}\n";
  return 0;
}
