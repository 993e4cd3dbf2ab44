// Names of functions as the allow list and the diagnostics see them.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>

namespace vcc::ir {

// The C++ name of a symbol without its return type and parameter list
// ("std::__1::basic_string<char, ...>::append", "operator new",
// "vcc::math::exp"), or the symbol itself when it is not an Itanium C++ name
// ("memcpy").
std::string qualifiedName(llvm::StringRef symbol);

// The fully demangled name, for diagnostics ("operator new(unsigned long)").
std::string displayName(llvm::StringRef symbol);

} // namespace vcc::ir
