// Inline assembly is one target's machine code: the native binary and the
// VM image would not run the same program. Only runtime functions (the
// allow list's [runtime-functions], e.g. vcc::oracle's `ecall`) may use it.
#include "AllowList.hpp"
#include "Diagnostics.hpp"
#include "Passes.hpp"

#include "llvm/IR/Function.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"

#include <string>

namespace vcc::ir {
namespace {

// The first line of the template, shortened: enough to find it in the source.
std::string excerpt(llvm::StringRef assembly) {
  llvm::StringRef line = assembly.split('\n').first.trim();
  if (line.size() > 40) return line.take_front(37).str() + "...";
  return line.str();
}

} // namespace

llvm::PreservedAnalyses InlineAsmCheck::run(llvm::Function& function,
                                            llvm::FunctionAnalysisManager&) {
  if (activeAllowList(*function.getParent()).isRuntimeFunction(function))
    return llvm::PreservedAnalyses::all();
  ViolationReporter reporter(function);
  for (llvm::Instruction& instruction : llvm::instructions(function)) {
    auto* call = llvm::dyn_cast<llvm::CallBase>(&instruction);
    if (call == nullptr || !call->isInlineAsm()) continue;
    auto* assembly = llvm::cast<llvm::InlineAsm>(call->getCalledOperand());
    reporter.report(instruction, "vcc-inline-asm",
                    "inline assembly \"" + excerpt(assembly->getAsmString()) +
                        "\" is not allowed: it is machine code for one target, so the native "
                        "binary and the VM image would differ; write portable C++ or use the "
                        "vcc stdlib");
  }
  return llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
