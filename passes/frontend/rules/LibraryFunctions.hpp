// Shared by the rules that reject C and C++ library functions by name
// (time, rand, getenv, fopen, exp, ...): a matcher for references to them
// (calls, and addresses taken) and the test that the function found is the
// library's, not a service function that happens to share a name.
#pragma once

#include "clang/AST/Decl.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace vcc::frontend {

// Each name as "::name": the C library's functions (std::fopen and the
// like are using-declarations of these).
std::vector<std::string> globalNames(llvm::ArrayRef<llvm::StringRef> names);

// Each name as "::name" and "::std::name" (inline namespaces such as
// libc++'s std::__1 match too).
std::vector<std::string> globalAndStdNames(llvm::ArrayRef<llvm::StringRef> names);

// A DeclRefExpr, bound to "reference", naming a function in `qualifiedNames`,
// bound to "function".
clang::ast_matchers::StatementMatcher
libraryFunctionReference(const std::vector<std::string>& qualifiedNames);

// Whether `function` comes from the C or C++ library: first declared in a
// system header, a compiler builtin, or declared extern "C". A service's own
// `connect(Graph&, int, int)` is not.
bool isLibraryFunction(const clang::FunctionDecl& function);

// The function as `reference` spells it ("std::exp", "__sync_fetch_and_add"),
// for messages that name what the user wrote; `function`'s name when a macro
// wrote it.
std::string spelledName(const clang::DeclRefExpr& reference, const clang::ASTContext& context);

} // namespace vcc::frontend
