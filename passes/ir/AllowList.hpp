// The allow list: which external functions a service may call, and which
// functions are the trusted vcc runtime (exempt from the inline-asm,
// atomics, volatile, target-intrinsic and external-call rules).
//
// Format (docs/passes.md): one pattern per line under a section header,
// `#` starts a comment, `*` matches any run of characters (nothing else is
// special, so `operator new[]` is literal). A pattern matches a function if
// it matches its symbol (`memcpy`, `_Znwm`) or its C++ name without return
// type and parameters (`operator new`, `std::__1::basic_string<*>::append`).
//
//   [external-calls]      functions that may be called (declared, not defined)
//   [runtime-functions]   trusted functions (these may also be called)
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace vcc::ir {

class AllowList {
public:
  // Parses a list; errors name sourceName and the line.
  static llvm::Expected<AllowList> parse(llvm::StringRef text, llvm::StringRef sourceName);
  void merge(const AllowList& other);

  // May a checked function call (or take the address of) this declaration?
  bool allowsCall(const llvm::Function& callee) const;
  // Is this function's body trusted runtime code?
  bool isRuntimeFunction(const llvm::Function& function) const;

private:
  std::vector<std::string> externalCalls_;
  std::vector<std::string> runtimeFunctions_;
};

// The list in effect: the union of the -vcc-allowed-calls=FILE lists, or
// the built-in one when the option is not given. Loaded once per process; a
// file that cannot be read or parsed is reported as an error (once per
// module) and contributes nothing.
const AllowList& activeAllowList(llvm::Module& module);

// `*` matches any run of characters; everything else is literal.
bool matchesWildcard(llvm::StringRef pattern, llvm::StringRef text);

} // namespace vcc::ir
