// Canonicalization. llvm.minnum/llvm.maxnum (C's fmin/fmax) may return
// either operand when they compare equal, so fmin(+0.0, -0.0) is +0.0 on
// x86-64 (minsd keeps the first operand) and -0.0 in the RV64 image
// (picolibc's fmin), which vcc's differential tests catch. This pass spells
// them out with IEEE 754-2019 minimumNumber/maximumNumber semantics, the
// same on every target: a NaN operand yields the other one, and -0 < +0.
//
//   min = a < b ? a : (b is NaN ? a : b), and bitwise a | b when a == b
//   max = a > b ? a : (b is NaN ? a : b), and bitwise a & b when a == b
//
// (Equal values have equal bits except for the sign of zero, so OR picks
// -0 for min and AND picks +0 for max.) The backends keep selects on plain
// compares as they are; nothing folds them back without nnan/nsz flags,
// which vcc-fast-math-flags rejects.
#include "Passes.hpp"

#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"

namespace vcc::ir {
namespace {

llvm::Value* expand(llvm::IntrinsicInst& call) {
  bool isMin = call.getIntrinsicID() == llvm::Intrinsic::minnum;
  llvm::IRBuilder<> builder(&call);
  llvm::Value* a = call.getArgOperand(0);
  llvm::Value* b = call.getArgOperand(1);
  llvm::Type* type = a->getType();
  llvm::Type* bitsType = type->getWithNewType(
      builder.getIntNTy(type->getScalarType()->getPrimitiveSizeInBits().getFixedValue()));

  llvm::Value* aWins = isMin ? builder.CreateFCmpOLT(a, b) : builder.CreateFCmpOGT(a, b);
  llvm::Value* bIsNaN = builder.CreateFCmpUNO(b, b);
  llvm::Value* ordered = builder.CreateSelect(aWins, a, builder.CreateSelect(bIsNaN, a, b));
  llvm::Value* aBits = builder.CreateBitCast(a, bitsType);
  llvm::Value* bBits = builder.CreateBitCast(b, bitsType);
  llvm::Value* equalBits = isMin ? builder.CreateOr(aBits, bBits) : builder.CreateAnd(aBits, bBits);
  llvm::Value* result = builder.CreateSelect(builder.CreateFCmpOEQ(a, b),
                                             builder.CreateBitCast(equalBits, type), ordered);
  result->takeName(&call);
  return result;
}

} // namespace

llvm::PreservedAnalyses MinMaxSignedZero::run(llvm::Function& function,
                                              llvm::FunctionAnalysisManager&) {
  llvm::SmallVector<llvm::IntrinsicInst*, 8> calls;
  for (llvm::Instruction& instruction : llvm::instructions(function))
    if (auto* call = llvm::dyn_cast<llvm::IntrinsicInst>(&instruction))
      if (call->getIntrinsicID() == llvm::Intrinsic::minnum ||
          call->getIntrinsicID() == llvm::Intrinsic::maxnum)
        calls.push_back(call);
  if (calls.empty()) return llvm::PreservedAnalyses::all();

  for (llvm::IntrinsicInst* call : calls) {
    llvm::Value* replacement = expand(*call);
    // Every new instruction keeps the call's source location.
    if (auto* instruction = llvm::dyn_cast<llvm::Instruction>(replacement))
      instruction->setDebugLoc(call->getDebugLoc());
    call->replaceAllUsesWith(replacement);
    call->eraseFromParent();
  }
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

} // namespace vcc::ir
