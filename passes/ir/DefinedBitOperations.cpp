// Canonicalization. Operations whose result C++ or LLVM leaves undefined
// for some operands, given one meaning on every target (docs/passes.md,
// "Defined semantics"):
//
// - llvm.ctlz / llvm.cttz with "zero is poison" (__builtin_clz(0),
//   __builtin_ctz(0)): the flag is cleared, so a zero operand gives the bit
//   width (32 for clz(0u)), as std::countl_zero does.
// - shl / lshr / ashr by an amount that is not a constant: the amount is
//   masked to the width (x << 33 is x << 1 for 32 bits), which is what both
//   x86-64 and RV64 shift instructions do, so the instruction selector
//   drops the mask again; without it, LLVM treats an over-wide shift as
//   poison and may fold it differently per target.
#include "Passes.hpp"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"

namespace vcc::ir {

llvm::PreservedAnalyses DefinedBitOperations::run(llvm::Function& function, llvm::FunctionAnalysisManager&) {
  bool changed = false;
  llvm::SmallVector<llvm::BinaryOperator*, 8> shifts;
  for (llvm::Instruction& instruction : llvm::instructions(function)) {
    if (auto* call = llvm::dyn_cast<llvm::IntrinsicInst>(&instruction)) {
      llvm::Intrinsic::ID id = call->getIntrinsicID();
      if ((id == llvm::Intrinsic::ctlz || id == llvm::Intrinsic::cttz) &&
          !llvm::cast<llvm::Constant>(call->getArgOperand(1))->isZeroValue()) {
        call->setArgOperand(1, llvm::ConstantInt::getFalse(function.getContext()));
        changed = true;
      }
    } else if (auto* operation = llvm::dyn_cast<llvm::BinaryOperator>(&instruction)) {
      if (operation->isShift() && !llvm::isa<llvm::Constant>(operation->getOperand(1))) shifts.push_back(operation);
    }
  }
  for (llvm::BinaryOperator* shift : shifts) {
    llvm::IRBuilder<> builder(shift);
    llvm::Type* type = shift->getType();
    llvm::Value* mask = llvm::ConstantInt::get(type, type->getScalarSizeInBits() - 1);
    llvm::Value* masked = builder.CreateAnd(shift->getOperand(1), mask);
    if (auto* instruction = llvm::dyn_cast<llvm::Instruction>(masked)) instruction->setDebugLoc(shift->getDebugLoc());
    shift->setOperand(1, masked);
    changed = true;
  }
  if (!changed) return llvm::PreservedAnalyses::all();
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

} // namespace vcc::ir
