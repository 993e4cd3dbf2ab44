// Canonicalization. C++ leaves x / 0 and INT_MIN / -1 undefined: x86-64
// raises SIGFPE, RV64 returns defined values, and LLVM may assume either
// never happens. This pass gives every integer division and remainder
// whose divisor is not a constant that rules both out RISC-V's results, on
// every target (docs/passes.md, "Defined semantics"):
//
//   x / 0 = all ones (-1 signed, UINT_MAX unsigned)   x % 0 = x
//   INT_MIN / -1 = INT_MIN                            INT_MIN % -1 = 0
//
// spelled as a division by a divisor that cannot trap (1 where the
// original would), followed by selects. The hardware instruction stays.
#include "Passes.hpp"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"

namespace vcc::ir {
namespace {

bool isSigned(unsigned opcode) { return opcode == llvm::Instruction::SDiv || opcode == llvm::Instruction::SRem; }
bool isDivision(unsigned opcode) { return opcode == llvm::Instruction::SDiv || opcode == llvm::Instruction::UDiv; }

// A constant divisor that is neither zero nor (signed) -1 needs nothing.
bool needsRewrite(const llvm::BinaryOperator& operation) {
  auto* divisor = llvm::dyn_cast<llvm::Constant>(operation.getOperand(1));
  if (divisor == nullptr) return true;
  if (divisor->containsUndefOrPoisonElement()) return true;
  if (!divisor->getType()->isVectorTy()) {
    auto* integer = llvm::dyn_cast<llvm::ConstantInt>(divisor);
    if (integer == nullptr) return true;
    return integer->isZero() || (isSigned(operation.getOpcode()) && integer->isMinusOne());
  }
  return true;  // vector constants: rewrite, the optimizer folds what it can
}

llvm::Value* rewrite(llvm::BinaryOperator& operation) {
  llvm::IRBuilder<> builder(&operation);
  llvm::Value* dividend = operation.getOperand(0);
  llvm::Value* divisor = operation.getOperand(1);
  llvm::Type* type = divisor->getType();
  llvm::Constant* zero = llvm::Constant::getNullValue(type);
  llvm::Constant* one = llvm::ConstantInt::get(type, 1);
  llvm::Constant* allOnes = llvm::Constant::getAllOnesValue(type);
  const unsigned opcode = operation.getOpcode();

  llvm::Value* byZero = builder.CreateICmpEQ(divisor, zero);
  llvm::Value* trapping = byZero;
  if (isSigned(opcode)) {
    unsigned bits = type->getScalarSizeInBits();
    llvm::Constant* minimum = llvm::ConstantInt::get(type, llvm::APInt::getSignedMinValue(bits));
    llvm::Value* overflow =
        builder.CreateAnd(builder.CreateICmpEQ(dividend, minimum), builder.CreateICmpEQ(divisor, allOnes));
    trapping = builder.CreateOr(byZero, overflow);
  }
  // With divisor 1 the overflow case already gives RISC-V's answer:
  // INT_MIN / 1 = INT_MIN and INT_MIN % 1 = 0.
  llvm::Value* safeDivisor = builder.CreateSelect(trapping, one, divisor);
  auto* safe = llvm::BinaryOperator::Create(operation.getOpcode(), dividend, safeDivisor, "", &operation);
  safe->setDebugLoc(operation.getDebugLoc());
  llvm::Value* byZeroResult = isDivision(opcode) ? static_cast<llvm::Value*>(allOnes) : dividend;
  llvm::Value* result = builder.CreateSelect(byZero, byZeroResult, safe);
  result->takeName(&operation);
  return result;
}

} // namespace

llvm::PreservedAnalyses DefinedDivision::run(llvm::Function& function, llvm::FunctionAnalysisManager&) {
  llvm::SmallVector<llvm::BinaryOperator*, 8> divisions;
  for (llvm::Instruction& instruction : llvm::instructions(function))
    if (auto* operation = llvm::dyn_cast<llvm::BinaryOperator>(&instruction))
      if (operation->isIntDivRem() && needsRewrite(*operation)) divisions.push_back(operation);
  if (divisions.empty()) return llvm::PreservedAnalyses::all();
  for (llvm::BinaryOperator* operation : divisions) {
    llvm::Value* replacement = rewrite(*operation);
    if (auto* instruction = llvm::dyn_cast<llvm::Instruction>(replacement))
      instruction->setDebugLoc(operation->getDebugLoc());
    operation->replaceAllUsesWith(replacement);
    operation->eraseFromParent();
  }
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

} // namespace vcc::ir
