#include "Diagnostics.hpp"

#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instruction.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

#include <string>

namespace vcc::ir {
namespace {

// A finding with no function to attach it to; clang prints plugin-kind
// diagnostics as plain `error: <message>`.
class ModuleViolation : public llvm::DiagnosticInfo {
public:
  explicit ModuleViolation(const llvm::Twine& message)
      : llvm::DiagnosticInfo(kind(), llvm::DS_Error), message_(message) {}

  void print(llvm::DiagnosticPrinter& printer) const override { printer << message_; }

private:
  static int kind() {
    static const int value = llvm::getNextAvailablePluginDiagnosticKind();
    return value;
  }

  const llvm::Twine& message_;
};

} // namespace

void ViolationReporter::report(const llvm::Instruction& at, llvm::StringRef rule,
                               const llvm::Twine& message) {
  emit(&at, rule, message);
}

void ViolationReporter::reportFunction(llvm::StringRef rule, const llvm::Twine& message) {
  emit(nullptr, rule, message);
}

void ViolationReporter::emit(const llvm::Instruction* at, llvm::StringRef rule,
                             const llvm::Twine& message) {
  std::string text = (message + " [" + rule + "]").str();
  // Without an instruction location, leave the location empty: clang then
  // points at the function's declaration (name and column), which beats the
  // DISubprogram's line.
  llvm::DiagnosticLocation location;
  unsigned line = 0;
  unsigned column = 0;
  if (at != nullptr && at->getDebugLoc()) {
    location = llvm::DiagnosticLocation(at->getDebugLoc());
    line = at->getDebugLoc().getLine();
    column = at->getDebugLoc().getCol();
  }
  std::string key = std::to_string(line) + ":" + std::to_string(column) + ":" + text;
  if (!reported_.insert(key).second) return;
  function_.getContext().diagnose(
      llvm::DiagnosticInfoUnsupported(function_, text, location, llvm::DS_Error));
}

void reportModuleViolation(llvm::Module& module, llvm::StringRef rule, const llvm::Twine& message) {
  std::string text = (message + " [" + rule + "]").str();
  module.getContext().diagnose(ModuleViolation(text));
}

} // namespace vcc::ir
