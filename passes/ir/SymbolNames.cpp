#include "SymbolNames.hpp"

#include "llvm/Demangle/Demangle.h"

#include <cstdlib>

namespace vcc::ir {

std::string qualifiedName(llvm::StringRef symbol) {
  if (!symbol.starts_with("_Z")) return symbol.str();
  llvm::ItaniumPartialDemangler demangler;
  std::string mangled = symbol.str();
  if (demangler.partialDemangle(mangled.c_str())) return mangled;
  // Data symbols (guard variables, vtables) are not functions; show them whole.
  if (!demangler.isFunction()) return llvm::demangle(mangled);
  std::size_t size = 0;
  char* name = demangler.getFunctionName(nullptr, &size);
  if (name == nullptr) return mangled;
  std::string result(name);
  std::free(name);
  return result;
}

std::string displayName(llvm::StringRef symbol) {
  return llvm::demangle(symbol);
}

} // namespace vcc::ir
