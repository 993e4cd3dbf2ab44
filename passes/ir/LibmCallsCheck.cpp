// Calls to (and addresses of) libm's transcendental functions: glibc on the
// native side and picolibc in the VM image round them differently, so a
// service gets them from vcc::math, which is built from exact operations.
// Only declarations count: a function the module defines is not libm's.
#include "Diagnostics.hpp"
#include "LibmFunctions.hpp"
#include "Passes.hpp"

#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"

namespace vcc::ir {

llvm::PreservedAnalyses LibmCallsCheck::run(llvm::Function& function,
                                            llvm::FunctionAnalysisManager&) {
  ViolationReporter reporter(function);
  for (llvm::Instruction& instruction : llvm::instructions(function)) {
    auto* call = llvm::dyn_cast<llvm::CallBase>(&instruction);
    for (const llvm::Use& operand : instruction.operands()) {
      auto* callee = llvm::dyn_cast<llvm::Function>(operand.get()->stripPointerCasts());
      if (callee == nullptr || !callee->isDeclaration()) continue;
      llvm::StringRef base = libmBaseName(callee->getName());
      if (base.empty()) continue;
      bool isCall = call != nullptr && call->isCallee(&operand);
      reporter.report(instruction, "vcc-libm-calls",
                      llvm::Twine(isCall ? "call to" : "address of") + " libm function '" +
                          callee->getName() +
                          "': its result differs in the last bits between the native C "
                          "library and the VM image's; " +
                          vccMathAdvice(base));
    }
  }
  return llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
