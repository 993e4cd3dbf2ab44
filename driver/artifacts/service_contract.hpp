// The generated service contract (SPEC §6): providers register with a stake
// and an endpoint; each service method emits Request(account, selector,
// programHash, input) with the calldata as input; the owner sets the
// programHash of each selector.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vcc::driver {

struct ContractParameter {
  std::string solidityType;  // canonical: uint32, bytes, uint32[][], ...
  std::string name;
};

struct ContractMethod {
  std::string name;
  std::vector<ContractParameter> parameters;
  std::array<uint8_t, 4> selector{};
  std::array<uint8_t, 32> programHash{};
};

struct ServiceContract {
  std::string serviceName;  // e.g. "matmul"; the contract is <Name>Service
  std::vector<ContractMethod> methods;
};

// An identifier of C++ and Solidity alike: [A-Za-z_][A-Za-z0-9_]*, at most
// 256 characters (service and method names, -D macro names).
bool isIdentifier(std::string_view name);

// "matmul" -> "MatmulService"; characters outside [A-Za-z0-9_] become '_'.
std::string contractName(const std::string& serviceName);

// The names the contract declares besides the methods (functions, events,
// errors, the struct, the modifier, its own name): a service method may not
// take them. vcc build and vcc check give this one list to the frontend.
std::vector<std::string> contractDeclaredNames(const std::string& serviceName);

// Solidity source of the contract, deterministic for a given input.
std::string generateServiceContract(const ServiceContract& contract);

}  // namespace vcc::driver
