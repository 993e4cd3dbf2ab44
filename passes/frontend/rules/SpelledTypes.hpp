// Shared by the rules that reject library classes (std::thread,
// std::ifstream, std::random_device, ...): a matcher for each place such a
// type is spelled in the source (declarations, casts, template arguments,
// `new`), however it is spelled: `std::ifstream`, `std::basic_ifstream<char>`.
#pragma once

#include "clang/AST/TypeLoc.h"
#include "clang/ASTMatchers/ASTMatchers.h"

#include <string>

namespace vcc::frontend {

// A TypeLoc, bound to "type", whose type is a class (or class template
// specialization) matched by `classMatcher`, bound to "class". Only the
// innermost spelling matches: `const std::ifstream&` once, at `ifstream`.
clang::ast_matchers::TypeLocMatcher
spelledClass(const clang::ast_matchers::DeclarationMatcher& classMatcher);

// Whether a spelling found by spelledClass is reported. Uses of a service's
// own alias (`using File = std::ifstream; File f;`) are not: the alias is
// reported where it is declared.
bool isReportedSpelling(clang::TypeLoc type);

// The type as its spelling names it, with namespaces and without template
// arguments or inline namespaces: "std::ifstream", "std::basic_ifstream".
std::string spelledTypeName(clang::TypeLoc type, const clang::NamedDecl& matchedClass);

} // namespace vcc::frontend
