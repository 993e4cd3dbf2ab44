// The Solidity ABI type of a C++ parameter or return type (SPEC §2), the
// same mapping as the stdlib's codec (vcc/abi/codec.hpp, docs/abi.md):
//
//   bool                                   bool
//   signed/unsigned integers of 1-8 bytes  int8..int64 / uint8..uint64 (not char)
//   vcc::address, vcc::bytes32, vcc::u256  address, bytes32, uint256
//   vcc::bytes = std::vector<uint8_t>      bytes
//   std::string                            string
//   std::vector<T>                         T[]
//   std::array<T, N>                       T[N]
//   std::tuple<T1, ..., Tn>                (T1,...,Tn)
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Type.h"

#include <string>

namespace vcc::frontend {

struct AbiTypeMapping {
  std::string abiType; // canonical Solidity type; empty when there is none
  // Otherwise, why: the type that has no ABI type ("'float'") and a hint.
  std::string unsupportedType;
  std::string reason;

  bool ok() const { return !abiType.empty(); }
};

// `type` without its reference and top-level const.
AbiTypeMapping abiTypeOf(clang::QualType type, const clang::ASTContext& context);

// The C++ types AbiTypeMapping accepts, for notes.
inline constexpr const char* kSupportedTypes =
    "bool, int8_t..int64_t, uint8_t..uint64_t, vcc::address, vcc::bytes32, vcc::u256, vcc::bytes, "
    "std::string, "
    "and std::vector, std::array and std::tuple of those";

} // namespace vcc::frontend
