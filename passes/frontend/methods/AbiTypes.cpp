#include "methods/AbiTypes.hpp"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringExtras.h"

namespace vcc::frontend {
namespace {

AbiTypeMapping unsupported(clang::QualType type, const clang::ASTContext& context,
                           std::string reason) {
  AbiTypeMapping mapping;
  mapping.unsupportedType = type.getAsString(context.getPrintingPolicy());
  mapping.reason = std::move(reason);
  return mapping;
}

AbiTypeMapping supported(std::string abiType) {
  AbiTypeMapping mapping;
  mapping.abiType = std::move(abiType);
  return mapping;
}

bool isStdClass(const clang::CXXRecordDecl& record, llvm::StringRef name) {
  return record.isInStdNamespace() && record.getName() == name;
}

// The vcc value types, by their names in vcc/types.hpp (aliases or classes).
const char* vccTypeName(llvm::StringRef qualifiedName) {
  if (qualifiedName == "vcc::address") return "address";
  if (qualifiedName == "vcc::bytes32") return "bytes32";
  if (qualifiedName == "vcc::u256") return "uint256";
  if (qualifiedName == "vcc::bytes") return "bytes";
  return nullptr;
}

AbiTypeMapping mapBuiltin(const clang::BuiltinType& builtin, clang::QualType type,
                          const clang::ASTContext& context) {
  switch (builtin.getKind()) {
  case clang::BuiltinType::Bool: return supported("bool");
  case clang::BuiltinType::Char_S:
  case clang::BuiltinType::Char_U:
  case clang::BuiltinType::WChar_S:
  case clang::BuiltinType::WChar_U:
  case clang::BuiltinType::Char8:
  case clang::BuiltinType::Char16:
  case clang::BuiltinType::Char32:
    return unsupported(
        type, context,
        "a character type's signedness differs between targets; use int8_t or uint8_t, "
        "or std::string for text");
  default: break;
  }
  if (builtin.isInteger()) {
    uint64_t bits = context.getTypeSize(&builtin);
    if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
      return unsupported(type, context, "integers are 8 to 64 bits wide (or vcc::u256)");
    }
    return supported((builtin.isSignedInteger() ? "int" : "uint") + std::to_string(bits));
  }
  if (builtin.isFloatingPoint()) {
    return unsupported(
        type, context,
        "the Solidity ABI has no floating-point types; pass integers (fixed-point, or the bits "
        "of the value as uint32/uint64)");
  }
  return unsupported(type, context, "");
}

AbiTypeMapping mapType(clang::QualType type, const clang::ASTContext& context);

AbiTypeMapping mapElement(clang::QualType element, const clang::ASTContext& context,
                          llvm::StringRef suffix) {
  AbiTypeMapping mapping = mapType(element, context);
  if (mapping.ok()) mapping.abiType += suffix;
  return mapping;
}

AbiTypeMapping mapType(clang::QualType type, const clang::ASTContext& context) {
  type = type.getNonReferenceType().getUnqualifiedType();
  // vcc's aliases first (vcc::bytes is a std::vector<uint8_t>), through any sugar.
  for (clang::QualType sugared = type;;) {
    if (const auto* alias = llvm::dyn_cast<clang::TypedefType>(sugared.getTypePtr())) {
      if (const char* name = vccTypeName(alias->getDecl()->getQualifiedNameAsString()))
        return supported(name);
    }
    clang::QualType next = sugared.getSingleStepDesugaredType(context);
    if (next == sugared) break;
    sugared = next;
  }
  clang::QualType canonical = type.getCanonicalType().getUnqualifiedType();
  if (const auto* builtin = canonical->getAs<clang::BuiltinType>())
    return mapBuiltin(*builtin, type, context);
  if (canonical->isEnumeralType()) {
    return unsupported(type, context,
                       "enumerations have no ABI type here; pass the underlying integer");
  }
  if (canonical->isPointerType() || canonical->isArrayType()) {
    return unsupported(type, context,
                       "pointers and C arrays have no ABI type; use std::vector or std::array");
  }
  const clang::CXXRecordDecl* record = canonical->getAsCXXRecordDecl();
  if (record == nullptr) return unsupported(type, context, "");
  if (const char* name = vccTypeName(record->getQualifiedNameAsString())) return supported(name);

  const auto* specialization = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(record);
  if (specialization == nullptr || !record->isInStdNamespace()) {
    return unsupported(type, context,
                       "classes have no ABI type; use std::tuple for several values");
  }
  const clang::TemplateArgumentList& arguments = specialization->getTemplateArgs();
  if (isStdClass(*record, "vector")) {
    clang::QualType element = arguments[0].getAsType();
    clang::QualType canonicalElement = element.getCanonicalType();
    if (canonicalElement->isSpecificBuiltinType(clang::BuiltinType::UChar))
      return supported("bytes");
    return mapElement(element, context, "[]");
  }
  if (isStdClass(*record, "basic_string")) {
    clang::QualType character = arguments[0].getAsType().getCanonicalType();
    if (character->isSpecificBuiltinType(clang::BuiltinType::Char_S) ||
        character->isSpecificBuiltinType(clang::BuiltinType::Char_U)) {
      return supported("string");
    }
    return unsupported(type, context, "strings are std::string (UTF-8 bytes)");
  }
  if (isStdClass(*record, "array")) {
    llvm::APSInt size = arguments[1].getAsIntegral();
    if (size == 0) return unsupported(type, context, "Solidity has no zero-length fixed arrays");
    return mapElement(arguments[0].getAsType(), context, "[" + llvm::toString(size, 10) + "]");
  }
  if (isStdClass(*record, "tuple")) {
    llvm::ArrayRef<clang::TemplateArgument> elements = arguments[0].getPackAsArray();
    if (elements.empty()) return unsupported(type, context, "empty tuples are not ABI values");
    std::string name = "(";
    for (const clang::TemplateArgument& element : elements) {
      AbiTypeMapping mapping = mapType(element.getAsType(), context);
      if (!mapping.ok()) return mapping;
      if (name.size() > 1) name += ",";
      name += mapping.abiType;
    }
    return supported(name + ")");
  }
  return unsupported(type, context, "");
}

} // namespace

AbiTypeMapping abiTypeOf(clang::QualType type, const clang::ASTContext& context) {
  return mapType(type, context);
}

} // namespace vcc::frontend
