// Canonicalization. A NaN that arithmetic produces has target-specific
// bits: x86-64 gives 0xffc00000 (sign set) and propagates payloads, RV64's
// soft-float the canonical 0x7fc00000. A program observes them only by
// storing a float to memory (and reading the bytes), by bitcasting it to an
// integer, or through copysign's sign operand. This pass replaces a NaN by
// the canonical quiet NaN (0x7fc00000, 0x7ff8000000000000) at exactly
// those places, on every target, so float memory and float bits never hold
// another NaN (docs/passes.md, "Defined semantics"). Values in registers
// keep whatever NaN they have; no operation can tell them apart.
//
// A value that ValueTracking proves never NaN (from how it was computed,
// and from the branches and assumptions that dominate the use) needs no
// check: an integer converted to float, a product of such values with
// finite constants, a value the code already tested with x == x, ... (with
// a longer reach than ValueTracking's own, neverNaN below). This keeps the
// cost in the math library, whose bit manipulations of values it has
// classified are bitcasts, near zero.
#include "Passes.hpp"

#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/DomConditionCache.h"
#include "llvm/Analysis/SimplifyQuery.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

namespace vcc::ir {
namespace {

bool isFloat(const llvm::Type* type) {
  const llvm::Type* scalar = type->getScalarType();
  return scalar->isFloatTy() || scalar->isDoubleTy() || scalar->isHalfTy() || scalar->isBFloatTy();
}

// x is NaN ? canonical NaN : x, inserted before `at` (IRBuilder folds it
// for constants).
llvm::Value* canonicalize(llvm::Value* value, llvm::Instruction* at) {
  llvm::IRBuilder<> builder(at);
  llvm::Value* isNaN = builder.CreateFCmpUNO(value, value);
  llvm::Value* result = builder.CreateSelect(isNaN, llvm::ConstantFP::getQNaN(value->getType()), value);
  for (llvm::Value* created : {isNaN, result})
    if (auto* instruction = llvm::dyn_cast<llvm::Instruction>(created)) instruction->setDebugLoc(at->getDebugLoc());
  return result;
}

bool isFiniteConstant(const llvm::Value* value, bool nonZero) {
  const auto* constant = llvm::dyn_cast<llvm::ConstantFP>(value);
  return constant != nullptr && constant->getValueAPF().isFinite() && !(nonZero && constant->isZero());
}

// isKnownNeverNaN with a longer reach. ValueTracking stops 6 operations
// deep, and a math function's bit manipulation is often further from the
// test or conversion that makes its argument non-NaN (fabs, fpext, a scale
// by 2, a multiply by 64/ln2 and a rounding shift: 5 operations before the
// bitcast). Through the operations that give NaN only for a NaN operand
// when the other operand is a finite constant (non-zero for * and /), and
// through fpext, fptrunc, fabs, fneg and copysign's magnitude, the question
// passes to the operand, each time asked again of ValueTracking at the same
// use; a value that is still unknown after 32 steps counts as a NaN.
bool neverNaN(const llvm::Value* value, const llvm::SimplifyQuery& query, unsigned steps = 0) {
  if (llvm::isKnownNeverNaN(value, 0, query)) return true;
  if (steps == 32) return false;
  const auto* instruction = llvm::dyn_cast<llvm::Instruction>(value);
  if (instruction == nullptr) return false;
  switch (instruction->getOpcode()) {
  case llvm::Instruction::FPExt:
  case llvm::Instruction::FPTrunc:
  case llvm::Instruction::FNeg:
    return neverNaN(instruction->getOperand(0), query, steps + 1);
  case llvm::Instruction::FAdd:
  case llvm::Instruction::FSub:
  case llvm::Instruction::FMul:
  case llvm::Instruction::FDiv: {
    const bool nonZero = instruction->getOpcode() == llvm::Instruction::FMul ||
                         instruction->getOpcode() == llvm::Instruction::FDiv;
    const llvm::Value* left = instruction->getOperand(0);
    const llvm::Value* right = instruction->getOperand(1);
    if (isFiniteConstant(right, nonZero)) return neverNaN(left, query, steps + 1);
    if (isFiniteConstant(left, nonZero)) return neverNaN(right, query, steps + 1);
    return false;
  }
  case llvm::Instruction::Call:
    if (const auto* call = llvm::dyn_cast<llvm::IntrinsicInst>(instruction)) {
      if (call->getIntrinsicID() == llvm::Intrinsic::fabs || call->getIntrinsicID() == llvm::Intrinsic::copysign)
        return neverNaN(call->getArgOperand(0), query, steps + 1);
    }
    return false;
  default:
    return false;
  }
}

} // namespace

llvm::PreservedAnalyses CanonicalNaN::run(llvm::Function& function, llvm::FunctionAnalysisManager& analyses) {
  struct Use {
    llvm::Instruction* user;
    unsigned operand;
  };
  llvm::SmallVector<Use, 16> uses;
  for (llvm::Instruction& instruction : llvm::instructions(function)) {
    if (auto* store = llvm::dyn_cast<llvm::StoreInst>(&instruction)) {
      if (isFloat(store->getValueOperand()->getType())) uses.push_back({store, 0});
    } else if (auto* cast = llvm::dyn_cast<llvm::BitCastInst>(&instruction)) {
      if (isFloat(cast->getSrcTy()) && !isFloat(cast->getDestTy())) uses.push_back({cast, 0});
    } else if (auto* call = llvm::dyn_cast<llvm::IntrinsicInst>(&instruction)) {
      if (call->getIntrinsicID() == llvm::Intrinsic::copysign) uses.push_back({call, 1});
    }
  }
  if (uses.empty()) return llvm::PreservedAnalyses::all();
  // Facts are gathered before any select is inserted; the checks inserted
  // below change no branch, so they stay true.
  const llvm::DominatorTree& dominators = analyses.getResult<llvm::DominatorTreeAnalysis>(function);
  llvm::AssumptionCache& assumptions = analyses.getResult<llvm::AssumptionAnalysis>(function);
  const llvm::TargetLibraryInfo& libraries = analyses.getResult<llvm::TargetLibraryAnalysis>(function);
  llvm::DomConditionCache conditions;
  for (llvm::BasicBlock& block : function)
    if (auto* branch = llvm::dyn_cast<llvm::BranchInst>(block.getTerminator()); branch && branch->isConditional())
      conditions.registerBranch(branch);
  const llvm::SimplifyQuery query(function.getDataLayout(), &libraries, &dominators, &assumptions, nullptr,
                                  /*UseInstrInfo=*/true, /*CanUseUndef=*/true, &conditions);
  llvm::SmallVector<Use, 16> needed;
  for (const Use& use : uses)
    if (!neverNaN(use.user->getOperand(use.operand), query.getWithInstruction(use.user)))
      needed.push_back(use);
  bool changed = false;
  for (const Use& use : needed) {
    llvm::Value* original = use.user->getOperand(use.operand);
    llvm::Value* replacement = canonicalize(original, use.user);
    if (replacement != original) {
      use.user->setOperand(use.operand, replacement);
      changed = true;
    }
  }
  if (!changed) return llvm::PreservedAnalyses::all();
  llvm::PreservedAnalyses preserved;
  preserved.preserveSet<llvm::CFGAnalyses>();
  return preserved;
}

} // namespace vcc::ir
