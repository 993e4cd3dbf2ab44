// Target-specific intrinsics (llvm.x86.*, llvm.riscv.*, ...) come from
// <immintrin.h>-style code that exists for one target only, and some are
// approximations (llvm.x86.sse.rcp.ps, rsqrt). Runtime functions may use
// them behind a portable interface (keccak's AVX2 path, say).
#include "AllowList.hpp"
#include "Diagnostics.hpp"
#include "Passes.hpp"

#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"

namespace vcc::ir {

llvm::PreservedAnalyses TargetIntrinsicsCheck::run(llvm::Function& function,
                                                   llvm::FunctionAnalysisManager&) {
  if (activeAllowList(*function.getParent()).isRuntimeFunction(function))
    return llvm::PreservedAnalyses::all();
  ViolationReporter reporter(function);
  for (llvm::Instruction& instruction : llvm::instructions(function)) {
    auto* call = llvm::dyn_cast<llvm::CallBase>(&instruction);
    const llvm::Function* callee = call != nullptr ? call->getCalledFunction() : nullptr;
    if (callee == nullptr || !callee->isTargetIntrinsic()) continue;
    reporter.report(instruction, "vcc-target-intrinsics",
                    "target-specific intrinsic '" + callee->getName() +
                        "' is not allowed: the other target has no such operation; write "
                        "portable C++ (vector intrinsics come from the vcc stdlib)");
  }
  return llvm::PreservedAnalyses::all();
}

} // namespace vcc::ir
