// How the checks report: LLVM error diagnostics (DiagnosticInfoUnsupported),
// which clang prints as `file:line:col: error: ...` and counts as a failed
// compilation; opt and llc print them the same way.
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"

namespace llvm {
class Function;
class Instruction;
class Module;
} // namespace llvm

namespace vcc::ir {

// Reports the violations found in one function. The location is the
// instruction's debug location (with -g); otherwise clang points at the
// function's declaration (opt prints no location). Each
// (location, message) is reported once, so that -O0's many loads and stores
// of one offending value read as one error. Messages end with [rule].
class ViolationReporter {
public:
  explicit ViolationReporter(const llvm::Function& function) : function_(function) {}

  void report(const llvm::Instruction& at, llvm::StringRef rule, const llvm::Twine& message);
  // A finding about the function itself (its attributes or signature).
  void reportFunction(llvm::StringRef rule, const llvm::Twine& message);

private:
  void emit(const llvm::Instruction* at, llvm::StringRef rule, const llvm::Twine& message);

  const llvm::Function& function_;
  llvm::StringSet<> reported_;
};

// A finding that belongs to no function (a global variable, module-level
// asm): an error without a source location; the message names the entity.
void reportModuleViolation(llvm::Module& module, llvm::StringRef rule, const llvm::Twine& message);

} // namespace vcc::ir
