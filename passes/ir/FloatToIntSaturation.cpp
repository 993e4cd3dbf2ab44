// Canonicalization. C and C++ leave a float-to-integer conversion undefined
// when the value does not fit (or is NaN); x86-64's cvttsd2si then gives
// the "integer indefinite" 0x80000000..., the RV64 image's soft-float
// routines (libgcc __fixdfdi & co.) their own choice, and the optimizer
// may fold it to anything. Rewriting fptosi/fptoui to llvm.fptosi.sat/fptoui.sat
// (saturate, NaN -> 0) gives every target the same defined answer. Clang
// emits the same with -fno-strict-float-cast-overflow, which vcc also
// passes; this pass covers code that reaches the backend without it.
#include "Passes.hpp"

#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Intrinsics.h"

namespace vcc::ir {

llvm::PreservedAnalyses FloatToIntSaturation::run(llvm::Function& function,
                                                  llvm::FunctionAnalysisManager&) {
  llvm::SmallVector<llvm::CastInst*, 8> conversions;
  for (llvm::Instruction& instruction : llvm::instructions(function))
    if (llvm::isa<llvm::FPToSIInst, llvm::FPToUIInst>(instruction))
      conversions.push_back(llvm::cast<llvm::CastInst>(&instruction));
  if (conversions.empty()) return llvm::PreservedAnalyses::all();

  for (llvm::CastInst* conversion : conversions) {
    llvm::Intrinsic::ID id = llvm::isa<llvm::FPToSIInst>(conversion) ? llvm::Intrinsic::fptosi_sat
                                                                     : llvm::Intrinsic::fptoui_sat;
    llvm::IRBuilder<> builder(conversion);
    llvm::CallInst* saturating = builder.CreateIntrinsic(
        id, {conversion->getDestTy(), conversion->getSrcTy()}, {conversion->getOperand(0)});
    saturating->takeName(conversion);
    saturating->setDebugLoc(conversion->getDebugLoc());
    conversion->replaceAllUsesWith(saturating);
    conversion->eraseFromParent();
  }
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

} // namespace vcc::ir
