// Method discovery (SPEC §2): the free functions marked VCC_METHOD
// ([[clang::annotate("vcc.method")]], vcc/config.hpp) in the service source,
// with their Solidity signatures and selectors. Everything that would make a
// method impossible to call through calldata is an error here, with the
// tag [vcc-method]: unsupported types, overloads and duplicate names,
// templates, member functions, internal linkage, colliding selectors.
#pragma once

#include "Reporter.hpp"
#include "vcc/frontend/service_description.hpp"

#include "clang/AST/ASTContext.h"

namespace vcc::frontend {

inline constexpr llvm::StringRef kMethodAnnotation = "vcc.method";

// Finds the methods of the translation unit in `context` and adds them to
// `service` (whose serviceName is already set); reports what is wrong. A
// method may not take one of reservedNames (Analyses::reservedMethodNames).
void discoverMethods(clang::ASTContext& context, Reporter& reporter, ServiceDescription& service,
                     const std::vector<std::string>& reservedNames);

} // namespace vcc::frontend
