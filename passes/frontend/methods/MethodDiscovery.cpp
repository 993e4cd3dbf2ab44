#include "methods/MethodDiscovery.hpp"

#include "methods/AbiTypes.hpp"
#include "vcc/keccak.hpp"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <map>

namespace vcc::frontend {
namespace {

constexpr llvm::StringRef kMethodTag = "vcc-method";
constexpr llvm::StringRef kServiceTag = "vcc-service";

bool isMarked(const clang::Decl& declaration) {
  for (const auto* annotation : declaration.specific_attrs<clang::AnnotateAttr>()) {
    if (annotation->getAnnotation() == kMethodAnnotation) return true;
  }
  return false;
}

// Every declaration marked VCC_METHOD, in the order they appear.
class MarkedDeclarations : public clang::RecursiveASTVisitor<MarkedDeclarations> {
public:
  bool VisitDecl(clang::Decl* declaration) {
    if (isMarked(*declaration)) found.push_back(declaration);
    return true;
  }

  std::vector<clang::Decl*> found;
};

bool isIdentifier(llvm::StringRef name) {
  if (name.empty() || llvm::isDigit(name.front())) return false;
  return llvm::all_of(name, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

// Solidity's keywords and reserved words that are not C++ keywords, and its
// elementary type names: a method cannot be called that in the contract.
bool isSolidityReserved(llvm::StringRef name) {
  static const llvm::StringSet<> kReserved = {
      "abstract",  "address",    "after",     "alias",    "anonymous",    "apply",       "as",
      "assembly",  "byte",       "bytes",     "calldata", "constant",     "constructor", "contract",
      "copyof",    "days",       "define",    "emit",     "ether",        "event",       "external",
      "fallback",  "final",      "fixed",     "function", "gwei",         "hex",         "hours",
      "immutable", "implements", "import",    "in",       "indexed",      "interface",   "internal",
      "is",        "let",        "library",   "macro",    "mapping",      "match",       "memory",
      "minutes",   "modifier",   "null",      "of",       "override",     "partial",     "payable",
      "pragma",    "promise",    "pure",      "receive",  "reference",    "relocatable", "returns",
      "sealed",    "seconds",    "sizeof",    "storage",  "string",       "supports",    "type",
      "typeof",    "ufixed",     "unchecked", "unicode",  "uint",         "int",         "using",
      "var",       "view",       "weeks",     "wei",      "years",        "szabo",       "finney",
      "error",     "revert",     "require",   "assert",   "selfdestruct", "keccak256",   "sha256",
      "ripemd160", "ecrecover",  "addmod",    "mulmod",   "blockhash",    "gasleft",     "block",
      "msg",       "tx",         "abi",       "super",    "now"};
  if (kReserved.contains(name)) return true;
  // uint8..uint256, int8..int256, bytes1..bytes32, fixedMxN, ufixedMxN.
  for (llvm::StringRef prefix : {"uint", "int", "bytes", "fixed", "ufixed"}) {
    llvm::StringRef rest = name;
    if (rest.consume_front(prefix) && !rest.empty() &&
        llvm::all_of(rest, [](char c) { return llvm::isDigit(c) || c == 'x'; })) {
      return true;
    }
  }
  return false;
}

std::string qualifiedTypeName(clang::QualType type, const clang::ASTContext& context) {
  clang::PrintingPolicy policy(context.getLangOpts());
  policy.SuppressScope = false;
  policy.FullyQualifiedName = true;
  policy.SuppressUnwrittenScope = true;
  policy.SuppressInlineNamespace = true;
  return clang::TypeName::getFullyQualifiedName(type, context, policy);
}

std::string describe(const AbiTypeMapping& mapping, const std::string& declaredType) {
  std::string text;
  if (mapping.unsupportedType != declaredType) text = "'" + mapping.unsupportedType + "' has none";
  if (!mapping.reason.empty()) text += (text.empty() ? "" : ": ") + mapping.reason;
  if (!text.empty()) text += "; ";
  return text + "method types are " + kSupportedTypes;
}

class Discovery {
public:
  Discovery(clang::ASTContext& context, Reporter& reporter, const std::vector<std::string>& reservedNames)
      : context_(context), sources_(context.getSourceManager()), reporter_(reporter),
        reservedNames_(reservedNames) {}

  // The method that `function` (a marked function) defines; nullopt after an error.
  std::optional<Method> method(const clang::FunctionDecl& function) {
    std::string name = function.getNameAsString();
    if (llvm::isa<clang::CXXMethodDecl>(function)) {
      return fail(function.getLocation(),
                  "VCC_METHOD marks free functions; '" + function.getQualifiedNameAsString() +
                      "' is a member function",
                  "declare the method at namespace scope");
    }
    if (function.isTemplated() || function.isTemplateInstantiation()) {
      return fail(function.getLocation(), "method '" + name + "' is a template",
                  "a method has concrete parameter and return types: call the template from a "
                  "plain function");
    }
    if (!function.getDeclName().isIdentifier() || !isIdentifier(name)) {
      return fail(function.getLocation(), "method '" + name + "' has no plain name",
                  "a method name is an identifier of ASCII letters, digits and '_'");
    }
    const clang::FunctionDecl* definition = function.getDefinition();
    if (definition == nullptr) {
      return fail(function.getLocation(), "method '" + name + "' is declared but not defined",
                  "define the method in the service source");
    }
    clang::SourceLocation where = definition->getLocation();
    if (!sources_.isInMainFile(sources_.getExpansionLoc(where))) {
      return fail(where, "method '" + name + "' is defined outside the service source",
                  "define methods in the service source itself; headers may hold what they call");
    }
    if (!definition->isExternallyVisible()) {
      return fail(
          where, "method '" + name + "' has internal linkage",
          "a method is called by name from vcc's dispatch code: do not declare it static or in an "
          "anonymous namespace");
    }
    if (definition->isVariadic()) {
      return fail(where, "method '" + name + "' is variadic",
                  "a method has a fixed list of parameters");
    }
    if (isSolidityReserved(name)) {
      return fail(where, "method name '" + name + "' is reserved in Solidity",
                  "rename the method: its name is also a function of the generated contract");
    }
    if (llvm::is_contained(reservedNames_, name)) {
      return fail(where, "method name '" + name + "' is declared by the generated service contract",
                  "rename the method: the contract already has a function, event, error or type "
                  "of that name");
    }

    Method method;
    method.name = name;
    method.qualifiedName = definition->getQualifiedNameAsString();
    method.position = position(where);
    bool ok = true;
    std::string types;
    for (const clang::ParmVarDecl* parameter : definition->parameters()) {
      std::optional<MethodParameter> described = this->parameter(*parameter, name);
      if (!described) {
        ok = false;
        continue;
      }
      if (!types.empty()) types += ",";
      types += described->abiType;
      method.parameters.push_back(std::move(*described));
    }
    if (!returnType(*definition, method)) ok = false;
    if (!ok) return std::nullopt;
    method.signature = name + "(" + types + ")";
    bytes32 hash = keccak256(std::string_view(method.signature));
    method.selector =
        static_cast<uint32_t>(hash.data[0]) << 24 | static_cast<uint32_t>(hash.data[1]) << 16 |
        static_cast<uint32_t>(hash.data[2]) << 8 | static_cast<uint32_t>(hash.data[3]);
    return method;
  }

  SourcePosition position(clang::SourceLocation location) const {
    clang::PresumedLoc presumed = sources_.getPresumedLoc(location);
    if (presumed.isInvalid()) return {};
    return SourcePosition{presumed.getFilename(), presumed.getLine(), presumed.getColumn()};
  }

  std::nullopt_t fail(clang::SourceLocation location, const std::string& what,
                      const std::string& instead, llvm::ArrayRef<clang::FixItHint> fixIts = {}) {
    reporter_.error(location, kMethodTag, what, instead, fixIts);
    return std::nullopt;
  }

private:
  std::optional<MethodParameter> parameter(const clang::ParmVarDecl& parameter,
                                           const std::string& method) {
    clang::QualType type = parameter.getType();
    std::string name = parameter.getNameAsString();
    std::string label = name.empty() ? "a parameter" : "parameter '" + name + "'";
    std::string declared = type.getAsString(context_.getPrintingPolicy());
    if (type->isLValueReferenceType() && !type.getNonReferenceType().isConstQualified()) {
      std::vector<clang::FixItHint> fixIts;
      clang::SourceLocation start = parameter.getTypeSpecStartLoc();
      if (start.isFileID()) fixIts.push_back(clang::FixItHint::CreateInsertion(start, "const "));
      return fail(
          parameter.getLocation(),
          label + " of method '" + method + "' is a non-const reference '" + declared + "'",
          "arguments are decoded from the request: take them by value or by const reference",
          fixIts);
    }
    AbiTypeMapping mapping = abiTypeOf(type, context_);
    if (!mapping.ok()) {
      std::string valueType =
          type.getNonReferenceType().getUnqualifiedType().getAsString(context_.getPrintingPolicy());
      return fail(parameter.getLocation(),
                  label + " of method '" + method + "' has type '" + declared +
                      "', which has no Solidity ABI type",
                  describe(mapping, valueType));
    }
    MethodParameter described;
    described.name = name;
    described.cppType = qualifiedTypeName(type, context_);
    described.valueType =
        qualifiedTypeName(type.getNonReferenceType().getUnqualifiedType(), context_);
    described.abiType = mapping.abiType;
    return described;
  }

  bool returnType(const clang::FunctionDecl& definition, Method& method) {
    clang::QualType type = definition.getReturnType();
    clang::SourceLocation where = definition.getLocation();
    std::string declared = type.getAsString(context_.getPrintingPolicy());
    if (type->isVoidType()) {
      fail(where, "method '" + method.name + "' returns void",
           "a method answers with its return value: return it");
      return false;
    }
    if (type->isReferenceType()) {
      fail(where, "method '" + method.name + "' returns a reference '" + declared + "'",
           "return a value");
      return false;
    }
    AbiTypeMapping mapping = abiTypeOf(type, context_);
    if (!mapping.ok()) {
      fail(where,
           "method '" + method.name + "' returns '" + declared +
               "', which has no Solidity ABI type",
           describe(mapping, type.getUnqualifiedType().getAsString(context_.getPrintingPolicy())));
      return false;
    }
    method.returnType = qualifiedTypeName(type.getUnqualifiedType(), context_);
    method.returnAbiType = mapping.abiType;
    return true;
  }

  clang::ASTContext& context_;
  const clang::SourceManager& sources_;
  Reporter& reporter_;
  const std::vector<std::string>& reservedNames_;
};

} // namespace

void discoverMethods(clang::ASTContext& context, Reporter& reporter, ServiceDescription& service,
                     const std::vector<std::string>& reservedNames) {
  const clang::SourceManager& sources = context.getSourceManager();
  if (!isIdentifier(service.serviceName)) {
    reporter.error(clang::SourceLocation(), kServiceTag,
                   "service name '" + service.serviceName +
                       "' (the source's file name) is not an identifier",
                   "name the source file with ASCII letters, digits and '_', e.g. matmul.cpp");
  }

  MarkedDeclarations marked;
  marked.TraverseDecl(context.getTranslationUnitDecl());
  Discovery discovery(context, reporter, reservedNames);
  struct Found {
    Method method;
    const clang::FunctionDecl* definition;
  };
  std::vector<Found> found;
  bool failed = false;
  llvm::SmallPtrSet<const clang::Decl*, 16> seen;
  for (clang::Decl* declaration : marked.found) {
    if (declaration->isInvalidDecl()) {
      failed = true;
      continue;
    }
    const auto* function = llvm::dyn_cast<clang::FunctionDecl>(declaration);
    if (function == nullptr) {
      if (llvm::isa<clang::FunctionTemplateDecl>(declaration))
        continue; // its function is marked too
      discovery.fail(declaration->getLocation(),
                     "VCC_METHOD marks functions, and this declaration is not one",
                     "put VCC_METHOD in front of a free function's declaration");
      failed = true;
      continue;
    }
    if (!seen.insert(function->getCanonicalDecl()).second) continue;
    std::optional<Method> method = discovery.method(*function);
    if (!method) {
      failed = true;
      continue;
    }
    found.push_back(Found{std::move(*method), function->getDefinition()});
  }
  std::sort(found.begin(), found.end(), [&](const Found& a, const Found& b) {
    return sources.isBeforeInTranslationUnit(a.definition->getLocation(),
                                             b.definition->getLocation());
  });

  std::map<std::string, const Found*> byName;
  std::map<uint32_t, const Found*> bySelector;
  for (const Found& candidate : found) {
    const Method& method = candidate.method;
    clang::SourceLocation where = candidate.definition->getLocation();
    if (auto [first, inserted] = byName.emplace(method.name, &candidate); !inserted) {
      bool overload = first->second->definition->getDeclContext()->getRedeclContext()->Equals(
          candidate.definition->getDeclContext()->getRedeclContext());
      std::string what = overload ? "method '" + method.name + "' is overloaded"
                                  : "method name '" + method.name + "' is already used by '" +
                                        first->second->method.qualifiedName + "'";
      if (reporter.error(where, kMethodTag, what,
                         "every method needs a name of its own: requests, the --method option and "
                         "the contract "
                         "name methods by name")) {
        reporter.note(first->second->definition->getLocation(),
                      "the other method '" + method.name + "' is here");
      }
      failed = true;
      continue;
    }
    if (auto [first, inserted] = bySelector.emplace(method.selector, &candidate); !inserted) {
      if (reporter.error(
              where, kMethodTag,
              "selector " + method.selectorHex() + " of '" + method.signature +
                  "' is also the selector of '" + first->second->method.signature + "'",
              "rename one of the two methods: a request names its method by the selector alone")) {
        reporter.note(first->second->definition->getLocation(),
                      "'" + first->second->method.signature + "' is here");
      }
      failed = true;
      continue;
    }
    service.methods.push_back(method);
  }
  if (service.methods.empty() && !failed) {
    reporter.error(clang::SourceLocation(), kServiceTag,
                   "service '" + service.serviceName + "' has no methods",
                   "mark the functions that serve requests with VCC_METHOD (vcc/config.hpp)");
  }
}

} // namespace vcc::frontend
